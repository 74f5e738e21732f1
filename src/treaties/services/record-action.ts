// Record one treaty action, after the rules of src/treaties/domain/rules.ts. With `dryRun` nothing is
// written and the answer previews what the action would change ("UNTOC enters into force for X on …").
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { boundPartialDate, parsePartialDate, type IsoDate, type PartialDate } from '../../common/dates.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { runWrite, type WriteAnswer } from '../../db/write.ts';
import type { RecordActionInput } from '../contract.ts';
import { computeRegistry } from '../domain/engine.ts';
import { checkNewAction } from '../domain/rules.ts';
import { participantStatusAt, type ParticipantStatus } from '../domain/status.ts';
import {
  STATUS_KINDS,
  bearsOnStatus,
  type ComputedDate,
  type InstrumentComputation,
  type ParticipantRef,
  type RegistryAction,
} from '../domain/types.ts';
import type { RegistrySnapshot } from '../registry-state.ts';
import {
  bumpVersion,
  findInstrument,
  findParticipant,
  insertAction,
  listActionRecords,
  loadEffectiveActions,
  lockParticipant,
  toRegistryAction,
  type ActionRecord,
  type Db,
  type Instrument,
  type NewActionRow,
  type Participant,
} from '../repository.ts';
import { issueNotification } from '../../notifications/services/issue.ts';
import { actionRecords } from './action-records.ts';
import { notifiableAction } from './notify.ts';

export interface ActionEffect {
  instrumentId: string;
  participantId: string;
  /** The participant's status on the action's date (or its latest possible day) once the action counts. */
  statusAfter: ParticipantStatus;
  instrumentEntryIntoForce: ComputedDate | null;
  summary: string;
}

export function actionDate(
  input: Pick<RecordActionInput, 'date' | 'notBefore' | 'notAfter'>,
  today: IsoDate,
): PartialDate {
  const parsed = parsePartialDate(input.date);
  if (!parsed) throw new DomainError('validation', `date "${input.date}" is not a date`, { field: 'date' });
  if (input.notBefore && input.notAfter && input.notBefore > input.notAfter) {
    throw new DomainError('validation', 'notBefore is after notAfter', { field: 'notBefore' });
  }
  // An action recorded today happened by today: a later bound (9999-12-31 as "open-ended") says nothing,
  // and once carried the engine's arithmetic past the calendar's end.
  if (input.notAfter && input.notAfter > today) {
    throw new DomainError('validation', `notAfter ${input.notAfter} is after today (${today})`, {
      field: 'notAfter',
    });
  }
  const bounded = boundPartialDate(parsed, input.notBefore ?? null, input.notAfter ?? null);
  if (bounded.earliest !== null && bounded.latest !== null && bounded.earliest > bounded.latest) {
    const field = input.notBefore && input.notBefore > (parsed.latest ?? '') ? 'notBefore' : 'notAfter';
    throw new DomainError(
      'validation',
      `the bounds leave no day for date "${input.date}" (between ${bounded.earliest} and ${bounded.latest})`,
      { field },
    );
  }
  return bounded;
}

/**
 * The action a withdrawal or objection points at must exist, be in effect and be on the same instrument; an
 * objection answers another participant's reservation or declaration (and names that participant if it
 * names one).
 */
async function checkTarget(db: Db, input: RecordActionInput): Promise<void> {
  const [target] = await listActionRecords(db, { ids: [input.targetActionId as number] });
  if (!target || target.correction) {
    throw new DomainError('not_found', `action ${input.targetActionId} does not exist or was corrected`, {
      field: 'targetActionId',
    });
  }
  if (target.instrumentId !== input.instrumentId) {
    throw new DomainError(
      'validation',
      `action ${target.id} is on ${target.instrumentId}, not ${input.instrumentId}`,
      {
        field: 'targetActionId',
      },
    );
  }
  if (input.kind === 'objection') {
    if (
      !['reservation', 'declaration'].includes(target.kind) ||
      target.participantId === input.participantId
    ) {
      throw new DomainError(
        'validation',
        "an objection answers another participant's reservation or declaration",
        {
          field: 'targetActionId',
        },
      );
    }
    if (input.targetParticipantId && input.targetParticipantId !== target.participantId) {
      throw new DomainError('validation', `action ${target.id} was made by ${target.participantId}`, {
        field: 'targetParticipantId',
      });
    }
  } else if (input.kind !== 'withdrawal') {
    throw new DomainError('validation', 'only a withdrawal or an objection points at another action', {
      field: 'targetActionId',
    });
  }
}

