// Section IV of the report to the Commission (res. 56/120 paras 3–4; issue 15, item 3): requests for
// technical assistance received in the period and their outcome, projects active and completed by region,
// theme and article, and the results they recorded — read through the assistance feature's services, and
// classified as it classifies them (`requestPurpose`: the State's region, the one theme of the request's
// provisions or none when they span several).
//
// Confidentiality (docs/reports.md, "What section IV may publish"): the report is public once frozen, and
// requests are confidential to their State and the Secretariat (as are unpublished projects). So requests
// appear only as whole-period counts — never listed, named or broken down — and an unpublished project
// counts in the two project totals only: the breakdowns, the list of projects and the results are drawn
// from published projects. Nothing published can then be differenced into a confidential record: beside the
// published projects, the totals tell only how many confidential ones there were, with no State, region,
// theme, article or result attached.
import type { IsoDate } from '../../common/dates.ts';
import type { Db } from '../../db/schema.ts';
import { projectViews, type ProjectView } from '../../assistance/services/projects.ts';
import { requestPurpose, requestViews, type RequestView } from '../../assistance/services/requests.ts';
import type { Viewer } from '../../assistance/services/viewer.ts';
import { listParticipants } from '../../treaties/services/lookups.ts';

/** Counting confidential records is the Secretariat's reading; what is published is chosen below. */
const SECRETARIAT: Viewer = { kind: 'secretariat' };

export interface RequestFigures {
  /** Requests dated in the period (`requestedOn`) and submitted: drafts were never received. */
  received: number;
  /** Of those received, where each stood as at the report's date. */
  outcome: { approved: number; declined: number; withdrawn: number; pending: number };
  /** Requests approved, or declined, on a day of the period (whenever they were received). */
  approvedInPeriod: number;
  declinedInPeriod: number;
}

export interface ReportedProject {
  id: number;
  title: string;
  state: { id: string; name: string };
  /** As the assistance feature classifies the project: the State's region; null for a non-State. */
  region: string | null;
  /** The one theme of its request's provisions; null when they span several themes (or none are named). */
  theme: string | null;
  instrumentId: string | null;
  /** The request's provisions: `UNTOC 5`, `TIP 6`. */
  articles: string[];
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The day its request was completed (or withdrawn), as at the report's date; null while under way. */
  endedOn: IsoDate | null;
  activeInPeriod: boolean;
  completedInPeriod: boolean;
}

/** Published projects by one classification: active and completed in the period. */
export interface Breakdown {
  /** The region, theme or article; null: no region (a non-State) or several themes. */
  key: string | null;
  active: number;
  completed: number;
}

export interface ReportedResult {
  id: number;
  projectId: number;
  kind: 'legislation_adopted' | 'authority_notified' | 'instrument_deposited';
  happenedOn: IsoDate;
  state: { id: string; name: string };
  citation: string | null;
  instrumentId: string | null;
  actionId: number | null;
}

export interface AssistanceSection {
  requests: RequestFigures;
  projects: {
    /** Every project under way at some time in the period, and completed in it: published or not. */
    active: number;
    completed: number;
    /** The published ones, listed; the unpublished ones are only counted. */
    published: ReportedProject[];
    notPublished: { active: number; completed: number };
    byRegion: Breakdown[];
    byTheme: Breakdown[];
    byArticle: Breakdown[];
  };
  /** Outcomes of published projects dated in the period. */
  results: ReportedResult[];
  /** For the data's fingerprint only, never for publication: the confidential records counted. */
  confidential: {
    requests: Array<{ id: number; requestedOn: IsoDate; steps: string[] }>;
    projects: Array<{ id: number; requestId: number; startsOn: IsoDate; endedOn: IsoDate | null }>;
  };
}

const dayOf = (moment: string): IsoDate => moment.slice(0, 10);
const within = (day: IsoDate | null, p: { from: IsoDate; to: IsoDate }): boolean =>
  day !== null && day >= p.from && day <= p.to;

/** The first day a request reached a status, counting only steps recorded by the "as at" day. */
function reached(r: RequestView, status: string, asAt: IsoDate): IsoDate | null {
  const step = r.steps.find((s) => s.toStatus === status && dayOf(s.at) <= asAt);
  return step ? dayOf(step.at) : null;
}

function requestFigures(
  requests: readonly RequestView[],
  period: { from: IsoDate; to: IsoDate },
  asAt: IsoDate,
): RequestFigures {
  const received = requests.filter(
    (r) => within(r.requestedOn, period) && r.steps.some((s) => s.toStatus === 'submitted'),
  );
  const outcome = { approved: 0, declined: 0, withdrawn: 0, pending: 0 };
  for (const r of received) {
    // Approval comes before funding and completion: an approved request stays approved as an outcome.
    if (reached(r, 'approved', asAt)) outcome.approved += 1;
    else if (reached(r, 'declined', asAt)) outcome.declined += 1;
    else if (reached(r, 'withdrawn', asAt)) outcome.withdrawn += 1;
    else outcome.pending += 1;
  }
  return {
    received: received.length,
    outcome,
    approvedInPeriod: requests.filter((r) => within(reached(r, 'approved', asAt), period)).length,
    declinedInPeriod: requests.filter((r) => within(reached(r, 'declined', asAt), period)).length,
  };
}

