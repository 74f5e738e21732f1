// What a State owes the depositary (the Secretary-General) under the Convention and its Protocols, read from
// the provisions catalogue's `notifications` column, and whether it has been made: pure, no I/O.
//
// Honesty rule (issue 17, item 5): the shipped data hold signatures and consents, not the notifications States
// made before Palermo kept them. An obligation with no matching record is therefore "not recorded here" unless
// the Secretariat has said from which date it keeps that State's notifications complete, and the whole window
// in which the notification could have been made lies on or after that date; only then is it "overdue".
import { addMonthsWithin, type IsoDate, type PartialDate } from '../../common/dates.ts';

/** When a notification falls due, as the catalogue words it. */
export type Timing =
  /** "(at signature or deposit)": may be made at signature, due at the latest on deposit (UNTOC 5(3)). */
  | 'at_signature_or_deposit'
  /** "(at deposit)": due on the day of deposit (UNTOC 16(5)(a), 18(13), 18(14)). */
  | 'at_deposit'
  /** "within N month(s)": due N months after the instrument binds the State (SoM 8(6)). */
  | 'within_months'
  /** No date: owed for as long as the State is a party (copies of laws 6(2)(d), 13(5); authorities 31(6)). */
  | 'standing';

/** One notification a party owes, read from one item of a provision's `notifications` cell. */
export interface Duty {
  instrumentId: string;
  /** The provision's article ("18"). */
  article: string;
  /** The paragraph the notification is owed under ("18(13)"), as the catalogue writes it. */
  reference: string;
  /** The catalogue's words for what is owed (without the timing in brackets). */
  text: string;
  /** The catalogue's strength: "mandatory" (shall) or "consider" (UNTOC 31(6)). */
  obligation: 'mandatory' | 'consider';
  timing: Timing;
  /** For `within_months`: how many months. */
  months: number | null;
  /** Who alone owes it, when not every party does (`CONDITIONS`); null: every party. */
  condition: string | null;
}

/**
 * Duties only some parties owe, by the terms of their article: the registry cannot tell whether the condition
 * holds for a State, so their absence is never called overdue.
 */
export const CONDITIONS: Readonly<Record<string, string>> = {
  // UNTOC 5(3): "States Parties whose domestic law requires involvement of an organized criminal group …".
  'UNTOC 5(3)':
    'only States whose domestic law requires the involvement of an organized criminal group or an act in furtherance',
  // UNTOC 16(5)(a): "States Parties that make extradition conditional on the existence of a treaty …".
  'UNTOC 16(5)(a)': 'only States that make extradition conditional on the existence of a treaty',
};

/** The fields of a catalogue row this module reads (the assistance feature's `Provision`). */
export interface CatalogueRow {
  instrumentId: string;
  article: string;
  obligation: string;
  notifications: string | null;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  six: 6,
  twelve: 12,
};

/**
 * The notifications owed by every party, read from the catalogue. Only rows whose `obligation` is
 * "mandatory" or "consider" are duties: the others name things a State may do (a reservation under 35(3), a
 * denunciation, an amendment), which nobody owes. One cell may hold several items ("18(13): …; 18(14): …").
 */
export function dutiesFromCatalogue(rows: readonly CatalogueRow[]): Duty[] {
  const duties: Duty[] = [];
  for (const row of rows) {
    if (row.obligation !== 'mandatory' && row.obligation !== 'consider') continue;
    if (!row.notifications) continue;
    // Items are separated by "; " followed by the next paragraph's reference ("18(14): …").
    for (const item of row.notifications.split(/;\s+(?=\d+\()/)) {
      const m = /^(\d+(?:\([^)]*\))+(?:-\(\d+\))?)\s*:\s*([\s\S]+)$/.exec(item.trim());
      if (!m) continue;
      const reference = m[1] as string;
      let text = (m[2] as string).trim();
      let timing: Timing = 'standing';
      let months: number | null = null;
      const bracket = /\s*\((at [^)]*)\)\s*$/.exec(text);
      if (bracket) {
        const when = (bracket[1] as string).toLowerCase();
        timing = /signature/.test(when) ? 'at_signature_or_deposit' : 'at_deposit';
        text = text.slice(0, bracket.index).trim();
      } else {
        const within = /within (\w+) months?/i.exec(text);
        if (within) {
          const word = (within[1] as string).toLowerCase();
          const n = NUMBER_WORDS[word] ?? Number(word);
          if (Number.isSafeInteger(n) && n > 0) {
            timing = 'within_months';
            months = n;
          }
        }
      }
      duties.push({
        instrumentId: row.instrumentId,
        article: row.article,
        reference,
        text,
        obligation: row.obligation,
        timing,
        months,
        condition: CONDITIONS[`${row.instrumentId} ${reference}`] ?? null,
      });
    }
  }
  return duties;
}

