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
import { addDays, addMonths, maxDate, type IsoDate, type PartialDate } from '../../shared/dates.ts';
import { art, ordinal } from './explain.ts';
import {
  isConsent,
  type ComputedDate,
  type ConsentKind,
  type InstrumentComputation,
  type InstrumentEntryIntoForce,
  type InstrumentRules,
  type Participation,
  type ParticipantRef,
  type PartyRecord,
  type RegistryAction,
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
  const given = d.text ? `"${d.text}" (${d.precision} only)` : 'no date in the source';
  return `${given}, between ${d.earliest ?? 'an unknown date'} and ${d.latest ?? 'an unknown date'}`;
}

const FAR_FUTURE = '9999-12-31';

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
  const earliestN = kthSmallest(
    counted.map((a) => a.date.earliest ?? rules.adoptedOn),
    n,
  );
  const latestN = kthSmallest(
    counted.map((a) => a.date.latest ?? FAR_FUTURE),
    n,
  );
  const parentEif = parent ? parent.entry.eif : null;
  const parentName = parent?.rules.shortTitle ?? '';
  if (earliestN !== latestN) {
    const latest = latestN === FAR_FUTURE ? null : addDays(latestN, rules.eifDays);
    return {
      ...base,
      thresholdDeposit: null,
      eif: {
        on: null,
        earliest: addDays(earliestN, rules.eifDays),
        latest,
        explanation: `the ${ordinal(n)} instrument falls between ${earliestN} and ${latestN === FAR_FUTURE ? 'an unknown date' : latestN}: a deposit date is too imprecise to fix entry into force`,
      },
      explanation: `${ordinal(n)} instrument date uncertain`,
    };
  }
  const thresholdOn = earliestN;
  const nth = counted[n - 1] as RegistryAction;
  const name = participants.get(nth.participantId)?.name ?? nth.participantId;
  const sameDay = counted.filter((a) => a.date.precision === 'day' && a.date.text === thresholdOn).length;
  const afterDays = addDays(thresholdOn, rules.eifDays);
  const sameDayNote = sameDay > 1 ? `; ${sameDay} instruments deposited that day` : '';
  let explanation = `${ordinal(n)} instrument deposited ${thresholdOn} (${name}${sameDayNote}); ${art(rules.eifArticle)}: ${ordinal(rules.eifDays)} day after → ${afterDays}`;
  let eif: ComputedDate = { on: afterDays, earliest: afterDays, latest: afterDays, explanation };
  if (parent) {
    if (!parentEif || parentEif.on === null) {
      explanation += `; not before ${parentName} enters into force, which is not yet fixed`;
      eif = { on: null, earliest: afterDays, latest: parentEif?.latest ?? null, explanation };
    } else if (parentEif.on > afterDays) {
      explanation += `; not before ${parentName} entered into force (${parentEif.on}) → ${parentEif.on}`;
      eif = { on: parentEif.on, earliest: parentEif.on, latest: parentEif.on, explanation };
    } else {
      eif = { ...eif, explanation };
    }
  }
  return {
    ...base,
    thresholdDeposit: { participantId: nth.participantId, participantName: name, on: thresholdOn, sameDay },
    eif,
    explanation,
  };
}

/** Entry into force for one party, from its own deposit and the instrument's date. */
export function computePartyEntry(
  rules: InstrumentRules,
  entry: InstrumentEntryIntoForce,
  consent: PartialDate,
): ComputedDate {
  const deposit = describeDate(consent);
  const instrumentEif = entry.eif;
  if (!instrumentEif || (instrumentEif.on === null && instrumentEif.earliest === null)) {
    return {
      on: null,
      earliest: null,
      latest: null,
      explanation: `deposit ${deposit}; ${rules.shortTitle} is not yet in force: ${art(rules.eifArticle)} fixes the date once the ${ordinal(rules.threshold)} instrument is deposited`,
    };
  }
  if (instrumentEif.on === null) {
    return {
      on: null,
      earliest: instrumentEif.earliest,
      latest: null,
      explanation: `deposit ${deposit}; ${rules.shortTitle}'s own date is not yet fixed (${instrumentEif.explanation})`,
    };
  }
  const x = instrumentEif.on;
  if (consent.earliest === null) {
    return {
      on: null,
      earliest: x,
      latest: consent.latest ? maxDate(x, addDays(consent.latest, rules.laterDays)) : null,
      explanation: `deposit date unknown (${deposit}): the day is needed to compute entry into force`,
    };
  }
  const lower = maxDate(x, addDays(consent.earliest, rules.laterDays));
  const upper = consent.latest ? maxDate(x, addDays(consent.latest, rules.laterDays)) : null;
  if (upper !== lower) {
    return {
      on: null,
      earliest: lower,
      latest: upper,
      explanation: `deposit ${deposit}: too imprecise to fix the date; ${art(rules.laterArticle)}: between ${lower} and ${upper ?? 'an unknown date'}`,
    };
  }
  const c = consent.earliest;
  const threshold = entry.thresholdDeposit?.on;
  if (threshold !== undefined && c <= threshold) {
    return {
      on: x,
      earliest: x,
      latest: x,
      explanation: `deposit ${c}, by the ${ordinal(rules.threshold)} instrument (${threshold}); ${art(rules.eifArticle)}: in force with ${rules.shortTitle} → ${x}`,
    };
  }
  const plus = addDays(c, rules.laterDays);
  let explanation: string;
  if (rules.laterRule === 'later_of') {
    explanation = `deposit ${c}; ${art(rules.laterArticle)}: ${ordinal(rules.laterDays)} day after (${plus}) or ${rules.shortTitle}'s entry into force (${x}), whichever is later → ${lower}`;
  } else {
    explanation = `deposit ${c}; ${art(rules.laterArticle)}: ${ordinal(rules.laterDays)} day after → ${plus}`;
    if (x > plus) explanation += `; not before ${rules.shortTitle}'s own entry into force (${x}) → ${x}`;
  }
  return { on: lower, earliest: lower, latest: lower, explanation };
}

function denunciationEffect(rules: InstrumentRules, notified: PartialDate): ComputedDate {
  const months = rules.denunciationMonths;
  const span = months === 12 ? 'one year' : `${months} months`;
  const earliest = notified.earliest ? addMonths(notified.earliest, months) : null;
  const latest = notified.latest ? addMonths(notified.latest, months) : null;
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
  const signatureAction = own.find((a) => a.kind === 'signature');
  const participations: Participation[] = [];
  for (const a of own) {
    if (isConsent(a.kind)) {
      participations.push({
        consentActionId: a.id,
        consentKind: a.kind as ConsentKind,
        consent: a.date,
        eif: computePartyEntry(rules, entry, a.date),
        denunciation: null,
      });
    } else if (a.kind === 'denunciation') {
      const open = participations.findLast((p) => p.denunciation === null);
      if (open) {
        open.denunciation = {
          actionId: a.id,
          notified: a.date,
          effective: denunciationEffect(rules, a.date),
          viaParent: false,
        };
      }
    }
  }
  return {
    participantId,
    signature: signatureAction ? { actionId: signatureAction.id, date: signatureAction.date } : null,
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
    const entry = computeInstrumentEntry(rules, own, participants, parent);
    const byParticipant = new Map<string, RegistryAction[]>();
    for (const a of own) {
      let list = byParticipant.get(a.participantId);
      if (!list) byParticipant.set(a.participantId, (list = []));
      list.push(a);
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