/** Under way at some time in the period: begun by its last day, not ended before its first. */
function span(
  p: ProjectView,
  request: RequestView | undefined,
  period: { from: IsoDate; to: IsoDate },
  asAt: IsoDate,
) {
  const completedOn = request ? reached(request, 'completed', asAt) : null;
  const endedOn = completedOn ?? (request ? reached(request, 'withdrawn', asAt) : null);
  const ranAtAll = endedOn === null || endedOn >= p.startsOn;
  return {
    endedOn,
    active: ranAtAll && p.startsOn <= period.to && (endedOn === null || endedOn >= period.from),
    completed: within(completedOn, period),
  };
}

function breakdown(projects: readonly ReportedProject[], keys: (p: ReportedProject) => Array<string | null>) {
  const rows = new Map<string | null, Breakdown>();
  for (const p of projects.filter((x) => x.activeInPeriod || x.completedInPeriod)) {
    for (const key of new Set(keys(p))) {
      const row = rows.get(key) ?? { key, active: 0, completed: 0 };
      if (p.activeInPeriod) row.active += 1;
      if (p.completedInPeriod) row.completed += 1;
      rows.set(key, row);
    }
  }
  // Named rows in order, the unnamed one (no region, several themes) last.
  return [...rows.values()].sort((a, b) =>
    a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1,
  );
}

/** Section IV for the period (first and last day included) as at `asAt`. */
export async function gatherAssistance(
  db: Db,
  period: { from: IsoDate; to: IsoDate },
  asAt: IsoDate,
): Promise<AssistanceSection> {
  const requests = await requestViews(db, SECRETARIAT);
  const byId = new Map(requests.map((r) => [r.id, r]));
  const names = new Map((await listParticipants(db)).map((p) => [p.id, p.name]));
  const named = (id: string) => ({ id, name: names.get(id) ?? id });
  const all = (await projectViews(db, SECRETARIAT)).filter((p) => p.startsOn <= asAt);
  const published: ReportedProject[] = [];
  const confidentialProjects: AssistanceSection['confidential']['projects'] = [];
  let active = 0;
  let completed = 0;
  const notPublished = { active: 0, completed: 0 };
  for (const p of all) {
    const request = byId.get(p.requestId);
    const s = span(p, request, period, asAt);
    active += s.active ? 1 : 0;
    completed += s.completed ? 1 : 0;
    if (!p.published) {
      notPublished.active += s.active ? 1 : 0;
      notPublished.completed += s.completed ? 1 : 0;
      if (s.active || s.completed)
        confidentialProjects.push({
          id: p.id,
          requestId: p.requestId,
          startsOn: p.startsOn,
          endedOn: s.endedOn,
        });
      continue;
    }
    const purpose = request
      ? await requestPurpose(db, { ...request, estimatedCost: null }, `PRJ-${p.id}`)
      : null;
    published.push({
      id: p.id,
      title: p.title,
      state: named(p.participantId),
      region: purpose?.region ?? null,
      theme: purpose?.theme ?? null,
      instrumentId: purpose?.instrumentId ?? null,
      articles: request ? [...request.provisions] : [],
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      endedOn: s.endedOn,
      activeInPeriod: s.active,
      completedInPeriod: s.completed,
    });
  }
  const results: ReportedResult[] = all
    .filter((p) => p.published)
    .flatMap((p) =>
      p.outcomes
        .filter((o) => within(o.happenedOn, period) && o.happenedOn <= asAt)
        .map((o) => ({
          id: o.id,
          projectId: p.id,
          kind: o.kind as ReportedResult['kind'],
          happenedOn: o.happenedOn,
          state: named(p.participantId),
          citation: o.citation,
          instrumentId: o.instrumentId,
          actionId: o.actionId,
        })),
    )
    .sort((a, b) => (a.happenedOn === b.happenedOn ? a.id - b.id : a.happenedOn < b.happenedOn ? -1 : 1));
  return {
    requests: requestFigures(requests, period, asAt),
    projects: {
      active,
      completed,
      published: published.filter((p) => p.activeInPeriod || p.completedInPeriod),
      notPublished,
      byRegion: breakdown(published, (p) => [p.region]),
      byTheme: breakdown(published, (p) => [p.theme]),
      byArticle: breakdown(published, (p) => p.articles),
    },
    results,
    confidential: {
      requests: requests
        .filter(
          (r) =>
            within(r.requestedOn, period) ||
            within(reached(r, 'approved', asAt), period) ||
            within(reached(r, 'declined', asAt), period),
        )
        .map((r) => ({
          id: r.id,
          requestedOn: r.requestedOn,
          steps: r.steps.filter((s) => dayOf(s.at) <= asAt).map((s) => `${s.toStatus} ${s.at}`),
        })),
      projects: confidentialProjects,
    },
  };
}
