// The entry-into-force engine: pure functions from instrument rules and recorded actions to dates, each
// with its explanation. No I/O here (a test keeps it so).
//
// Rules applied (UNTOC and Protocols; any "N instruments + D days" treaty alike):
// - Instrument: the Nth instrument of consent, counted in order of deposit, REIO instruments not counted
//   as additional to their member States' (UNTOC 38(1); TIP 17(1), SoM 22(1), Firearms 18(1));
//   entry into force on the Dth day after it; a Protocol never before its parent Convention.
// - Party: on the later-days-th day after its own deposit, never before the instrument's own date
//   (TIP 17(2) etc. say so; UNTOC 38(2) does not, but the depositary and national databases apply it:
//   Costa Rica, deposit 2003-07-24, in force 2003-09-29).
// - Denunciation: effective the given months (one year) after notification (UNTOC 40(1)); denouncing
//   the Convention denounces its Protocols (UNTOC 40(3)).
import {
  addDaysWithin,
  addMonthsWithin,
  MAX_DATE,
  maxDate,
  type IsoDate,
  type PartialDate,
} from '../../common/dates.ts';
import { art, ordinal } from './explain.ts';
import {
  bearsOnStatus,
  isConsent,
  isSignature,
  type ComputedDate,
  type ConsentKind,
  type InstrumentComputation,
  type InstrumentEntryIntoForce,
  type InstrumentRules,
  type Participation,
  type ParticipantRef,
  type PartyRecord,
  type RegistryAction,
  type SignatureKind,
} from './types.ts';

/** Orders partial dates by earliest, then latest (unknown last), then by recording order. */
function byDeposit(a: RegistryAction, b: RegistryAction): number {
  const ea = a.date.earliest ?? '';
  const eb = b.date.earliest ?? '';
  if (ea !== eb) return ea < eb ? -1 : 1;
  const la = a.date.latest ?? '9999-12-31';
  const lb = b.date.latest ?? '9999-12-31';
  if (la !== lb) return la < lb ? -1 : 1;
  return a.id - b.id;
}

function kthSmallest(values: string[], k: number): string {
  const sorted = [...values].sort();
  return sorted[k - 1] as string;
}

function describeDate(d: PartialDate): string {
  if (d.precision === 'day' && d.text) return d.text;
  const given = d.text ? `"${d.text}" (${d.precision} only)` : 'date unknown';
  return `${given}, between ${d.earliest ?? 'an unknown date'} and ${d.latest ?? 'an unknown date'}`;
}

const FAR_FUTURE = MAX_DATE;

// Bounds of a span moved later by a clause's days or months. A day past the calendar's end (a deposit bound
// by 9999-12-31, an "open-ended" placeholder) cannot be written: an earliest bound stays on the last day
// (nothing is reached before it) and a latest bound becomes unknown, never a five-digit year that would sort
// before today as text.
const earliestAfter = (d: IsoDate, days: number): IsoDate => addDaysWithin(d, days) ?? MAX_DATE;
const latestAfter = (d: IsoDate, days: number): IsoDate | null => addDaysWithin(d, days);

/** A span of possible days; a null bound is unknown (open). */
interface Span {
  earliest: IsoDate | null;
  latest: IsoDate | null;
}

/** The later of two dates known only as spans: each bound is the later of the two bounds. */
function laterOf(a: Span, b: Span): Span {
  const earliest =
    a.earliest === null ? b.earliest : b.earliest === null ? a.earliest : maxDate(a.earliest, b.earliest);
  const latest = a.latest !== null && b.latest !== null ? maxDate(a.latest, b.latest) : null;
  return { earliest, latest };
}

function fix(span: Span, explanation: string): ComputedDate {
  const on = span.earliest !== null && span.earliest === span.latest ? span.earliest : null;
  return { on, earliest: span.earliest, latest: span.latest, explanation };
}

function describeSpan(span: Span): string {
  return span.earliest === span.latest && span.earliest !== null
    ? span.earliest
    : `between ${span.earliest ?? 'an unknown date'} and ${span.latest ?? 'an unknown date'}`;
}

