// Read use cases of the treaty registry: status as at a date, differences, one participant's detail,
// a country across all instruments. Presenters here list every field that leaves the server.
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { IsoDate } from '../../common/dates.ts';
import {
  differenceBetween,
  participantStatusAt,
  statusAsAt,
  type StatusChange,
  type StatusDifference,
} from '../domain/status.ts';
import type { InstrumentComputation } from '../domain/types.ts';
import { type ActionRecord, type Instrument, type Participant } from '../repository.ts';
import { actionRecords } from './action-records.ts';
import { memo, type RegistrySnapshot } from '../registry-state.ts';

export function presentInstrument(instrument: Instrument, computation: InstrumentComputation | undefined) {
  return {
    ...instrument,
    entryIntoForce: computation?.entry.eif ?? null,
    entryIntoForceExplanation: computation?.entry.explanation ?? 'no instruments deposited',
  };
}
export type InstrumentView = ReturnType<typeof presentInstrument>;

export function developmentClassOn(
  snapshot: RegistrySnapshot,
  participantId: string,
  on: IsoDate,
): string | null {
  const list = snapshot.developmentClasses.get(participantId) ?? [];
  const hit = list.find(
    (c) => (c.validFrom === null || c.validFrom <= on) && (c.validTo === null || c.validTo >= on),
  );
  return hit?.class ?? null;
}

export function presentParticipant(snapshot: RegistrySnapshot, p: Participant, on: IsoDate) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    iso3: p.iso3,
    m49: p.m49,
    region: p.region,
    subregion: p.subregion,
    intermediateRegion: p.intermediateRegion,
    unGroup: p.unGroup,
    unMember: p.unMember,
    ldc: p.ldc,
    lldc: p.lldc,
    sids: p.sids,
    developmentClass: developmentClassOn(snapshot, p.id, on),
    notes: p.notes,
    source: p.source,
  };
}

export function requireInstrument(snapshot: RegistrySnapshot, id: string): InstrumentComputation {
  const computation = snapshot.computations.get(id);
  if (!computation) throw notFound('instrument', id, 'instrumentId');
  return computation;
}

export function requireParticipant(snapshot: RegistrySnapshot, id: string): Participant {
  const p = snapshot.participantsById.get(id);
  if (!p) throw notFound('participant', id, 'participantId');
  return p;
}

export function checkAsOf(ctx: ServiceContext, asOf: IsoDate, field = 'asOf'): void {
  if (asOf > ctx.clock.today()) {
    throw new DomainError(
      'validation',
      `${asOf} is in the future; status is known up to today (${ctx.clock.today()})`,
      {
        field,
      },
    );
  }
}

export async function listInstrumentViews(ctx: ServiceContext): Promise<InstrumentView[]> {
  const snapshot = await ctx.registry.snapshot();
  return memo(snapshot, 'instruments', () =>
    snapshot.instruments.map((i) => presentInstrument(i, snapshot.computations.get(i.id))),
  );
}

export async function getInstrumentView(ctx: ServiceContext, id: string): Promise<InstrumentView> {
  const snapshot = await ctx.registry.snapshot();
  const computation = requireInstrument(snapshot, id);
  return presentInstrument(snapshot.instrumentsById.get(id) as Instrument, computation);
}