/** How a party stands on one instrument, as the registry computes it. */
export interface Joining {
  instrumentId: string;
  signature: PartialDate | null;
  /** The deposit of consent (ratification, accession …), null while the State has only signed. */
  consent: PartialDate | null;
  /** Entry into force for the party (exact day), null when not fixed yet or not computable to the day. */
  entryIntoForce: IsoDate | null;
}

/** A statement of record that may fulfil a duty: a notification or declaration of the State. */
export interface RecordedStatement {
  actionId: number;
  participantId?: string;
  instrumentId: string;
  kind: string;
  /** As recorded ("18(13)", "art. 18(13)", "6(2)(c); 9(1)(a)"), or null (no article given). */
  article: string | null;
  /** The date as recorded (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), or null when not known. */
  date: string | null;
}

/** The kinds of statement a duty to inform the Secretary-General is made by (docs/obligations.md). */
export const FULFILLING_KINDS = ['notification', 'declaration'] as const;

export type ObligationStatus = 'made' | 'outstanding' | 'not_recorded' | 'overdue';

export interface Obligation extends Duty {
  status: ObligationStatus;
  /** The day it falls due, when it has one and it can be told to the day. */
  dueOn: IsoDate | null;
  /**
   * The first day the notification could have been made (signature for 5(3), deposit otherwise): an absence is
   * only evidence of default when the Secretariat kept this State's notifications complete from then on.
   */
  opensOn: IsoDate | null;
  /** Why the due date is what it is, or why there is none. */
  basis: string;
  /** The statement of record that fulfils it (status "made"). */
  madeBy: { actionId: number; kind: string; date: string | null } | null;
  /** Overdue since (the due date), for status "overdue". */
  overdueSince: IsoDate | null;
}

/** One State's duties on one instrument, and the statements it made there under no article. */
export interface InstrumentCalendar {
  instrumentId: string;
  signedOn: string | null;
  consentOn: string | null;
  entryIntoForce: IsoDate | null;
  obligations: Obligation[];
  /** Notifications recorded under no article: may fulfil a duty, but the registry cannot say which. */
  unattributed: Array<{ actionId: number; kind: string; date: string | null }>;
}

/** `18(13)` from "art. 18(13)", "Art 18 (13)", "18.13"; several articles split on ";" or ",". */
export function articleReferences(article: string | null): string[] {
  if (!article) return [];
  return article
    .split(/[;,]/)
    .map((a) =>
      a
        .trim()
        .replace(/^art(?:icle)?\.?\s*/i, '')
        .replace(/\s+/g, '')
        // "18.13" and "18.5.a" are the dotted form of "18(13)" and "18(5)(a)".
        .replace(
          /^(\d+)((?:\.\w+)+)$/,
          (_, n: string, rest: string) =>
            n +
            rest
              .split('.')
              .filter(Boolean)
              .map((p) => `(${p})`)
              .join(''),
        )
        .toLowerCase(),
    )
    .filter((a) => a.length > 0);
}

/** Whether a recorded article names the duty's paragraph ("16(5)(a)" fulfils "16(5)(a)"; "8(6)" fulfils "8(6)"). */
function names(duty: Duty, recorded: string): boolean {
  return recorded === duty.reference.replace(/\s+/g, '').toLowerCase();
}

/** The exact day of a partial date, when it has one (a month or a year alone is not a day). */
export function exactDay(date: PartialDate | null): IsoDate | null {
  if (!date || date.earliest === null || date.earliest !== date.latest) return null;
  return date.earliest;
}

interface Timed {
  dueOn: IsoDate | null;
  opensOn: IsoDate | null;
  basis: string;
  /** True while the duty does not bind yet (the State has only signed). */
  notYet: boolean;
}

