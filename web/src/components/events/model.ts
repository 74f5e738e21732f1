// Pure helpers of the events pages: the calendar's groups, the sources of a reference event, the values a
// target may take (as the server resolves them, from the States' reference data), and what changed from
// one revision to the next. No React, no requests: unit-tested in model.test.ts.
import type { EventSnapshot, EventSummary, TargetKind } from '../../api-events.ts';

export interface EventGroup {
  /** "2026-07" (a month) or "2003" (a year). */
  key: string;
  events: EventSummary[];
}

/**
 * Upcoming events (not yet ended on `today`), soonest first, by month; past events, latest first, by year:
 * what is coming is read month by month, what happened year by year.
 */
export function groupEvents(
  events: readonly EventSummary[],
  today: string,
): { upcoming: EventGroup[]; past: EventGroup[] } {
  const upcoming = events
    .filter((e) => e.end >= today)
    .sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  const past = events
    .filter((e) => e.end < today)
    .sort((a, b) => b.start.localeCompare(a.start) || b.id - a.id);
  return {
    upcoming: groupBy(upcoming, (e) => e.start.slice(0, 7)),
    past: groupBy(past, (e) => e.start.slice(0, 4)),
  };
}

function groupBy(events: readonly EventSummary[], keyOf: (e: EventSummary) => string): EventGroup[] {
  const groups: EventGroup[] = [];
  for (const e of events) {
    const key = keyOf(e);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.events.push(e);
    else groups.push({ key, events: [e] });
  }
  return groups;
}

/** A reference event's source, as the shared table gives it: addresses (and words) separated by ";". */
export function sourceParts(source: string): Array<{ text: string; url: string | null }> {
  return source
    .split(/;\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => ({ text, url: /^https?:\/\/\S+$/.test(text) ? text : null }));
}

/** What the States' reference data says of a State, for targets (GET /api/participants). */
export interface StateFacts {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  subregion: string | null;
  intermediateRegion: string | null;
  unGroup: string | null;
}

/** The development classes a target may name (src/events/domain/targets.ts). */
export const DEVELOPMENT_CLASSES = ['developing', 'transition', 'developed'] as const;

/**
 * The values a target of this kind may take: the regions, sub-regions, intermediate regions and UN regional
 * groups the States have, each once and sorted; the development classes; or the States by name. The server
 * checks again and names the allowed values when it refuses one.
 */
export function targetOptions(
  kind: TargetKind,
  participants: readonly StateFacts[],
): Array<{ value: string; label: string }> {
  const states = participants.filter((p) => p.kind === 'state');
  if (kind === 'development_class') return DEVELOPMENT_CLASSES.map((c) => ({ value: c, label: c }));
  if (kind === 'state')
    return states
      .map((s) => ({ value: s.id, label: s.name }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  const attribute = {
    region: (s: StateFacts) => s.region,
    subregion: (s: StateFacts) => s.subregion,
    intermediate_region: (s: StateFacts) => s.intermediateRegion,
    un_group: (s: StateFacts) => s.unGroup,
  }[kind];
  return [...new Set(states.map(attribute).filter((v): v is string => !!v))]
    .sort()
    .map((v) => ({ value: v, label: v }));
}

export type SnapshotField = keyof EventSnapshot;

/** The fields of an event in the order the page shows them. */
export const SNAPSHOT_FIELDS: readonly SnapshotField[] = [
  'title',
  'kind',
  'status',
  'statusReason',
  'start',
  'end',
  'venue',
  'hosts',
  'coOrganisers',
  'targets',
  'instruments',
  'agenda',
  'languages',
  'interpretation',
  'public',
  'registrationDeadline',
  'description',
];

/** The fields that differ between two versions of an event (all of them against no earlier version). */
export function changedFields(before: EventSnapshot | null, after: EventSnapshot): SnapshotField[] {
  return SNAPSHOT_FIELDS.filter(
    (f) => before === null || JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  );
}

/** "5, 32(2) 34" → ["5", "32(2)", "34"]: articles as typed, separated by commas or spaces. */
export function parseArticles(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** One line per co-organiser, blank lines dropped. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
