// The events after the 2014 participant tables (reference/participants-updates-post2014.csv), as actions,
// with the dates the file's sources allow and no more (reference/README.md, "Derivations").
import { maxDate, minDate, parsePartialDate } from '../common/dates.ts';
import { participantTableCandidates } from '../treaties/services/import-csv.ts';
import type { ReferenceCandidate } from './import-reference-actions.ts';
import { officialPartyCounts, readReference } from './load-reference-data.ts';

export const LATER_EVENTS_FILE = 'participants-updates-post2014.csv';

/** The day after the 2014 snapshot: a participant absent from it consented later. */
const AFTER_SNAPSHOT = '2014-07-11';

/** A note giving the window of an undated deposit, e.g. "deposited between 2019-04-01 and 2020-03-31". */
const WINDOW = /\bdeposited between (\d{4}(?:-\d{2}){0,2}) and (\d{4}(?:-\d{2}){0,2})\b/;

/**
 * Narrows an undated consent to the window its note gives (Palau's TIP accession: between the start and the
 * end of the reporting period of the report that first mentions it), never to an invented day.
 */
function withinNotedWindow(c: ReferenceCandidate): ReferenceCandidate {
  const m = WINDOW.exec(c.input.notes ?? '');
  const from = parsePartialDate(m?.[1])?.earliest;
  const to = parsePartialDate(m?.[2])?.latest;
  if (!from || !to || c.input.kind === 'signature' || parsePartialDate(c.input.date)?.precision === 'day')
    return c;
  const notBefore = c.input.notBefore ? maxDate(c.input.notBefore, from) : from;
  const notAfter = c.input.notAfter ? minDate(c.input.notAfter, to) : to;
  return { ...c, input: { ...c.input, notBefore, notAfter } };
}

/**
 * The file's rows as actions. Where a consent has no full day it is bounded below by the snapshot (the
 * participant is not a party in it) and above by the row's `as_of`, or else by the date of the official
 * count it was identified to reach (reference/SOURCES.md, "Completeness"), and by the window its note gives.
 */
export function laterEventCandidates(text = readReference(LATER_EVENTS_FILE)): ReferenceCandidate[] {
  const official = officialPartyCounts();
  return participantTableCandidates(text, {
    notBeforeUndated: AFTER_SNAPSHOT,
    notAfterUndated: Object.fromEntries(Object.entries(official).map(([id, o]) => [id, o.asOf])),
  }).map(withinNotedWindow);
}
