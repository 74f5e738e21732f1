// Depositary notifications for the actions a database held before Palermo issued them (migration 019 made
// the table; a migration may not import the templates' facts, so this update writes the rows). Each action in
// effect gets the notice of history: its depositary reference when the source gives one, else none — never
// an invented C.N. number (docs/notifications.md). Actions recorded since are notified as they are written.
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/schema.ts';
import { issueNotification } from '../notifications/services/issue.ts';
import { notifiedActions } from '../notifications/services/lookups.ts';
import { listActionRecords, listInstruments, listParticipants } from '../treaties/repository.ts';
import { notifiableRecord } from '../treaties/services/notify.ts';
import type { ReferenceImportSummary } from './import-reference-actions.ts';

export const NOTIFICATIONS_SOURCE = 'the registry’s recorded actions (depositary notifications of history)';

export async function notifyHistory(ctx: ServiceContext, trx: Db): Promise<ReferenceImportSummary> {
  const [records, instruments, participants, notified] = [
    await listActionRecords(trx),
    await listInstruments(trx),
    await listParticipants(trx),
    await notifiedActions(trx),
  ];
  const byId = new Map(records.map((r) => [r.id, r]));
  const instrumentOf = new Map(instruments.map((i) => [i.id, i]));
  const participantOf = new Map(participants.map((p) => [p.id, p]));
  // In the order they were recorded, so that the feed's order is the registry's.
  const inEffect = records.filter((r) => r.correction === null).sort((a, b) => a.id - b.id);
  let recorded = 0;
  for (const r of inEffect) {
    if (notified.has(r.id)) continue;
    const target = r.targetActionId === null ? undefined : byId.get(r.targetActionId);
    const facts = notifiableRecord(r, instrumentOf.get(r.instrumentId), participantOf.get(r.participantId), target);
    await issueNotification(ctx, trx, facts, 'history');
    recorded++;
  }
  return {
    file: NOTIFICATIONS_SOURCE,
    candidates: inEffect.length,
    recorded,
    alreadyPresent: inEffect.length - recorded,
    skipped: [],
  };
}