/** Checks an action against the stored history; returns the row to insert. Runs inside a transaction. */
export async function validateAction(
  ctx: ServiceContext,
  db: Db,
  input: RecordActionInput,
  options: {
    excludeActionId?: number;
    importKey?: string | null;
    extraHistory?: RegistryAction[];
    /** A cited reference row whose source gives no article (rules.ts, NewAction). */
    sourceGivesNoArticle?: boolean;
  } = {},
): Promise<{ row: NewActionRow; date: PartialDate; instrument: Instrument; participant: Participant }> {
  const instrument = await findInstrument(db, input.instrumentId);
  if (!instrument) throw notFound('instrument', input.instrumentId, 'instrumentId');
  const participant = await findParticipant(db, input.participantId);
  if (!participant) throw notFound('participant', input.participantId, 'participantId');
  const parent = instrument.parentId ? await findInstrument(db, instrument.parentId) : null;
  if (input.targetParticipantId && !(await findParticipant(db, input.targetParticipantId))) {
    throw notFound('participant', input.targetParticipantId, 'targetParticipantId');
  }
  await lockParticipant(db, ctx.store.dialect === 'postgres', participant.id);
  if (input.targetActionId != null) await checkTarget(db, input);
  const date = actionDate(input, ctx.clock.today());
  const ids = parent ? [instrument.id, parent.id] : [instrument.id];
  // The rules read signatures, consents and denunciations, and a withdrawal's target: load those, not every
  // statement the participant ever made (a write must not slow down as notifications accumulate).
  const scope = { participantId: participant.id, instrumentIds: ids };
  const stored = await loadEffectiveActions(db, { ...scope, kinds: STATUS_KINDS });
  if (input.targetActionId != null) {
    stored.push(...(await loadEffectiveActions(db, { ...scope, ids: [input.targetActionId] })));
  }
  const history = [...stored, ...(options.extraHistory ?? [])].filter(
    (a) => a.id !== options.excludeActionId && a.participantId === participant.id,
  );
  checkNewAction(
    {
      rules: instrument,
      parentRules: parent,
      participant,
      history: history.filter((a) => a.instrumentId === instrument.id),
      parentHistory: parent ? history.filter((a) => a.instrumentId === parent.id) : [],
      today: ctx.clock.today(),
    },
    {
      instrumentId: instrument.id,
      participantId: participant.id,
      kind: input.kind,
      date,
      article: input.article ?? null,
      targetActionId: input.targetActionId ?? null,
      targetParticipantId: input.targetParticipantId ?? null,
      sourceGivesNoArticle: options.sourceGivesNoArticle ?? false,
    },
  );
  const row: NewActionRow = {
    instrument_id: instrument.id,
    participant_id: participant.id,
    kind: input.kind,
    date_text: date.text,
    date_precision: date.precision,
    not_before: input.notBefore ?? null,
    not_after: input.notAfter ?? null,
    article: input.article ?? null,
    target_action_id: input.targetActionId ?? null,
    target_participant_id: input.targetParticipantId ?? null,
    territory: input.territory ?? null,
    depositary_ref: input.depositaryRef ?? null,
    text: input.text ?? null,
    summary: input.summary ?? null,
    confidence: input.confidence ?? null,
    source: input.source,
    notes: input.notes ?? null,
    import_key: options.importKey ?? null,
    recorded_at: ctx.clock.now(),
    recorded_by: ctx.actor,
  };
  return { row, date, instrument, participant };
}

/**
 * What the registry looks like for this participant with the action counted: the instrument and the
 * Conventions above it computed from `snapshot` (taken before the write) plus the action. Pure, so that a
 * write computes it inside its transaction and stores it with the answer (Idempotency-Key replays).
 */
export function effectOn(
  snapshot: RegistrySnapshot,
  today: IsoDate,
  input: RecordActionInput,
  date: PartialDate,
  newId: number,
): ActionEffect {
  const computation = computeFamily(snapshot, input, date, newId);
  const record = computation?.parties.get(input.participantId) ?? {
    participantId: input.participantId,
    signature: null,
    participations: [],
  };
  const last = record.participations.at(-1);
  const lookAt = [last?.eif.latest, last?.denunciation?.effective.latest, date.latest, today]
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1) as string;
  const statusAfter = participantStatusAt(record, lookAt);
  const name = snapshot.participantsById.get(input.participantId)?.name ?? input.participantId;
  const short = computation?.rules.shortTitle ?? input.instrumentId;
  let summary = `${input.kind.replace('_', ' ')} by ${name} recorded for ${short}`;
  if (input.kind === 'denunciation' && last?.denunciation) {
    summary = `${name} ceases to be a party to ${short}: ${last.denunciation.effective.explanation}`;
  } else if (last && last.consentActionId === newId) {
    summary = last.eif.on
      ? `${short} enters into force for ${name} on ${last.eif.on} (${last.eif.explanation})`
      : `${short} for ${name}: ${last.eif.explanation}`;
  }
  return {
    instrumentId: input.instrumentId,
    participantId: input.participantId,
    statusAfter,
    instrumentEntryIntoForce: computation?.entry.eif ?? null,
    summary,
  };
}