export function renderStatus(snapshot: RegistrySnapshot, computation: InstrumentComputation, asOf: IsoDate) {
  const status = statusAsAt(computation, asOf);
  return {
    ...status,
    participants: status.participants
      .map((s) => {
        const p = snapshot.participantsById.get(s.participantId);
        return {
          participantId: s.participantId,
          name: p?.name ?? s.participantId,
          kind: p?.kind ?? 'state',
          region: p?.region ?? null,
          unGroup: p?.unGroup ?? null,
          state: s.state,
          signed: s.signed,
          signatureKind: s.signatureKind,
          signatureDate: s.signatureDate,
          consented: s.consented,
          consentKind: s.consentKind,
          consentDate: s.consentDate,
          consentPrecision: s.consentPrecision,
          inForce: s.inForce,
          eif: s.eif,
          denunciationEffective: s.denunciationEffective,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'en')),
  };
}
export type StatusView = ReturnType<typeof renderStatus>;

type StatusAnswer = { snapshot: RegistrySnapshot; version: string; asOf: IsoDate; status: StatusView };

/** Status as at a date, with the version it was computed from (for ETags). */
export async function getStatus(
  ctx: ServiceContext,
  instrumentId: string,
  asOf: IsoDate | undefined,
): Promise<StatusAnswer> {
  return statusFrom(ctx, await ctx.registry.snapshot(), instrumentId, asOf);
}

/**
 * The same from a snapshot in hand: the status endpoint, the most read answer, takes it without waiting
 * when the registry's snapshot is fresh (RegistryState.current), as a repeated read always finds it.
 */
export function statusFrom(
  ctx: ServiceContext,
  snapshot: RegistrySnapshot,
  instrumentId: string,
  asOf: IsoDate | undefined,
): StatusAnswer {
  const date = asOf ?? ctx.clock.today();
  if (asOf !== undefined) checkAsOf(ctx, date);
  const computation = requireInstrument(snapshot, instrumentId);
  const status = memo(snapshot, `status:${instrumentId}:${date}`, () =>
    renderStatus(snapshot, computation, date),
  );
  return { snapshot, version: snapshot.version, asOf: date, status };
}

export async function getDifference(
  ctx: ServiceContext,
  instrumentId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<StatusDifference & { changes: Array<StatusChange & { name: string }> }> {
  checkAsOf(ctx, from, 'from');
  checkAsOf(ctx, to, 'to');
  const snapshot = await ctx.registry.snapshot();
  const diff = differenceBetween(requireInstrument(snapshot, instrumentId), from, to);
  return {
    ...diff,
    changes: diff.changes.map((c) => ({
      ...c,
      name: snapshot.participantsById.get(c.participantId)?.name ?? c.participantId,
    })),
  };
}

/** One participant on one instrument: its state today, every computed date with its explanation, history. */
export async function getParticipation(
  ctx: ServiceContext,
  instrumentId: string,
  participantId: string,
  asOf?: IsoDate,
) {
  const snapshot = await ctx.registry.snapshot();
  const computation = requireInstrument(snapshot, instrumentId);
  const participant = requireParticipant(snapshot, participantId);
  const date = asOf ?? ctx.clock.today();
  checkAsOf(ctx, date);
  const record = computation.parties.get(participantId) ?? {
    participantId,
    signature: null,
    participations: [],
  };
  const actions = await actionRecords(ctx, ctx.store.db, { instrumentId, participantId });
  return {
    instrumentId,
    participant: presentParticipant(snapshot, participant, date),
    asOf: date,
    status: participantStatusAt(record, date),
    instrumentEntryIntoForce: computation.entry.eif,
    participations: record.participations.map((p) => ({
      consentActionId: p.consentActionId,
      consentKind: p.consentKind,
      consentDate: p.consent.text,
      consentPrecision: p.consent.precision,
      entryIntoForce: p.eif,
      denunciation: p.denunciation
        ? {
            actionId: p.denunciation.actionId,
            notified: p.denunciation.notified.text,
            effective: p.denunciation.effective,
            viaParent: p.denunciation.viaParent,
          }
        : null,
    })),
    actions,
  };
}

/** One participant across every instrument: the country view. */
export async function getCountryView(ctx: ServiceContext, participantId: string, asOf?: IsoDate) {
  const snapshot = await ctx.registry.snapshot();
  const participant = requireParticipant(snapshot, participantId);
  const date = asOf ?? ctx.clock.today();
  checkAsOf(ctx, date);
  const actions: ActionRecord[] = await actionRecords(ctx, ctx.store.db, { participantId });
  const instruments = snapshot.instruments.map((i) => {
    const computation = snapshot.computations.get(i.id) as InstrumentComputation;
    const record = computation.parties.get(participantId) ?? {
      participantId,
      signature: null,
      participations: [],
    };
    const status = participantStatusAt(record, date);
    return {
      instrumentId: i.id,
      shortTitle: i.shortTitle,
      title: i.title,
      state: status.state,
      signatureKind: status.signatureKind,
      signatureDate: status.signatureDate,
      consentKind: status.consentKind,
      consentDate: status.consentDate,
      consentPrecision: status.consentPrecision,
      entryIntoForce: status.eif,
      denunciationEffective: status.denunciationEffective,
      actions: actions.filter((a) => a.instrumentId === i.id),
    };
  });
  return {
    participant: presentParticipant(snapshot, participant, date),
    asOf: date,
    instruments,
    notJoined: instruments
      .filter((i) => i.state === 'none' || i.state === 'signatory' || i.state === 'withdrawn')
      .map((i) => i.instrumentId),
  };
}
