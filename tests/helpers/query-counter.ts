// How many queries a piece of code runs: the store's handle with a Kysely plugin that counts them, for tests
// that a read does not grow with the number of records (one query per record).
import type { KyselyPlugin } from 'kysely';
import type { Db } from '../../src/db/schema.ts';

export function countingQueries(db: Db): { db: Db; count: () => number } {
  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(counter), count: () => queries };
}
