// What other features read of the notifications: which actions are announced already.
import { notifiedActionIds, type Db } from '../repository.ts';

export async function notifiedActions(db: Db): Promise<Set<number>> {
  return notifiedActionIds(db);
}
