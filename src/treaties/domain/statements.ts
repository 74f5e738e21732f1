// What statements of record mean: dispute-clause opt-outs and which dispute-settlement obligations run
// between two States, the territories a territorial application covers or excludes, and the three states
// of knowledge about a participant's statements. Pure: no I/O (tests/architecture.test.ts).
import type { ActionKind } from './types.ts';

/**
 * The dispute-settlement clause of each instrument (arbitration, then the ICJ) and the paragraph that lets a
 * State declare itself not bound by it, "at the time of signature, ratification, acceptance or approval of
 * or accession": UNTOC 35(2)-(3), TIP 15(2)-(3), SoM 20(2)-(3), Firearms 16(2)-(3). The other States
 * Parties are then not bound by the clause towards that State either (the same paragraph (3)).
 */
export const DISPUTE_CLAUSES: Readonly<Record<string, { clause: string; optOut: string }>> = {
  UNTOC: { clause: '35(2)', optOut: '35(3)' },
  TIP: { clause: '15(2)', optOut: '15(3)' },
  SOM: { clause: '20(2)', optOut: '20(3)' },
  FIREARMS: { clause: '16(2)', optOut: '16(3)' },
};

/** The article as written ("35(2)", "art. 35 (2)", "35.2"), reduced to "35(2)" for comparison. */
export function normaliseArticle(article: string | null | undefined): string {
  const t = (article ?? '')
    .toLowerCase()
    .replace(/^art(icle)?\.?\s*/, '')
    .replace(/\s+/g, '');
  return t.replace(/^(\d+)\.(\d+)$/, '$1($2)');
}

export interface StatementLike {
  id: number;
  instrumentId: string;
  participantId: string;
  kind: ActionKind;
  article: string | null;
  targetActionId?: number | null;
}

/**
 * A dispute-clause opt-out: a reservation under the clause's paragraph (3), cited either by the clause it
 * excludes ("35(2)", as the depositary and the shared data write it) or by the paragraph it is made under
 * ("35(3)"). A declaration under the clause is not one (Malawi's TIP declaration accepts 15(2)).
 */
export function isDisputeOptOut(s: Pick<StatementLike, 'instrumentId' | 'kind' | 'article'>): boolean {
  const clause = DISPUTE_CLAUSES[s.instrumentId];
  if (!clause || s.kind !== 'reservation') return false;
  const article = normaliseArticle(s.article);
  return article === clause.clause || article === clause.optOut;
}

/** The opt-outs in effect: those no withdrawal (of the same participant) points at. */
export function optOutsInEffect<S extends StatementLike>(statements: readonly S[]): S[] {
  const withdrawn = new Set(
    statements
      .filter((s) => s.kind === 'withdrawal' && s.targetActionId != null)
      .map((s) => s.targetActionId),
  );
  return statements.filter((s) => isDisputeOptOut(s) && !withdrawn.has(s.id));
}

export type DisputeObligation =
  /** Both are parties and neither's opt-out is recorded: the clause binds them, as far as is recorded here. */
  | 'binds_unless_unrecorded_opt_out'
  /** One of them (or both) opted out: the clause does not run between them (paragraph (3)). */
  | 'excluded'
  /** They are not both parties: the instrument creates no obligation between them. */
  | 'not_both_parties';

export interface DisputeObligationBetween {
  instrumentId: string;
  clause: string;
  obligation: DisputeObligation;
  /** The opt-outs that exclude the clause, by either State. */
  optOutIds: number[];
  /** Who opted out. */
  optedOut: string[];
  /** Of the two, who made statements whose text is not recorded here: an opt-out may hide among them. */
  textNotRecorded: string[];
}

/**
 * Which dispute-settlement obligations run between States `a` and `b`, instrument by instrument. An
 * obligation is said to bind only "unless an opt-out is not recorded here": the statements held are a
 * partial set (reference/SOURCES.md), and `textNotRecorded` names who is known to have made unrecorded ones.
 */