function timeOf(duty: Duty, joining: Joining): Timed {
  const deposit = exactDay(joining.consent);
  const signed = exactDay(joining.signature);
  if (joining.consent === null) {
    return {
      dueOn: null,
      opensOn: duty.timing === 'at_signature_or_deposit' ? signed : null,
      basis: 'owed once the State deposits its instrument of consent; it has signed only',
      notYet: true,
    };
  }
  switch (duty.timing) {
    case 'at_signature_or_deposit':
      return {
        dueOn: deposit,
        opensOn: joining.signature ? signed : deposit,
        basis: deposit
          ? `at signature or at the latest on deposit (${deposit})`
          : 'on deposit, whose day the registry does not know',
        notYet: false,
      };
    case 'at_deposit':
      return {
        dueOn: deposit,
        opensOn: deposit,
        basis: deposit ? `on deposit (${deposit})` : 'on deposit, whose day the registry does not know',
        notYet: false,
      };
    case 'within_months': {
      // The designation is owed once the Protocol binds the State, so it is due at the latest N months after
      // the Protocol's entry into force for it; the registry does not know the day a State designated.
      const eif = joining.entryIntoForce;
      const months = duty.months ?? 1;
      const due = eif ? addMonthsWithin(eif, months) : null;
      return {
        dueOn: due,
        opensOn: deposit,
        basis: due
          ? `within ${months} month${months === 1 ? '' : 's'} of designation, at the latest ${months} month${months === 1 ? '' : 's'} after entry into force for the State (${eif})`
          : 'within a period from entry into force for the State, whose day the registry does not know',
        notYet: false,
      };
    }
    case 'standing':
      return {
        dueOn: null,
        opensOn: joining.entryIntoForce ?? deposit,
        basis: 'standing: owed while the State is a party, and again at every change',
        notYet: false,
      };
  }
}

/**
 * A State's calendar on one instrument on `today`. `completeSince` is the first day from which the
 * Secretariat keeps this State's notifications complete (null: never said, so no absence proves anything).
 */
export function instrumentCalendar(
  duties: readonly Duty[],
  joining: Joining,
  statements: readonly RecordedStatement[],
  completeSince: IsoDate | null,
  today: IsoDate,
): InstrumentCalendar {
  const own = statements
    .filter(
      (s) =>
        s.instrumentId === joining.instrumentId && (FULFILLING_KINDS as readonly string[]).includes(s.kind),
    )
    .sort((a, b) => a.actionId - b.actionId);
  const obligations = duties
    .filter((d) => d.instrumentId === joining.instrumentId)
    .map((duty): Obligation => {
      const timed = timeOf(duty, joining);
      const match = own.find((s) => articleReferences(s.article).some((a) => names(duty, a)));
      const base = {
        ...duty,
        dueOn: timed.dueOn,
        opensOn: timed.opensOn,
        basis: timed.basis,
        madeBy: null,
        overdueSince: null,
      };
      if (match) {
        return {
          ...base,
          status: 'made',
          madeBy: { actionId: match.actionId, kind: match.kind, date: match.date },
        };
      }
      if (timed.notYet) return { ...base, status: 'outstanding' };
      if (timed.dueOn !== null && timed.dueOn >= today) return { ...base, status: 'outstanding' };
      // The registry holds every notification of this State since `completeSince`: an absence is evidence only
      // when the notification could not have been made before that day.
      const kept = completeSince !== null && timed.opensOn !== null && timed.opensOn >= completeSince;
      if (!kept) return { ...base, status: 'not_recorded' };
      if (timed.dueOn === null) {
        // A standing duty with nothing recorded since it arose: still owed, with no day to be late from; a
        // dated duty whose day the registry cannot tell cannot be called late either.
        return { ...base, status: duty.timing === 'standing' ? 'outstanding' : 'not_recorded' };
      }
      // Whether the State is one of those who owe a conditional duty is not recorded here.
      if (duty.condition !== null) return { ...base, status: 'not_recorded' };
      return { ...base, status: 'overdue', overdueSince: timed.dueOn };
    });
  const unattributed = own
    .filter((s) => s.kind === 'notification' && articleReferences(s.article).length === 0)
    .map((s) => ({ actionId: s.actionId, kind: s.kind, date: s.date }));
  return {
    instrumentId: joining.instrumentId,
    signedOn: joining.signature?.text ?? null,
    consentOn: joining.consent?.text ?? null,
    entryIntoForce: joining.entryIntoForce,
    obligations,
    unattributed,
  };
}

/** Counts per status, for summaries and the CLI. */
export function countByStatus(calendars: readonly InstrumentCalendar[]): Record<ObligationStatus, number> {
  const counts: Record<ObligationStatus, number> = { made: 0, outstanding: 0, not_recorded: 0, overdue: 0 };
  for (const c of calendars) for (const o of c.obligations) counts[o.status] += 1;
  return counts;
}
