// The data of sections III (promotion: events) and IV (technical assistance) of the report to the
// Commission for a period and an "as at" date, the figures the paragraphs cite from it, and the records it
// was drawn from in a canonical form for the report's data fingerprint (issue 15, items 3 to 5). The rules of
// what is counted and what may be published are in docs/reports.md, "Sections III and IV".
import { isIsoDate, type IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import type { Db } from '../../db/schema.ts';
import type { Figure } from '../domain/template.ts';
import { gatherAssistance, type AssistanceSection } from './gather-assistance.ts';
import { gatherEvents, type EventsSection, type ReportedCommitment } from './gather-events.ts';

export type {
  AssistanceSection,
  Breakdown,
  ReportedProject,
  ReportedResult,
  RequestFigures,
} from './gather-assistance.ts';
export type {
  CurveCounts,
  EventsSection,
  EventTotals,
  Named,
  ReportedCommitment,
  ReportedEvent,
  ReportedFollowUp,
} from './gather-events.ts';
export { PROMOTION_KINDS } from './gather-events.ts';

export interface ProgrammeData {
  period: { from: IsoDate; to: IsoDate };
  asAt: IsoDate;
  events: EventsSection;
  assistance: AssistanceSection;
}

/** The catalogue names (figures.ts) this data resolves: every figure of sections III and IV. */
export const PROGRAMME_FIGURES = [
  'events.held',
  'events.conferences',
  'events.seminars',
  'events.statesAttending',
  'commitments.made',
  'commitments.met',
  'requests.received',
  'requests.approved',
  'requests.declined',
  'projects.active',
  'projects.completed',
  'results.lawsAdopted',
  'results.instrumentsDeposited',
] as const;
export type ProgrammeFigure = (typeof PROGRAMME_FIGURES)[number];

function checkDates(period: { from: IsoDate; to: IsoDate }, asAt: IsoDate): void {
  const fields: Array<[string, string]> = [
    ['period.from', period.from],
    ['period.to', period.to],
    ['asAt', asAt],
  ];
  for (const [field, value] of fields) {
    if (!isIsoDate(value))
      throw new DomainError('validation', `${field}: "${value}" is not a date written YYYY-MM-DD`, { field });
  }
  if (period.to < period.from)
    throw new DomainError('validation', `the period ends (${period.to}) before it starts (${period.from})`, {
      field: 'period.to',
    });
  if (period.to > asAt)
    throw new DomainError('validation', `the period ends (${period.to}) after the "as at" date (${asAt})`, {
      field: 'period.to',
    });
}

/**
 * Sections III and IV for the period (its first and last day included) as at `asAt`. With no events or
 * assistance records the figures are zero and the lists empty: the section still has its data.
 */
export async function gatherProgramme(
  db: Db,
  options: { period: { from: IsoDate; to: IsoDate }; asAt: IsoDate },
): Promise<ProgrammeData> {
  const { period, asAt } = options;
  checkDates(period, asAt);
  return {
    period: { from: period.from, to: period.to },
    asAt,
    events: await gatherEvents(db, period, asAt),
    assistance: await gatherAssistance(db, period, asAt),
  };
}

/** `table:1,2,3`, or `table:none`: the records a figure counts, for its source. */
const ids = (table: string, list: readonly number[]): string =>
  `${table}:${list.length === 0 ? 'none' : [...list].sort((a, b) => a - b).join(',')}`;

/** Confidential records are counted, never identified: the source says how many the query found. */
const withheld = (table: string, n: number): string => `${table}:${n} confidential (ids withheld)`;

function figureSources(data: ProgrammeData): Record<ProgrammeFigure, { value: number; ref: string }> {
  const { events: e, assistance: a } = data;
  const eventIds = (kinds?: string) =>
    e.promotion.filter((x) => kinds === undefined || x.kind === kinds).map((x) => x.id);
  const made: ReportedCommitment[] = e.promotion.flatMap((x) => x.commitments);
  const listed = a.projects.published;
  const projects = (pick: (p: (typeof listed)[number]) => boolean, hidden: number): string =>
    `${ids(
      'projects',
      listed.filter(pick).map((p) => p.id),
    )}${hidden > 0 ? ` + ${hidden} not published` : ''}`;
  const results = (kind: string) => a.results.filter((r) => r.kind === kind);
  return {
    'events.held': { value: e.totals.held, ref: ids('events', eventIds()) },
    'events.conferences': {
      value: e.totals.conferences,
      ref: ids('events', eventIds('regional_ministerial_conference')),
    },
    'events.seminars': { value: e.totals.seminars, ref: ids('events', eventIds('pre_ratification_seminar')) },
    // Who attended is not published (docs/events.md): the source names the events whose attendance counts.
    'events.statesAttending': {
      value: e.totals.statesAttending,
      ref: ids('attendance of events', eventIds()),
    },
    'commitments.made': {
      value: e.totals.commitmentsMade,
      ref: ids(
        'commitments',
        made.map((c) => c.id),
      ),
    },
    'commitments.met': {
      value: e.totals.commitmentsMet,
      ref: ids(
        'commitments',
        e.metInPeriod.map((c) => c.id),
      ),
    },
    'requests.received': {
      value: a.requests.received,
      ref: withheld('assistance_requests', a.requests.received),
    },
    'requests.approved': {
      value: a.requests.approvedInPeriod,
      ref: withheld('assistance_requests', a.requests.approvedInPeriod),
    },
    'requests.declined': {
      value: a.requests.declinedInPeriod,
      ref: withheld('assistance_requests', a.requests.declinedInPeriod),
    },
    'projects.active': {
      value: a.projects.active,
      ref: projects((p) => p.activeInPeriod, a.projects.notPublished.active),
    },
    'projects.completed': {
      value: a.projects.completed,
      ref: projects((p) => p.completedInPeriod, a.projects.notPublished.completed),
    },
    'results.lawsAdopted': {
      value: results('legislation_adopted').length,
      ref: ids(
        'project_outcomes',
        results('legislation_adopted').map((r) => r.id),
      ),
    },
    'results.instrumentsDeposited': {
      value: results('instrument_deposited').length,
      ref: ids(
        'project_outcomes',
        results('instrument_deposited').map((r) => r.id),
      ),
    },
  };
}

const isProgrammeFigure = (name: string): name is ProgrammeFigure =>
  (PROGRAMME_FIGURES as readonly string[]).includes(name);

/**
 * The resolver `renderTemplate` takes, for the figures of sections III and IV: each a count as at the
 * report's date, its source `kind` the figure's name and its `ref` the records counted. Any other name, or
 * arguments (these figures take none), is a RangeError: a template is checked before it is rendered.
 */
export function resolveProgrammeFigure(
  data: ProgrammeData,
): (name: string, args: readonly string[]) => Figure {
  const sources = figureSources(data);
  return (name, args) => {
    if (!isProgrammeFigure(name)) throw new RangeError(`${name} is not a figure of sections III and IV`);
    if (args.length > 0) throw new RangeError(`${name} takes no argument`);
    const { value, ref } = sources[name];
    return { kind: 'count', value, asAt: data.asAt, source: { kind: name, ref } };
  };
}

type Cell = string | number | boolean | null;

/**
 * The records sections III and IV were drawn from, one per line as a JSON array of strings, integers,
 * booleans and nulls (no floats, no dates as objects), sorted: the same records give the same text, whatever
 * order the stores returned them in. The caller hashes it with the registry's and the Fund's records.
 * Confidential records enter it by id, dates and status only; the text is hashed, never published.
 */
export function programmeRecords(data: ProgrammeData): string {
  const lines: Cell[][] = [['period', data.period.from, data.period.to, data.asAt]];
  const { events: e, assistance: a } = data;
  for (const x of [...e.promotion, ...e.other]) {
    lines.push([
      'event',
      x.id,
      x.kind,
      x.status,
      x.start,
      x.end,
      x.title,
      x.statesRegistered,
      x.statesAttending,
    ]);
    lines.push(['event.venue', x.id, x.venue.city, x.venue.country?.id ?? null, x.venue.online]);
    lines.push(['event.hosts', x.id, ...x.hosts.map((h) => h.id)]);
    lines.push(['event.instruments', x.id, ...x.instruments]);
    lines.push(['event.attending', x.id, ...(e.attendingStates.get(x.id) ?? [])]);
    lines.push(['event.followUp', x.id, JSON.stringify(x.followUp)]);
  }
  const commitments = new Map<number, ReportedCommitment>();
  for (const c of [
    ...e.promotion.flatMap((x) => x.commitments),
    ...e.other.flatMap((x) => x.commitments),
    ...e.metInPeriod,
    ...e.otherMetInPeriod,
  ])
    commitments.set(c.id, c);
  for (const c of commitments.values())
    lines.push([
      'commitment',
      c.id,
      c.eventId,
      c.state.id,
      c.instrumentId,
      c.what,
      c.due,
      c.status,
      c.metBy?.actionId ?? null,
      c.metBy?.date ?? null,
    ]);
  for (const r of a.confidential.requests) lines.push(['request', r.id, r.requestedOn, ...r.steps]);
  for (const p of a.confidential.projects)
    lines.push(['project.unpublished', p.id, p.requestId, p.startsOn, p.endedOn]);
  for (const p of a.projects.published)
    lines.push([
      'project',
      p.id,
      p.title,
      p.state.id,
      p.startsOn,
      p.endsOn,
      p.endedOn,
      p.region,
      p.theme,
      ...p.articles,
    ]);
  for (const r of a.results)
    lines.push([
      'project.outcome',
      r.id,
      r.projectId,
      r.kind,
      r.happenedOn,
      r.citation,
      r.instrumentId,
      r.actionId,
    ]);
  return lines
    .map((l) => JSON.stringify(l))
    .sort()
    .join('\n');
}
