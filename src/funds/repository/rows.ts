// What every fund-ledger repository file shares: the store handle, and minor units read as bigint.
import type { Db } from '../../db/schema.ts';

export type { Db };

export { big } from '../../db/minor-units.ts';