/**
 * The instrument and its ancestors computed with the action counted. Only signatures, consents and
 * denunciations decide dates (engine.ts), so statements are left out: the work stays bounded by the
 * parties, not by how many notifications are stored.
 */
function computeFamily(
  snapshot: RegistrySnapshot,
  input: RecordActionInput,
  date: PartialDate,
  newId: number,
): InstrumentComputation | undefined {
  const family = new Set<string>();
  for (let id: string | null = input.instrumentId; id && !family.has(id);) {
    family.add(id);
    id = snapshot.instrumentsById.get(id)?.parentId ?? null;
  }
  const actions = snapshot.actions.filter(
    (a) => family.has(a.instrumentId) && bearsOnStatus(a.kind) && a.id !== newId,
  );
  actions.push({
    id: newId,
    instrumentId: input.instrumentId,
    participantId: input.participantId,
    kind: input.kind,
    date,
  });
  const refs = new Map<string, ParticipantRef>(snapshot.participants.map((p) => [p.id, p]));
  const instruments = snapshot.instruments.filter((i) => family.has(i.id));
  return computeRegistry(instruments, actions, refs).get(input.instrumentId);
}

/** Validates, inserts, audits and bumps the version in `trx`; the effect is computed from `snapshot`. */
async function writeAction(
  ctx: ServiceContext,
  trx: Db,
  input: RecordActionInput,
  snapshot: RegistrySnapshot,
): Promise<{ action: ActionRecord; effect: ActionEffect; version: string; recorded: RegistryAction }> {
  const { row, date, instrument, participant } = await validateAction(ctx, trx, input);
  const id = await insertAction(trx, row);
  await audit(ctx, trx, {
    action: 'action.record',
    entity: 'action',
    entityId: id,
    after: row,
    state: row.participant_id,
  });
  // The depositary notification of the action, in its transaction: no action without its notice.
  await issueNotification(ctx, trx, await notifiableAction(trx, id, row, instrument, participant), 'record');
  const version = await bumpVersion(trx);
  const [action] = await actionRecords(ctx, trx, { ids: [id] });
  return {
    action: action as ActionRecord,
    effect: effectOn(snapshot, ctx.clock.today(), input, date, id),
    version,
    recorded: toRegistryAction(id, row),
  };
}

export async function recordAction(
  ctx: ServiceContext,
  input: RecordActionInput,
  options: { dryRun?: boolean } = {},
): Promise<{ action: ActionRecord | null; effect: ActionEffect }> {
  // Taken before the transaction: on SQLite a rebuild inside it would wait for the connection it holds.
  const snapshot = await ctx.registry.snapshot();
  if (options.dryRun) {
    const { date } = await validateAction(ctx, ctx.store.db, input);
    return { action: null, effect: effectOn(snapshot, ctx.clock.today(), input, date, -1) };
  }
  const written = await ctx.store.db.transaction().execute((trx) => writeAction(ctx, trx, input, snapshot));
  ctx.registry.applyRecorded(written.version, written.recorded);
  return { action: written.action, effect: written.effect };
}

/**
 * Records an action once per Idempotency-Key (when the client sends one): the answer is stored in the same
 * transaction as the action and a retry gets it byte for byte, instead of a second record of the same
 * deposit. Without a key, the same as recordAction.
 */
export async function recordActionOnce(
  ctx: ServiceContext,
  input: RecordActionInput,
  request: { key: string | null; operation: string },
): Promise<WriteAnswer> {
  const snapshot = await ctx.registry.snapshot();
  const answer = await runWrite(ctx, { ...request, payload: input }, async (trx) => {
    const written = await writeAction(ctx, trx, input, snapshot);
    return { status: 201, body: { action: written.action, effect: written.effect }, value: written };
  });
  // A replayed answer wrote nothing: the registry already holds that action.
  if (answer.value) ctx.registry.applyRecorded(answer.value.version, answer.value.recorded);
  return answer;
}
