// What the registry tells the notifications feature of an action it writes (src/notifications/services/issue.ts):
// the facts a depositary notification says, read here so that feature reads no treaty table.
import type { NotifiableAction } from '../../notifications/services/issue.ts';
import type { ActionKind } from '../domain/types.ts';
import {
  findInstrument,
  findParticipant,
  listActionRecords,
  type ActionRecord,
  type Db,
  type Instrument,
  type NewActionRow,
  type Participant,
} from '../repository.ts';

export async function notifiableAction(
  db: Db,
  id: number,
  row: NewActionRow,
  instrument: Pick<Instrument, 'mtdsgNo'>,
  participant: Pick<Participant, 'name'>,
): Promise<NotifiableAction> {
  const [target] =
    row.target_action_id === null ? [] : await listActionRecords(db, { ids: [row.target_action_id] });
  return {
    actionId: id,
    kind: row.kind as ActionKind,
    instrumentId: row.instrument_id,
    mtdsgNo: instrument.mtdsgNo,
    participantId: row.participant_id,
    participantName: participant.name,
    date: row.date_text || null,
    article: row.article,
    territory: row.territory,
    targetParticipantId: row.target_participant_id ?? target?.participantId ?? null,
    target: target ? { kind: target.kind, date: target.date } : null,
    depositaryRef: row.depositary_ref,
    recordedAt: row.recorded_at,
  };
}

/** The facts of an action as stored (`listActionRecords`), with its instrument's number and participant's name. */
export function notifiableRecord(
  record: ActionRecord,
  instrument: Pick<Instrument, 'mtdsgNo'> | undefined,
  participant: Pick<Participant, 'name'> | undefined,
  target: ActionRecord | undefined,
): NotifiableAction {
  return {
    actionId: record.id,
    kind: record.kind,
    instrumentId: record.instrumentId,
    mtdsgNo: instrument?.mtdsgNo ?? null,
    participantId: record.participantId,
    participantName: participant?.name ?? record.participantId,
    date: record.date || null,
    article: record.article,
    territory: record.territory,
    targetParticipantId: record.targetParticipantId ?? target?.participantId ?? null,
    target: target ? { kind: target.kind, date: target.date } : null,
    depositaryRef: record.depositaryRef,
    recordedAt: record.recordedAt,
  };
}

/** The facts of an action being corrected, read in the correction's transaction. */
export async function correctedAction(db: Db, record: ActionRecord): Promise<NotifiableAction> {
  const instrument = await findInstrument(db, record.instrumentId);
  const participant = await findParticipant(db, record.participantId);
  const targets =
    record.targetActionId === null ? [] : await listActionRecords(db, { ids: [record.targetActionId] });
  return notifiableRecord(record, instrument ?? undefined, participant ?? undefined, targets[0]);
}
