// Recorded actions as a viewer may see them. Who recorded or corrected an action is shown to everyone by name;
// the internal ids behind the names (`user:<uuid>`, `token:<uuid>`) are the Secretariat's, since they name
// accounts and credentials (a reviewer found them public). The command line and internal work (no principal)
// keep them.
import { seesActorIds, type Principal } from '../../auth/domain/policy.ts';
import type { ServiceContext } from '../../context.ts';
import { listActionRecords, type ActionRecord, type Db } from '../repository.ts';

export function presentAction(record: ActionRecord, principal: Principal | null | undefined): ActionRecord {
  if (seesActorIds(principal)) return record;
  return {
    ...record,
    recordedBy: null,
    correction: record.correction ? { ...record.correction, correctedBy: null } : null,
  };
}

/** Every recorded action matching `filter` (corrected ones with their correction), as the caller may see it. */
export async function actionRecords(
  ctx: Pick<ServiceContext, 'principal'>,
  db: Db,
  filter: Parameters<typeof listActionRecords>[1],
): Promise<ActionRecord[]> {
  return (await listActionRecords(db, filter)).map((r) => presentAction(r, ctx.principal));
}