/** Entry into force of an instrument as a whole. `parent` is the computed parent Convention, if any. */
export function computeInstrumentEntry(
  rules: InstrumentRules,
  actions: readonly RegistryAction[],
  participants: ReadonlyMap<string, ParticipantRef>,
  parent: InstrumentComputation | null,
): InstrumentEntryIntoForce {
  const counted = actions
    .filter((a) => a.instrumentId === rules.id && isConsent(a.kind))
    .filter((a) => rules.reioCounted || participants.get(a.participantId)?.kind !== 'reio')
    .sort(byDeposit);
  const n = rules.threshold;
  const base = { instrumentId: rules.id, counted: counted.length, threshold: n };
  if (counted.length < n) {
    return {
      ...base,
      thresholdDeposit: null,
      eif: null,
      explanation: `${counted.length} of ${n} instruments deposited; ${art(rules.eifArticle)}: in force on the ${ordinal(rules.eifDays)} day after the ${ordinal(n)}`,
    };
  }
  // The Nth deposit lies between the Nth earliest possible day and the Nth latest possible day.
  const earliestN = kthSmallest(
    counted.map((a) => a.date.earliest ?? rules.adoptedOn),
    n,
  );
  const latestN = kthSmallest(
    counted.map((a) => a.date.latest ?? FAR_FUTURE),
    n,
  );
  const own: Span = {
    earliest: earliestAfter(earliestN, rules.eifDays),
    latest: latestN === FAR_FUTURE ? null : latestAfter(latestN, rules.eifDays),
  };
  let explanation: string;
  let thresholdDeposit: InstrumentEntryIntoForce['thresholdDeposit'] = null;
  if (earliestN === latestN) {
    const nth = counted[n - 1] as RegistryAction;
    const name = participants.get(nth.participantId)?.name ?? nth.participantId;
    // Deposits of the same day have no order among them: name them all rather than pick one.
    const sameDayActions = counted.filter((a) => a.date.precision === 'day' && a.date.text === earliestN);
    const sameDay = sameDayActions.length;
    const sameDayNames = sameDayActions
      .map((a) => participants.get(a.participantId)?.name ?? a.participantId)
      .sort((x, y) => x.localeCompare(y, 'en'));
    thresholdDeposit = { participantId: nth.participantId, participantName: name, on: earliestN, sameDay };
    const who = sameDay > 1 ? `${sameDay} instruments that day: ${sameDayNames.join(', ')}` : name;
    explanation = `${ordinal(n)} instrument deposited ${earliestN} (${who}); ${art(rules.eifArticle)}: ${ordinal(rules.eifDays)} day after → ${own.earliest}`;
  } else {
    explanation = `the ${ordinal(n)} instrument falls between ${earliestN} and ${latestN === FAR_FUTURE ? 'an unknown date' : latestN}: a deposit date is too imprecise to fix the day; ${art(rules.eifArticle)}: ${ordinal(rules.eifDays)} day after → ${describeSpan(own)}`;
  }
  if (!parent) return { ...base, thresholdDeposit, eif: fix(own, explanation), explanation };

  // A Protocol never enters into force before its Convention (TIP 17(1), SoM 22(1), Firearms 18(1)).
  const parentEif = parent.entry.eif;
  const parentName = parent.rules.shortTitle;
  if (!parentEif || parentEif.pending) {
    explanation += `; not before ${parentName} enters into force, which is not yet fixed`;
    return {
      ...base,
      thresholdDeposit,
      eif: { on: null, earliest: own.earliest, latest: null, pending: true, explanation },
      explanation,
    };
  }
  const combined = laterOf(own, parentEif);
  if (combined.earliest !== own.earliest || combined.latest !== own.latest) {
    explanation += `; not before ${parentName} entered into force (${describeSpan(parentEif)}) → ${describeSpan(combined)}`;
  }
  return { ...base, thresholdDeposit, eif: fix(combined, explanation), explanation };
}