export function disputeObligationsBetween(
  a: string,
  b: string,
  input: {
    instrumentIds: readonly string[];
    isParty: (instrumentId: string, participantId: string) => boolean;
    statements: readonly StatementLike[];
    /** Participants listed, per instrument, as having made a statement whose text is not recorded here. */
    unrecorded: (instrumentId: string, participantId: string) => boolean;
  },
): DisputeObligationBetween[] {
  const out: DisputeObligationBetween[] = [];
  for (const instrumentId of input.instrumentIds) {
    const clause = DISPUTE_CLAUSES[instrumentId];
    if (!clause) continue;
    const mine = input.statements.filter(
      (s) => s.instrumentId === instrumentId && (s.participantId === a || s.participantId === b),
    );
    const optOuts = optOutsInEffect(mine);
    const both = input.isParty(instrumentId, a) && input.isParty(instrumentId, b);
    out.push({
      instrumentId,
      clause: clause.clause,
      obligation: !both
        ? 'not_both_parties'
        : optOuts.length > 0
          ? 'excluded'
          : 'binds_unless_unrecorded_opt_out',
      optOutIds: optOuts.map((s) => s.id),
      optedOut: [...new Set(optOuts.map((s) => s.participantId))].sort(),
      textNotRecorded: [a, b].filter((p) => input.unrecorded(instrumentId, p)),
    });
  }
  return out;
}

export interface TerritorialScope {
  covered: string[];
  excluded: string[];
}

/** "the Faroe Islands and Greenland" → ["Faroe Islands", "Greenland"]. */
function territories(text: string): string[] {
  return text
    .split(/,\s*|\s+and\s+/)
    .map((t) =>
      t
        .trim()
        .replace(/^the\s+/i, '')
        .replace(/[.;]+$/, ''),
    )
    .filter((t) => t !== '');
}

const EXCLUDES =
  /\b(?:does not (?:cover|extend to|apply to)|not to apply to|excluding)\s+([^.;]+?)(?:\s+unless\b[^.;]*)?(?=[.;]|$)/gi;
const COVERS =
  /\b(?:extension to|extended to|appl(?:y|ies) (?:only )?to|accepted for|covers?)\s+([^.;]+?)(?:\s+only\b[^.;]*)?(?=[.;]|$)/gi;

/**
 * The territories a territorial application covers or excludes, read from its summary (the shared data gives
 * no separate column): "Extension to Aruba" covers Aruba; "Ratification does not cover the Faroe Islands and
 * Greenland" excludes both; "Applies to the Macao SAR; does not apply to the Hong Kong SAR unless …" covers one
 * and excludes the other. A recorded `territory` counts as covered. What the words do not say stays unsaid.
 */
export function territorialScope(s: { summary: string | null; territory?: string | null }): TerritorialScope {
  const covered: string[] = [];
  const excluded: string[] = [];
  const text = s.summary ?? '';
  for (const m of text.matchAll(EXCLUDES)) excluded.push(...territories(m[1] as string));
  const withoutExclusions = text.replace(EXCLUDES, '');
  for (const m of withoutExclusions.matchAll(COVERS)) covered.push(...territories(m[1] as string));
  if (s.territory) covered.push(s.territory);
  return { covered: [...new Set(covered)], excluded: [...new Set(excluded)] };
}

/**
 * What is known of a participant's statements on an instrument: some recorded here; a statement made whose
 * text is not recorded here (an index of the depositary's or a national list); or nothing recorded here,
 * which is not the same as "none made".
 */
export type StatementKnowledge = 'recorded' | 'text_not_recorded' | 'nothing_recorded';

export function statementKnowledge(recorded: number, listedElsewhere: boolean): StatementKnowledge {
  if (recorded > 0) return 'recorded';
  return listedElsewhere ? 'text_not_recorded' : 'nothing_recorded';
}

/** The confidence a source note starts with ("High for the fact; …" → "High"), or null if it names none. */
export function confidenceOf(note: string | null | undefined): string | null {
  const m = /^(High|Medium-high|Medium|Low)\b/i.exec((note ?? '').trim());
  if (!m) return null;
  const word = (m[1] as string).toLowerCase();
  return word === 'medium-high' ? 'Medium-high' : word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The per-instrument line on how much is known: statements recorded here, by how many participants, and
 * that the depositary's list is longer (participants known to have made statements not recorded here).
 */
export function coverageLine(c: {
  shortTitle: string;
  statements: number;
  participants: number;
  listedNotRecorded: number;
}): string {
  const s = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    `${s(c.statements, 'statement', 'statements')} by ${s(c.participants, 'participant', 'participants')} recorded here for ${c.shortTitle}; ` +
    `the depositary's list is longer: ${s(c.listedNotRecorded, 'other participant is', 'other participants are')} known to have made statements whose text is not recorded here, ` +
    'and a participant with nothing recorded here may still have made one.'
  );
}
