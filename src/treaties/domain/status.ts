// Status of an instrument as at a date, and what changed between two dates. Pure.
import type { IsoDate, PartialDate } from '../../common/dates.ts';
import type {
  ComputedDate,
  ConsentKind,
  InstrumentComputation,
  Participation,
  ParticipantState,
  PartyRecord,
  SignatureKind,
} from './types.ts';

export type Tri = 'yes' | 'no' | 'uncertain';

export interface ParticipantStatus {
  participantId: string;
  state: ParticipantState;
  signed: Tri;
  /** 'succession_to_signature' for a successor State's "d" signature; null while not signed. */
  signatureKind: SignatureKind | null;
  signatureDate: string | null;
  consented: Tri;
  consentKind: ConsentKind | null;
  consentDate: string | null;
  consentPrecision: PartialDate['precision'] | null;
  inForce: Tri;
  eif: ComputedDate | null;
  denunciationEffective: ComputedDate | null;
}

export interface StatusCounts {
  signatories: number;
  contractingParties: number;
  partiesInForce: number;
  pendingEntryIntoForce: number;
  uncertain: number;
  withdrawn: number;
}

export interface InstrumentStatus {
  instrumentId: string;
  asOf: IsoDate;
  instrumentInForce: Tri;
  eif: ComputedDate | null;
  instrumentsCounted: number;
  counts: StatusCounts;
  participants: ParticipantStatus[];
}

/**
 * Whether a date (exact, or a range of which a null bound is unknown) has been reached on `asOf`; a
 * pending date (waiting on an event yet to happen) has not.
 */
export function reached(
  d: { earliest: string | null; latest: string | null; pending?: boolean } | null,
  asOf: IsoDate,
): Tri {
  if (!d || d.pending) return 'no';
  if (d.earliest !== null && d.earliest > asOf) return 'no';
  if (d.latest !== null && d.latest <= asOf) return 'yes';
  return 'uncertain';
}

function currentParticipation(record: PartyRecord, asOf: IsoDate): Participation | null {
  for (let i = record.participations.length - 1; i >= 0; i--) {
    const p = record.participations[i] as Participation;
    if (reached(p.consent, asOf) !== 'no') return p;
  }
  return null;
}

export function participantStatusAt(record: PartyRecord, asOf: IsoDate): ParticipantStatus {
  const signed = record.signature ? reached(record.signature.date, asOf) : 'no';
  const p = currentParticipation(record, asOf);
  const consented = p ? reached(p.consent, asOf) : 'no';
  const left = p?.denunciation ? reached(p.denunciation.effective, asOf) : 'no';
  const eifReached = p && left !== 'yes' ? reached(p.eif, asOf) : 'no';
  let inForce: Tri = 'no';
  if (consented === 'yes' && left === 'no') inForce = eifReached;
  else if (consented !== 'no' && left !== 'yes' && eifReached !== 'no') inForce = 'uncertain';
  let state: ParticipantState;
  if (left === 'yes') state = 'withdrawn';
  else if (consented === 'uncertain' || left === 'uncertain' || inForce === 'uncertain') state = 'uncertain';
  else if (inForce === 'yes') state = 'party';
  else if (consented === 'yes') state = 'party_pending';
  else if (signed === 'yes') state = 'signatory';
  else if (signed === 'uncertain') state = 'uncertain';
  else state = 'none';
  return {
    participantId: record.participantId,
    state,
    signed,
    signatureKind: signed === 'no' ? null : (record.signature?.kind ?? null),
    signatureDate: signed === 'no' ? null : (record.signature?.date.text ?? null),
    consented,
    consentKind: p && consented !== 'no' ? p.consentKind : null,
    consentDate: p && consented !== 'no' ? p.consent.text : null,
    consentPrecision: p && consented !== 'no' ? p.consent.precision : null,
    inForce,
    eif: p && consented !== 'no' ? p.eif : null,
    denunciationEffective: p?.denunciation && consented !== 'no' ? p.denunciation.effective : null,
  };
}

export function statusAsAt(computation: InstrumentComputation, asOf: IsoDate): InstrumentStatus {
  const participants: ParticipantStatus[] = [];
  const counts: StatusCounts = {
    signatories: 0,
    contractingParties: 0,
    partiesInForce: 0,
    pendingEntryIntoForce: 0,
    uncertain: 0,
    withdrawn: 0,
  };
  for (const record of computation.parties.values()) {
    const s = participantStatusAt(record, asOf);
    if (s.state === 'none') continue;
    participants.push(s);
    if (s.signed === 'yes') counts.signatories++;
    if (s.consented === 'yes' && s.state !== 'withdrawn') counts.contractingParties++;
    if (s.inForce === 'yes') counts.partiesInForce++;
    if (s.state === 'party_pending') counts.pendingEntryIntoForce++;
    if (s.state === 'uncertain') counts.uncertain++;
    if (s.state === 'withdrawn') counts.withdrawn++;
  }
  return {
    instrumentId: computation.rules.id,
    asOf,
    instrumentInForce: reached(computation.entry.eif, asOf),
    eif: computation.entry.eif,
    instrumentsCounted: computation.entry.counted,
    counts,
    participants,
  };
}

export interface StatusChange {
  participantId: string;
  from: ParticipantState;
  to: ParticipantState;
}

export interface StatusDifference {
  instrumentId: string;
  from: IsoDate;
  to: IsoDate;
  countsFrom: StatusCounts;
  countsTo: StatusCounts;
  changes: StatusChange[];
}

/** What changed for each participant between two dates (in either order). */
export function differenceBetween(
  computation: InstrumentComputation,
  from: IsoDate,
  to: IsoDate,
): StatusDifference {
  const a = statusAsAt(computation, from);
  const b = statusAsAt(computation, to);
  const before = new Map(a.participants.map((p) => [p.participantId, p.state]));
  const after = new Map(b.participants.map((p) => [p.participantId, p.state]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: StatusChange[] = [];
  for (const id of ids) {
    const x = before.get(id) ?? 'none';
    const y = after.get(id) ?? 'none';
    if (x !== y) changes.push({ participantId: id, from: x, to: y });
  }
  return { instrumentId: computation.rules.id, from, to, countsFrom: a.counts, countsTo: b.counts, changes };
}
