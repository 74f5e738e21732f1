// The treaty registry's part of the report to the Commission (issue 15, item 3: sections I and II and Annex
// I): for each instrument, signatories, parties and entry into force as at the date, the new parties and
// signatories of the period, what changed since the period began, and the Treaty Collection's table. Every
// count and date is read from the registry's own queries (getStatus, getDifference: the engine's status
// as at a date), never computed a second time; each carries its "as at" date and its source, whose `ref`
// names the actions behind it (docs/reports.md, "Where the figures come from").
import { addDaysWithin, type IsoDate } from '../../common/dates.ts';
import type { ServiceContext } from '../../context.ts';
import { reached, type StatusDifference, type StatusChange } from '../../treaties/domain/status.ts';
import {
  CONSENT_MARKERS,
  STATEMENT_KINDS,
  type ConsentKind,
  type InstrumentComputation,
  type ParticipantState,
  type SignatureKind,
} from '../../treaties/domain/types.ts';
import { getAnnotations, type ParticipantAnnotations } from '../../treaties/services/annotations.ts';
import { getDifference, getStatus, type StatusView } from '../../treaties/services/queries.ts';
import type { RegistrySnapshot } from '../../treaties/registry-state.ts';
import { fingerprintOf, idRanges, type Canonical } from './fingerprint.ts';
import {
  checkGatherInput,
  type FigureSource,
  type GatherInput,
  type ReportPeriod,
  type Sourced,
} from './gather-input.ts';

export type { FigureSource, GatherInput, ReportPeriod, Sourced };

export interface NewParty {
  participantId: string;
  name: string;
  /** The date of deposit, as the registry has it (a partial date stays partial: "2004-05"). */
  date: string;
  kind: ConsentKind;
  actionId: number;
}

export interface NewSignatory {
  participantId: string;
  name: string;
  date: string;
  kind: SignatureKind;
  actionId: number;
}

export interface AnnexIRow {
  participantId: string;
  name: string;
  state: ParticipantState;
  /** Marker "d" for a successor State's succession to a signature. */
  signature: { date: string; marker: '' | 'd'; actionId: number } | null;
  consent: { date: string; kind: ConsentKind; marker: string; actionId: number } | null;
  /** Numbers of this row's notes (declarations, reservations, notifications…) in `AnnexITable.notes`. */
  notes: readonly number[];
}

/**
 * A declaration, reservation, objection, notification… of a row, as the registry's annotations give it,
 * numbered 1, 2, 3… within the instrument's table (in row order, then action id).
 */
export type AnnexINote = {
  number: number;
  participantId: string;
} & ParticipantAnnotations['statements'][number];

export interface AnnexITable {
  instrumentId: string;
  asAt: IsoDate;
  /** Every participant with a signature or a consent as at the date, by name as the Treaty Collection lists. */
  rows: readonly AnnexIRow[];
  notes: readonly AnnexINote[];
  source: FigureSource;
}

export interface InstrumentData {
  instrumentId: string;
  shortTitle: string;
  title: string;
  mtdsgNo: string | null;
  signatories: Sourced<number>;
  /** Contracting parties (consent given, not withdrawn), as the status counts and the official figures do. */
  parties: Sourced<number>;
  /** Null while the instrument had not entered into force as at the date (or its day is not known). */
  entryIntoForce: Sourced<IsoDate | null>;
  /** In the order of deposit. */
  newParties: Sourced<readonly NewParty[]>;
  newSignatories: Sourced<readonly NewSignatory[]>;
  /** The registry's difference between the day before the period starts and the "as at" date. */
  difference: StatusDifference & { changes: Array<StatusChange & { name: string }> };
  annex: AnnexITable;
}

export interface RegistryData {
  asAt: IsoDate;
  period: ReportPeriod;
  /** The registry's version the data were read at. */
  version: string;
  /** The registry has no illustrative records: always false, kept for the report's single test of it. */
  illustrative: false;
  /** In the registry's order (depositary order: XVIII-12, XVIII-12-a, …). */
  instruments: readonly InstrumentData[];
  /** SHA-256 of every record drawn (fingerprint.ts). */
  fingerprint: string;
}

