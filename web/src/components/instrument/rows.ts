// The participant table's rows: the status on the date joined with each participant's reference data
// (development class on that date) and its statements and footnotes; filtering and sorting.
import type { TFunction } from 'i18next';
import type { Participant, ParticipantAnnotations, ParticipantStatus } from '../../api.ts';
import { foldForSearch } from '../../format.ts';
import type { Query } from '../../url.ts';
import { regionLabel, unGroupLabel } from '../dataLabels.ts';

export interface Row extends ParticipantStatus {
  developmentClass: string | null;
  notes: ParticipantAnnotations | undefined;
  /**
   * A statement was made whose text is not recorded here (statements-index); null until both the
   * annotations and that list have arrived, so "nothing recorded here" is never said too early.
   */
  listed: boolean | null;
}

export const SORT_KEYS = ['participant', 'state', 'signature', 'consent', 'eif'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const FILTER_KEYS = ['region', 'group', 'dev', 'state'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Joins the status with the reference data, the annotations and who is known to have made a statement whose
 * text is not recorded here. Statements made after `asOf` are left out
 * (a partial date such as "2026" counts as made by a date in that year); undated ones are kept.
 */
export function joinRows(
  participants: ParticipantStatus[],
  reference: Participant[] | undefined,
  annotations: ParticipantAnnotations[] | undefined,
  asOf: string,
  listed?: ReadonlySet<string>,
): Row[] {
  const byId = new Map(reference?.map((p) => [p.id, p]));
  const notes = new Map(
    annotations?.map((a) => [
      a.participantId,
      { ...a, statements: a.statements.filter((s) => !s.date || s.date <= asOf) },
    ]),
  );
  return participants.map((p) => ({
    ...p,
    developmentClass: byId.get(p.participantId)?.developmentClass ?? null,
    notes: notes.get(p.participantId),
    listed: annotations && listed ? listed.has(p.participantId) : null,
  }));
}

/** The value a row has for a filter. */
export function filterValue(row: Row, key: FilterKey): string | null {
  switch (key) {
    case 'region':
      return row.region;
    case 'group':
      return row.unGroup;
    case 'dev':
      return row.developmentClass;
    case 'state':
      return row.state;
  }
}

function sortValue(row: Row, key: SortKey): string {
  switch (key) {
    case 'participant':
      return row.name;
    case 'state':
      return row.state;
    case 'signature':
      return row.signatureDate ?? '';
    case 'consent':
      return row.consentDate ?? '';
    case 'eif':
      return row.eif?.on ?? row.eif?.earliest ?? row.eif?.latest ?? '';
  }
}

export function sortKeyOf(query: Query): SortKey {
  return (SORT_KEYS as readonly string[]).includes(query.sort ?? '')
    ? (query.sort as SortKey)
    : 'participant';
}

export function shownRows(rows: Row[], query: Query, search: string, t: TFunction, locale: string): Row[] {
  const needle = foldForSearch(search.trim());
  const filtered = rows.filter((row) => {
    for (const key of FILTER_KEYS) {
      const wanted = query[key];
      if (wanted && filterValue(row, key) !== wanted) return false;
    }
    if (!needle) return true;
    const haystack = [
      row.name,
      row.participantId,
      row.region ? regionLabel(t, row.region) : '',
      row.unGroup ? unGroupLabel(t, row.unGroup) : '',
      t(`participantState.${row.state}`),
    ].join(' ');
    return foldForSearch(haystack).includes(needle);
  });
  const key = sortKeyOf(query);
  const direction = query.dir === 'desc' ? -1 : 1;
  const collator = new Intl.Collator(locale);
  return filtered.sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    // Empty dates go last whatever the direction; ties by name.
    if (x === '' && y !== '') return 1;
    if (y === '' && x !== '') return -1;
    const c = key === 'participant' ? collator.compare(x, y) : x.localeCompare(y);
    return c !== 0 ? c * direction : collator.compare(a.name, b.name);
  });
}