/** Entry into force for one party, from its own deposit and the instrument's date. */
export function computePartyEntry(
  rules: InstrumentRules,
  entry: InstrumentEntryIntoForce,
  consent: PartialDate,
): ComputedDate {
  const deposit = describeDate(consent);
  const x = entry.eif;
  if (!x || x.pending) {
    return {
      on: null,
      earliest: x?.earliest ?? null,
      latest: null,
      pending: true,
      explanation: `deposit ${deposit}; ${rules.shortTitle} is not yet in force (${entry.explanation}); it enters into force for this party on that date or the ${ordinal(rules.laterDays)} day after the deposit, whichever is later`,
    };
  }
  // max(instrument date, deposit + later days), bound by bound (UNTOC 38(2) as applied; TIP 17(2) etc.).
  const afterDeposit: Span = {
    earliest: consent.earliest === null ? null : earliestAfter(consent.earliest, rules.laterDays),
    latest: consent.latest === null ? null : latestAfter(consent.latest, rules.laterDays),
  };
  const span = laterOf(afterDeposit, x);
  if (span.earliest === null || span.earliest !== span.latest) {
    return fix(
      span,
      `deposit ${deposit}: too imprecise to fix the day; ${art(rules.laterArticle)}: ${ordinal(rules.laterDays)} day after the deposit, not before ${rules.shortTitle}'s own date → ${describeSpan(span)}`,
    );
  }
  const on = span.earliest;
  const threshold = entry.thresholdDeposit?.on;
  if (threshold !== undefined && consent.latest !== null && consent.latest <= threshold) {
    return fix(
      span,
      `deposit ${deposit}, by the ${ordinal(rules.threshold)} instrument (${threshold}); ${art(rules.eifArticle)}: in force with ${rules.shortTitle} → ${on}`,
    );
  }
  if (consent.precision !== 'day') {
    return fix(
      span,
      `deposit ${deposit}; ${art(rules.laterArticle)}: on every possible day the ${ordinal(rules.laterDays)} day after, or ${rules.shortTitle}'s own date if later, is ${on}`,
    );
  }
  const plus = afterDeposit.earliest as string;
  const instrumentDate = describeSpan(x);
  let explanation: string;
  if (rules.laterRule === 'later_of') {
    explanation = `deposit ${deposit}; ${art(rules.laterArticle)}: ${ordinal(rules.laterDays)} day after (${plus}) or ${rules.shortTitle}'s entry into force (${instrumentDate}), whichever is later → ${on}`;
  } else {
    explanation = `deposit ${deposit}; ${art(rules.laterArticle)}: ${ordinal(rules.laterDays)} day after → ${plus}`;
    if (on !== plus)
      explanation += `; not before ${rules.shortTitle}'s own entry into force (${instrumentDate}) → ${on}`;
  }
  return fix(span, explanation);
}

function denunciationEffect(rules: InstrumentRules, notified: PartialDate): ComputedDate {
  const months = rules.denunciationMonths;
  const span = months === 12 ? 'one year' : `${months} months`;
  const earliest = notified.earliest ? (addMonthsWithin(notified.earliest, months) ?? MAX_DATE) : null;
  const latest = notified.latest ? addMonthsWithin(notified.latest, months) : null;
  const on = earliest !== null && earliest === latest ? earliest : null;
  return {
    on,
    earliest,
    latest,
    explanation: `denunciation notified ${describeDate(notified)}; ${art(rules.denunciationArticle)}: takes effect ${span} after → ${on ?? `between ${earliest ?? '?'} and ${latest ?? '?'}`}`,
  };
}

/** Walks one participant's actions on one instrument into signature and periods of participation. */
export function computePartyRecord(
  rules: InstrumentRules,
  entry: InstrumentEntryIntoForce,
  participantId: string,
  actions: readonly RegistryAction[],
): PartyRecord {
  const own = actions.filter((a) => a.participantId === participantId).sort(byDeposit);
  const signatureAction = own.find((a) => isSignature(a.kind));
  const participations: Participation[] = [];
  for (const a of own) {
    if (!isConsent(a.kind)) continue;
    participations.push({
      consentActionId: a.id,
      consentKind: a.kind as ConsentKind,
      consent: a.date,
      eif: computePartyEntry(rules, entry, a.date),
      denunciation: null,
    });
  }
  // Each denunciation ends the latest participation that began on or before its last possible day; one
  // with no known date still ends the participation it was made in.
  for (const a of own) {
    if (a.kind !== 'denunciation') continue;
    const open = participations.findLast(
      (p) => p.denunciation === null && (p.consent.earliest ?? '') <= (a.date.latest ?? FAR_FUTURE),
    );
    if (open) {
      open.denunciation = {
        actionId: a.id,
        notified: a.date,
        effective: denunciationEffect(rules, a.date),
        viaParent: false,
      };
    }
  }
  return {
    participantId,
    signature: signatureAction
      ? {
          actionId: signatureAction.id,
          kind: signatureAction.kind as SignatureKind,
          date: signatureAction.date,
        }
      : null,
    participations,
  };
}