/** `UNTOC 2005-03-08 actions 12-14,20`: the instrument, the date or period, the action ids behind a figure. */
export function actionsRef(instrumentId: string, when: string, ids: Iterable<number>): string {
  return `${instrumentId} ${when} actions ${idRanges(ids)}`;
}

const CONTRACTING: ReadonlySet<ParticipantState> = new Set(['party', 'party_pending']);

/** The action behind a participant's consent as a status shows it (the participation of that date and kind). */
function consentAction(
  computation: InstrumentComputation,
  participantId: string,
  date: string,
  kind: ConsentKind,
): number {
  const record = computation.parties.get(participantId);
  const found = record?.participations
    .filter((p) => p.consent.text === date && p.consentKind === kind)
    .at(-1);
  if (!found) throw new Error(`no ${kind} of ${date} for ${participantId} in ${computation.rules.id}`);
  return found.consentActionId;
}

function signatureAction(computation: InstrumentComputation, participantId: string): number {
  const signature = computation.parties.get(participantId)?.signature;
  if (!signature) throw new Error(`no signature for ${participantId} in ${computation.rules.id}`);
  return signature.actionId;
}

/** In the order of deposit: by date, then by the order the actions were recorded. */
const byDeposit = (a: { date: string; actionId: number }, b: { date: string; actionId: number }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.actionId - b.actionId;

type StatusRow = StatusView['participants'][number];
const isParty = (p: StatusRow): boolean => p.consented === 'yes' && p.state !== 'withdrawn';
const hasSigned = (p: StatusRow): boolean => p.signed === 'yes';

/** Ids behind a count, checked against the registry's own count so the two can never drift apart. */
function idsFor(
  rows: readonly StatusRow[],
  keep: (p: StatusRow) => boolean,
  actionOf: (p: StatusRow) => number,
  expected: number,
  what: string,
): number[] {
  const ids = rows.filter(keep).map(actionOf);
  if (ids.length !== expected) throw new Error(`${what}: ${ids.length} actions for a count of ${expected}`);
  return ids;
}

async function instrumentData(
  ctx: ServiceContext,
  snapshot: RegistrySnapshot,
  instrumentId: string,
  input: GatherInput,
): Promise<InstrumentData> {
  const { asAt, period } = input;
  // The period's first and last days are both in it: what changed is the difference between the status at
  // the end of the day before it starts and at the end of its last day.
  const before = addDaysWithin(period.from, -1) ?? period.from;
  const computation = snapshot.computations.get(instrumentId) as InstrumentComputation;
  const instrument = snapshot.instrumentsById.get(instrumentId);
  const [now, atFrom, atTo, inPeriod, difference, annotations] = await Promise.all([
    getStatus(ctx, instrumentId, asAt),
    getStatus(ctx, instrumentId, before),
    getStatus(ctx, instrumentId, period.to),
    getDifference(ctx, instrumentId, before, period.to),
    getDifference(ctx, instrumentId, before, asAt),
    getAnnotations(ctx, instrumentId),
  ]);
  const seen = [now, atFrom, atTo].map((s) => s.version);
  if (seen.some((v) => v !== snapshot.version)) throw new RegistryMoved();
  const rows = now.status.participants;
  const consentOf = (p: StatusRow) =>
    consentAction(computation, p.participantId, p.consentDate as string, p.consentKind as ConsentKind);
  const signatureOf = (p: StatusRow) => signatureAction(computation, p.participantId);
  const counts = now.status.counts;
  const partyIds = idsFor(rows, isParty, consentOf, counts.contractingParties, `${instrumentId} parties`);
  const signatoryIds = idsFor(
    rows,
    hasSigned,
    signatureOf,
    counts.signatories,
    `${instrumentId} signatories`,
  );

  const toRows = new Map(atTo.status.participants.map((p) => [p.participantId, p]));
  const periodText = `${period.from}..${period.to}`;
  const newParties: NewParty[] = inPeriod.changes
    .filter((c) => CONTRACTING.has(c.to) && !CONTRACTING.has(c.from))
    .map((c) => {
      const p = toRows.get(c.participantId) as StatusRow;
      return {
        participantId: c.participantId,
        name: p.name,
        date: p.consentDate as string,
        kind: p.consentKind as ConsentKind,
        actionId: consentOf(p),
      };
    })
    .sort(byDeposit);
  const signedAtFrom = new Set(atFrom.status.participants.filter(hasSigned).map((p) => p.participantId));
  const newSignatories: NewSignatory[] = atTo.status.participants
    .filter((p) => hasSigned(p) && !signedAtFrom.has(p.participantId))
    .map((p) => ({
      participantId: p.participantId,
      name: p.name,
      date: p.signatureDate as string,
      kind: p.signatureKind as SignatureKind,
      actionId: signatureOf(p),
    }))
    .sort(byDeposit);

  const eif = computation.entry.eif;
  const inForce = eif !== null && eif.on !== null && reached(eif, asAt) === 'yes' ? eif.on : null;
  const threshold = computation.entry.thresholdDeposit;
  const thresholdAction =
    inForce !== null && threshold
      ? computation.parties.get(threshold.participantId)?.participations[0]?.consentActionId
      : undefined;

  const statements = statementsAsAt(snapshot, instrumentId, asAt, annotations);
  const notes: AnnexINote[] = [];
  const annexRows: AnnexIRow[] = rows.map((p) => {
    const own = statements.get(p.participantId) ?? [];
    const numbers = own.map((s) => {
      notes.push({ number: notes.length + 1, participantId: p.participantId, ...s });
      return notes.length;
    });
    return {
      participantId: p.participantId,
      name: p.name,
      state: p.state,
      signature:
        p.signatureDate === null
          ? null
          : {
              date: p.signatureDate,
              marker: p.signatureKind === 'succession_to_signature' ? 'd' : '',
              actionId: signatureOf(p),
            },
      consent:
        p.consentDate === null || p.consentKind === null
          ? null
          : {
              date: p.consentDate,
              kind: p.consentKind,
              marker: CONSENT_MARKERS[p.consentKind],
              actionId: consentOf(p),
            },
      notes: numbers,
    };
  });
  const annexIds = annexRows.flatMap((r) => [
    ...(r.signature ? [r.signature.actionId] : []),
    ...(r.consent ? [r.consent.actionId] : []),
  ]);
  const sourced = <T>(value: T, kind: string, ref: string): Sourced<T> => ({
    value,
    asAt,
    source: { kind, ref },
  });
  return {
    instrumentId,
    shortTitle: instrument?.shortTitle ?? instrumentId,
    title: instrument?.title ?? instrumentId,
    mtdsgNo: instrument?.mtdsgNo ?? null,
    signatories: sourced(
      counts.signatories,
      'registry.signatories',
      actionsRef(instrumentId, asAt, signatoryIds),
    ),
    parties: sourced(counts.contractingParties, 'registry.parties', actionsRef(instrumentId, asAt, partyIds)),
    entryIntoForce: sourced(
      inForce,
      'registry.entryIntoForce',
      actionsRef(instrumentId, asAt, thresholdAction === undefined ? [] : [thresholdAction]),
    ),
    newParties: sourced(
      newParties,
      'registry.newParties',
      actionsRef(
        instrumentId,
        periodText,
        newParties.map((p) => p.actionId),
      ),
    ),
    newSignatories: sourced(
      newSignatories,
      'registry.newSignatories',
      actionsRef(
        instrumentId,
        periodText,
        newSignatories.map((p) => p.actionId),
      ),
    ),
    difference,
    annex: {
      instrumentId,
      asAt,
      rows: annexRows,
      notes,
      source: {
        kind: 'registry.annex',
        ref: actionsRef(instrumentId, asAt, [...annexIds, ...notes.map((n) => n.actionId)]),
      },
    },
  };
}

/** The registry changed while its data were read: read again, so that every figure is of one version. */
class RegistryMoved extends Error {}

type Statement = Omit<AnnexINote, 'number' | 'participantId'>;

/** Each participant's statements made by the date (known to be), in action order, with their texts. */
function statementsAsAt(
  snapshot: RegistrySnapshot,
  instrumentId: string,
  asAt: IsoDate,
  annotations: Awaited<ReturnType<typeof getAnnotations>>,
): Map<string, Statement[]> {
  const texts = new Map(
    annotations.participants.flatMap((p) => p.statements.map((s) => [s.actionId, s] as const)),
  );
  const out = new Map<string, Statement[]>();
  for (const a of snapshot.actions) {
    if (a.instrumentId !== instrumentId || !(STATEMENT_KINDS as readonly string[]).includes(a.kind)) continue;
    if (reached(a.date, asAt) !== 'yes') continue;
    const t = texts.get(a.id);
    const list = out.get(a.participantId) ?? [];
    list.push({
      actionId: a.id,
      kind: a.kind,
      date: a.date.text,
      article: t?.article ?? null,
      territory: t?.territory ?? null,
      text: t?.text ?? null,
      summary: t?.summary ?? null,
    });
    out.set(a.participantId, list);
  }
  return out;
}

/** The records drawn, canonically: instruments, the actions known by the date, the participants named. */
function registryRecords(
  snapshot: RegistrySnapshot,
  data: readonly InstrumentData[],
  asAt: IsoDate,
): Canonical {
  const named = new Set(data.flatMap((i) => i.annex.rows.map((r) => r.participantId)));
  for (const i of data) for (const c of i.difference.changes) named.add(c.participantId);
  return {
    asAt,
    instruments: snapshot.instruments.map((i) => ({
      id: i.id,
      mtdsgNo: i.mtdsgNo,
      title: i.title,
      shortTitle: i.shortTitle,
      adoptedOn: i.adoptedOn,
      signatureOpensOn: i.signatureOpensOn,
      signatureClosesOn: i.signatureClosesOn,
      threshold: i.threshold,
      eifDays: i.eifDays,
      laterDays: i.laterDays,
      laterRule: i.laterRule,
      reioCounted: i.reioCounted,
      parentId: i.parentId,
      denunciationMonths: i.denunciationMonths,
    })),
    actions: snapshot.actions
      .filter((a) => reached(a.date, asAt) !== 'no')
      .map((a) => ({
        id: a.id,
        instrumentId: a.instrumentId,
        participantId: a.participantId,
        kind: a.kind,
        date: a.date.text,
        earliest: a.date.earliest,
        latest: a.date.latest,
      })),
    statements: data.flatMap((i) =>
      i.annex.notes.map((n) => ({
        actionId: n.actionId,
        article: n.article,
        territory: n.territory,
        text: n.text,
      })),
    ),
    participants: snapshot.participants
      .filter((p) => named.has(p.id))
      .map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
  };
}

/**
 * The registry's data for a report as at `asAt` with the period `period`: every instrument of the registry,
 * in its order. Bad dates are refused at their field (gather-input.ts).
 */
export async function gatherRegistry(ctx: ServiceContext, input: GatherInput): Promise<RegistryData> {
  await checkGatherInput(ctx, input);
  for (let attempt = 1; ; attempt++) {
    const snapshot = await ctx.registry.snapshot();
    try {
      const instruments: InstrumentData[] = [];
      for (const i of snapshot.instruments)
        instruments.push(await instrumentData(ctx, snapshot, i.id, input));
      return registryData(snapshot, instruments, input);
    } catch (err) {
      if (!(err instanceof RegistryMoved) || attempt === 3) throw err;
    }
  }
}

function registryData(
  snapshot: RegistrySnapshot,
  instruments: InstrumentData[],
  input: GatherInput,
): RegistryData {
  return {
    asAt: input.asAt,
    period: { from: input.period.from, to: input.period.to },
    version: snapshot.version,
    illustrative: false,
    instruments,
    fingerprint: fingerprintOf(registryRecords(snapshot, instruments, input.asAt)),
  };
}
