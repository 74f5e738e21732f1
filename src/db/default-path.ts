// Where the SQLite store lives unless told otherwise. Apart from database.ts so that the command line can name
// it in its help without loading the database drivers.
export const DEFAULT_SQLITE_PATH = './data/palermo.db';