/** UNTOC art. 40(3): a party that denounces the Convention leaves its Protocols on the same date. */
function applyParentDenunciations(child: InstrumentComputation, parent: InstrumentComputation): void {
  const cascade = parent.rules.cascadeArticle;
  for (const record of child.parties.values()) {
    const parentRecord = parent.parties.get(record.participantId);
    if (!parentRecord) continue;
    for (const period of record.participations) {
      const parentPeriod = parentRecord.participations.findLast(
        (p) => (p.consent.earliest ?? '') <= (period.consent.latest ?? FAR_FUTURE),
      );
      const parentLeaves = parentPeriod?.denunciation;
      if (!parentLeaves || parentLeaves.effective.earliest === null) continue;
      const own = period.denunciation?.effective.earliest ?? FAR_FUTURE;
      if (parentLeaves.effective.earliest < own) {
        period.denunciation = {
          actionId: parentLeaves.actionId,
          notified: parentLeaves.notified,
          effective: {
            ...parentLeaves.effective,
            explanation: `${parentLeaves.effective.explanation} (${parent.rules.shortTitle})${cascade ? `; ${art(cascade)}: denouncing ${parent.rules.shortTitle} denounces its Protocols` : ''}`,
          },
          viaParent: true,
        };
      }
    }
  }
}

/** Orders instruments so that every parent comes before its protocols. */
export function parentFirst(instruments: readonly InstrumentRules[]): InstrumentRules[] {
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const done = new Set<string>();
  const out: InstrumentRules[] = [];
  const visit = (i: InstrumentRules, path: Set<string>): void => {
    if (done.has(i.id)) return;
    if (path.has(i.id)) throw new Error(`instrument ${i.id} is its own ancestor`);
    path.add(i.id);
    const parent = i.parentId ? byId.get(i.parentId) : undefined;
    if (parent) visit(parent, path);
    done.add(i.id);
    out.push(i);
  };
  for (const i of instruments) visit(i, new Set());
  return out;
}

/** Computes every instrument and every party. Input order never changes the result. */
export function computeRegistry(
  instruments: readonly InstrumentRules[],
  actions: readonly RegistryAction[],
  participants: ReadonlyMap<string, ParticipantRef>,
): Map<string, InstrumentComputation> {
  const byInstrument = new Map<string, RegistryAction[]>();
  for (const a of actions) {
    let list = byInstrument.get(a.instrumentId);
    if (!list) byInstrument.set(a.instrumentId, (list = []));
    list.push(a);
  }
  const result = new Map<string, InstrumentComputation>();
  for (const rules of parentFirst(instruments)) {
    const own = byInstrument.get(rules.id) ?? [];
    const parent = rules.parentId ? (result.get(rules.parentId) ?? null) : null;
    // Only signatures, consents and denunciations bear on dates; a statement (declaration, notification, …)
    // only gives its author a record. Keeping statements out of the lists keeps the work per party bounded
    // by its status actions, however many notifications pile up.
    const bearing = own.filter((a) => bearsOnStatus(a.kind));
    const entry = computeInstrumentEntry(rules, bearing, participants, parent);
    const byParticipant = new Map<string, RegistryAction[]>();
    for (const a of own) {
      let list = byParticipant.get(a.participantId);
      if (!list) byParticipant.set(a.participantId, (list = []));
      if (bearsOnStatus(a.kind)) list.push(a);
    }
    const parties = new Map<string, PartyRecord>();
    for (const [pid, list] of [...byParticipant.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      parties.set(pid, computePartyRecord(rules, entry, pid, list));
    }
    const computation: InstrumentComputation = { rules, entry, parties };
    if (parent) applyParentDenunciations(computation, parent);
    result.set(rules.id, computation);
  }
  return result;
}

export type { IsoDate };
