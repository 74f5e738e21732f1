// One store for a whole property test, every run inside a database transaction that is rolled back at the end
// of the run: the use cases still run inside runWrite, whose "transaction" becomes a savepoint of the run's
// transaction (released on success, rolled back on a refusal), so each run starts from the same small store
// and the invariant queries stay fast however many runs there are — on SQLite and PostgreSQL alike.
import type { ControlledTransaction, Kysely } from 'kysely';
import type { ServiceContext } from '../../../src/context.ts';
import type { Store } from '../../../src/db/database.ts';
import type { Database } from '../../../src/db/schema.ts';
import type { Db } from '../../../src/funds/repository.ts';
import { createTestStore, type TestStore } from '../../helpers/store.ts';
import { setUpFund, type FundSetup } from '../support.ts';

export interface ModelRun {
  ctx: ServiceContext;
  /** The run's transaction, for the invariant queries. */
  db: Db;
}

export interface ModelStore {
  t: TestStore;
  /** Runs `body` in a transaction that is rolled back whatever happens. */
  run<T>(body: (run: ModelRun) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let savepoints = 0;

/** `transaction().execute(fn)` of a Kysely instance, as a savepoint of `trx`. */
function savepointDb(trx: ControlledTransaction<Database>): Kysely<Database> {
  const execute = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const name = `w${++savepoints}`;
    const sp = await trx.savepoint(name).execute();
    try {
      const out = await fn(sp);
      await sp.releaseSavepoint(name).execute();
      return out;
    } catch (err) {
      await sp.rollbackToSavepoint(name).execute();
      throw err;
    }
  };
  // runWrite only asks the store's database for a transaction; anything else is a test bug, and says so.
  return new Proxy({} as Kysely<Database>, {
    get(_t, prop) {
      if (prop === 'transaction') return () => ({ execute });
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      throw new Error(`the model store's database has no "${String(prop)}": use the db passed in`);
    },
  });
}

export async function createModelStore(setup: FundSetup): Promise<ModelStore> {
  const t = await createTestStore();
  await setUpFund(t.ctx('model-setup'), setup);
  return {
    t,
    close: () => t.close(),
    run: async (body) => {
      const trx = await t.store.db.startTransaction().execute();
      const store: Store = { ...t.store, db: savepointDb(trx) };
      try {
        return await body({ ctx: { ...t.ctx('model'), store }, db: trx });
      } finally {
        await trx.rollback().execute();
      }
    },
  };
}
