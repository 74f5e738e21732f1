// Issuing depositary notifications, in the transaction of the write that causes them: the treaty
// registry's record, correct and import use cases call these with the facts of the action (this feature reads
// no treaty table; the registry hands over what a notification says). See docs/notifications.md.
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../../context.ts';
import type { ActionKind } from '../../treaties/domain/types.ts';
import { cnReference, type ReferenceSource } from '../domain/facts.ts';
import { TEMPLATE_VERSION } from '../domain/template.ts';
import {
  insertNotification,
  nextCnNumber,
  notificationOfAction,
  type Db,
  type NewNotificationRow,
} from '../repository.ts';

/** What the registry tells a notification of one action. */
export interface NotifiableAction {
  actionId: number;
  kind: ActionKind;
  instrumentId: string;
  /** The instrument's Treaty Collection number ("XVIII-12-a"), for the C.N. symbol; null when not known. */
  mtdsgNo: string | null;
  participantId: string;
  participantName: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY as the source gives it; null or '' when it gives none. */
  date: string | null;
  article: string | null;
  territory: string | null;
  targetParticipantId: string | null;
  /** A withdrawal's or objection's target action: its kind and date. */
  target: { kind: ActionKind; date: string | null } | null;
  /** The depositary's own C.N. reference, when the source gives it. */
  depositaryRef: string | null;
  recordedAt: string;
}

/**
 * How the reference is chosen: an action the Secretariat records now is announced under the depositary's
 * reference when it comes with one, else under the next C.N. number of the year Palermo allocates; an action
 * of history (imported, or stored before notifications existed) keeps its depositary reference or has none.
 */
export type IssueMode = 'record' | 'history';

async function referenceFor(
  ctx: ServiceContext,
  trx: Db,
  action: NotifiableAction,
  mode: IssueMode,
): Promise<Pick<NewNotificationRow, 'reference' | 'reference_source' | 'cn_year' | 'cn_number'>> {
  const given = action.depositaryRef?.trim();
  if (given) return { reference: given, reference_source: 'depositary', cn_year: null, cn_number: null };
  if (mode === 'history' || !action.mtdsgNo) {
    return { reference: null, reference_source: 'none', cn_year: null, cn_number: null };
  }
  const year = Number(ctx.clock.today().slice(0, 4));
  const number = await nextCnNumber(trx, year);
  return {
    reference: cnReference(number, year, action.mtdsgNo),
    reference_source: 'palermo' satisfies ReferenceSource,
    cn_year: year,
    cn_number: number,
  };
}

function factsOf(action: NotifiableAction) {
  return {
    kind: action.kind,
    instrument_id: action.instrumentId,
    participant_id: action.participantId,
    participant_name: action.participantName,
    action_date: action.date || null,
    article: action.article,
    territory: action.territory,
    target_participant_id: action.targetParticipantId,
    target_kind: action.target?.kind ?? null,
    target_date: action.target?.date || null,
  };
}

/** The notification of one action; returns its id. */
export async function issueNotification(
  ctx: ServiceContext,
  trx: Db,
  action: NotifiableAction,
  mode: IssueMode,
): Promise<number> {
  const reference = await referenceFor(ctx, trx, action, mode);
  return insertNotification(trx, {
    uid: randomUUID(),
    category: 'action',
    action_id: action.actionId,
    replacement_action_id: null,
    corrects_id: null,
    correction_reason: null,
    ...factsOf(action),
    ...reference,
    issued_on: mode === 'record' ? ctx.clock.today() : null,
    template_version: TEMPLATE_VERSION,
    // History is dated when Palermo learnt of it, so a feed read after the backfill keeps the registry's order.
    recorded_at: mode === 'record' ? ctx.clock.now() : action.recordedAt,
    recorded_by: ctx.actor,
  });
}

/**
 * The corrigendum of a corrected action: it points at the notification it corrects and says what stands now
 * (the replacement's facts) or that the action is void. Nothing earlier is changed. A correction is the
 * Secretariat's act of today, so it takes a C.N. number of its own.
 */
export async function issueCorrigendum(
  ctx: ServiceContext,
  trx: Db,
  input: { corrected: NotifiableAction; replacement: NotifiableAction | null; reason: string },
): Promise<number> {
  const earlier = await notificationOfAction(trx, input.corrected.actionId);
  const stands = input.replacement ?? input.corrected;
  // The depositary reference given with the action belongs to the action's own notice, not to its correction.
  const reference = await referenceFor(ctx, trx, { ...stands, depositaryRef: null }, 'record');
  return insertNotification(trx, {
    uid: randomUUID(),
    category: 'corrigendum',
    action_id: input.corrected.actionId,
    replacement_action_id: input.replacement?.actionId ?? null,
    corrects_id: earlier ? Number(earlier.id) : null,
    correction_reason: input.reason,
    ...factsOf(stands),
    ...reference,
    issued_on: ctx.clock.today(),
    template_version: TEMPLATE_VERSION,
    recorded_at: ctx.clock.now(),
    recorded_by: ctx.actor,
  });
}
