// What every fund-ledger repository file shares: the store handle, and minor units read as bigint.
import type { Db } from '../../treaties/repository.ts';

export type { Db };

export { big } from '../../db/minor-units.ts';
