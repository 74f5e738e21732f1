// The IATI 2.03 export: the projects a viewer may see (the public: published projects) as one
// `iati-activities` file, validated in the tests against the official schema (docs/assistance.md has the
// mapping, element by element). Everything in it comes from the project as the viewer already sees it and
// from the ledger; the request's own text, provisions and assessment stay confidential — only its instrument
// (for the sector), its status and the dates of its steps are used. Amounts are decimal strings from integer
// cents; illustrative (demo) money is never published.
import { DomainError } from '../../common/errors.ts';
import type { Clock } from '../../common/clock.ts';
import { parse } from 'csv-parse/sync';
import { formatAmount, parseAmount } from '../../funds/domain/money.ts';
import {
  listAllocations,
  listDonors,
  listEarmarks,
  listEntries,
  listTransactions,
  type Donor,
  type TransactionRow,
} from '../../funds/services/lookups.ts';
import { bpToPercent } from '../../funds/services/pledges.ts';
import { readReference } from '../../common/reference-files.ts';
import { findInstrument, findParticipant } from '../../treaties/services/lookups.ts';
import { listProjects, listRequests, listSteps, projectDetails, type Db } from '../repository.ts';
import {
  activityStatus,
  budgetPeriods,
  compareDecimals,
  DECIMAL,
  DONOR_TYPE,
  ledgerToIati,
  periodDates,
  sectorFor,
  type IatiTransaction,
} from '../domain/iati.ts';
import { el, serialize, type XmlElement } from './iati-xml.ts';
import { projectView, projectViews, type ProjectView } from './projects.ts';
import type { Viewer } from './viewer.ts';

/** Who publishes the file: IATI organisation identifier, name and OrganisationType code. */
export interface IatiPublisher {
  ref: string;
  name: string;
  type: string;
}

/**
 * Unconfigured, the file says so: "XX-" is not a registered organisation-identifier prefix (it is the one the
 * IATI sample in the shared data uses), so a file made before PALERMO_IATI_ORG_REF is set cannot pass for a
 * real publisher's. UNODC's own identifier must come from its IATI registration, not from a guess.
 */
export const DEFAULT_PUBLISHER: IatiPublisher = {
  ref: 'XX-PALERMO',
  name: 'Palermo technical assistance (reporting organisation not configured)',
  type: '40',
};

const ORG_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/;

/** The publisher from PALERMO_IATI_ORG_REF, PALERMO_IATI_ORG_NAME and PALERMO_IATI_ORG_TYPE. */
export function publisherFromEnv(env: Record<string, string | undefined> = process.env): IatiPublisher {
  const p = {
    ref: env.PALERMO_IATI_ORG_REF?.trim() || DEFAULT_PUBLISHER.ref,
    name: env.PALERMO_IATI_ORG_NAME?.trim() || DEFAULT_PUBLISHER.name,
    type: env.PALERMO_IATI_ORG_TYPE?.trim() || DEFAULT_PUBLISHER.type,
  };
  if (!ORG_REF.test(p.ref))
    throw new DomainError('validation', `PALERMO_IATI_ORG_REF "${p.ref}" is not an organisation identifier`);
  if (!/^\d{2}$/.test(p.type))
    throw new DomainError('validation', `PALERMO_IATI_ORG_TYPE "${p.type}" is not an OrganisationType code`);
  return p;
}

// ---- reference data --------------------------------------------------------------------------------------

let alpha2: Map<string, string> | null = null;

/** ISO 3166-1 alpha-2 of an ISO3 participant code (reference/country-alpha2.csv), or null. */
export function alpha2Of(iso3: string | null): string | null {
  alpha2 ??= new Map(
    (parse(readReference('country-alpha2.csv'), { columns: true }) as Array<Record<string, string>>).map(
      (r) => [r.iso3 as string, r.alpha2 as string],
    ),
  );
  return iso3 ? (alpha2.get(iso3) ?? null) : null;
}

// ---- the ledger, as IATI transactions --------------------------------------------------------------------

async function allocationTransactions(db: Db, allocationId: number): Promise<TransactionRow[]> {
  const rows: TransactionRow[] = [];
  for (let beforeId: number | undefined; ;) {
    const page = await listTransactions(db, { allocationId, limit: 500, ...(beforeId ? { beforeId } : {}) });
    rows.push(...page);
    if (page.length < 500) return rows.reverse();
    beforeId = page.at(-1)?.id;
  }
}

// ---- the document ----------------------------------------------------------------------------------------

const narrative = (text: string) => el('narrative', {}, text);
const usd = (amount: bigint, date: string) =>
  el('value', { currency: 'USD', 'value-date': date }, formatAmount(amount, 2));

interface ActivityData {
  view: ProjectView;
  stateName: string;
  alpha2: string | null;
  instrument: { id: string; shortTitle: string } | null;
  requestStatus: string;
  startedOn: string | null;
  completedOn: string | null;
  lastUpdated: string;
  donors: Donor[];
  transactions: IatiTransaction[];
  allocatedLeft: bigint;
}

function indicatorResult(view: ProjectView, r: ProjectView['results'][number]): XmlElement {
  const values = [r.baseline, r.target, ...r.measurements.map((m) => m.actual)];
  const numeric = values.every((v) => DECIMAL.test(v));
  const measure = !numeric ? '5' : /^(%|percent|per cent|percentage)$/i.test(r.unit) ? '2' : '1';
  // Qualitative indicators carry no value attribute: the text goes into a comment.
  const valued = (tag: string, value: string, attrs: Record<string, string> = {}, note?: string | null) =>
    el(
      tag,
      { ...attrs, value: numeric ? value : null },
      !numeric || note
        ? el('comment', {}, narrative(numeric ? (note as string) : note ? `${value} (${note})` : value))
        : null,
    );
  return el(
    'result',
    { type: '9' },
    el('title', {}, narrative(r.title)),
    el(
      'indicator',
      { measure, ascending: numeric ? compareDecimals(r.target, r.baseline) >= 0 : null },
      el('title', {}, narrative(r.indicator)),
      el('description', {}, narrative(`Unit: ${r.unit}`)),
      valued('baseline', r.baseline, { year: view.startsOn.slice(0, 4) }),
      el(
        'period',
        {},
        el('period-start', { 'iso-date': view.startsOn }),
        el('period-end', { 'iso-date': view.endsOn }),
        valued('target', r.target),
      ),
      r.measurements.map((m) => {
        const { start, end } = periodDates(m.period);
        return el(
          'period',
          {},
          el('period-start', { 'iso-date': start }),
          el('period-end', { 'iso-date': end }),
          valued('actual', m.actual, {}, m.note),
        );
      }),
    ),
  );
}

const OUTCOME_TITLE: Record<string, string> = {
  legislation_adopted: 'Legislation adopted',
  authority_notified: 'Authority designated and notified to the depositary',
  instrument_deposited: 'Instrument of ratification, acceptance, approval or accession deposited',
};

/** Outcomes (a law adopted, an authority notified, an instrument deposited) as one qualitative outcome result. */
function outcomeResult(view: ProjectView): XmlElement | null {
  if (view.outcomes.length === 0) return null;
  const kinds = [...new Set(view.outcomes.map((o) => o.kind))];
  return el(
    'result',
    { type: '2' },
    el('title', {}, narrative('Outcomes: laws adopted, authorities notified, instruments deposited')),
    kinds.map((kind) =>
      el(
        'indicator',
        { measure: '5' },
        el('title', {}, narrative(OUTCOME_TITLE[kind] ?? kind)),
        view.outcomes
          .filter((o) => o.kind === kind)
          .map((o) =>
            el(
              'period',
              {},
              el('period-start', { 'iso-date': o.happenedOn }),
              el('period-end', { 'iso-date': o.happenedOn }),
              el(
                'actual',
                {},
                el(
                  'comment',
                  {},
                  narrative(
                    o.citation ??
                      `${o.instrumentId ?? ''}${o.article ? ` art. ${o.article}` : ''} (treaty registry action ${o.actionId})`.trim(),
                  ),
                ),
              ),
            ),
          ),
      ),
    ),
  );
}

function activity(publisher: IatiPublisher, a: ActivityData): XmlElement {
  const v = a.view;
  const reporting = (tag: string, role?: string) =>
    el(tag, { ref: publisher.ref, type: publisher.type, role }, narrative(publisher.name));
  const what = a.instrument ? ` for implementing ${a.instrument.shortTitle}` : '';
  return el(
    'iati-activity',
    {
      'last-updated-datetime': a.lastUpdated,
      'xml:lang': 'en',
      'default-currency': 'USD',
      humanitarian: false,
    },
    el('iati-identifier', {}, `${publisher.ref}-${v.ref}`),
    reporting('reporting-org'),
    el('title', {}, narrative(v.title)),
    el(
      'description',
      { type: '1' },
      narrative(
        `Technical assistance to ${a.stateName}${what}. Beneficiaries: ${v.beneficiaries}. Implementing partner: ${v.implementingPartner}.`,
      ),
    ),
    a.donors.map((d) =>
      d.kind === 'fund'
        ? reporting('participating-org', '1')
        : el('participating-org', { type: DONOR_TYPE[d.kind], role: '1' }, narrative(d.name)),
    ),
    el('participating-org', { role: '4' }, narrative(v.implementingPartner)),
    el('activity-status', { code: activityStatus(v.status, a.requestStatus, a.allocatedLeft) }),
    el('activity-date', { type: '1', 'iso-date': v.startsOn }),
    a.startedOn && el('activity-date', { type: '2', 'iso-date': a.startedOn }),
    el('activity-date', { type: '3', 'iso-date': v.endsOn }),
    a.completedOn && el('activity-date', { type: '4', 'iso-date': a.completedOn }),
    a.alpha2 && el('recipient-country', { code: a.alpha2, percentage: '100' }),
    el('sector', { vocabulary: '1', code: sectorFor(a.instrument?.id ?? null), percentage: '100' }),
    el('default-finance-type', { code: '110' }),
    el('default-aid-type', { vocabulary: '1', code: 'D02' }),
    budgetPeriods(v.startsOn, v.endsOn, parseAmount(v.budget, 2)).map((b) =>
      el(
        'budget',
        { type: '1', status: '1' },
        el('period-start', { 'iso-date': b.start }),
        el('period-end', { 'iso-date': b.end }),
        usd(b.amount, v.startsOn),
      ),
    ),
    a.transactions.map((t) =>
      el(
        'transaction',
        { ref: `ledger-${t.ledgerId}` },
        el('transaction-type', { code: t.type }),
        el('transaction-date', { 'iso-date': t.date }),
        usd(t.amount, t.date),
        el('description', {}, narrative(t.description)),
        t.type === '2' && el('receiver-org', {}, narrative(v.implementingPartner)),
        t.earmarkCategory !== null && el('aid-type', { vocabulary: '2', code: String(t.earmarkCategory) }),
      ),
    ),
    v.results.map((r) => indicatorResult(v, r)),
    outcomeResult(v),
  );
}

/** The latest of the moments given (ISO strings in UTC compare as text). */
const latest = (moments: ReadonlyArray<string | null | undefined>): string =>
  moments.filter((m): m is string => !!m).reduce((a, b) => (b > a ? b : a), '');

async function activityData(db: Db, view: ProjectView): Promise<ActivityData> {
  const [row] = await listProjects(db, { ids: [view.id] });
  const [request] = await listRequests(db, { ids: [view.requestId] });
  const [state, steps, details] = await Promise.all([
    findParticipant(db, view.participantId),
    listSteps(db, [view.requestId]),
    projectDetails(db, [view.id]),
  ]);
  const instrument = request?.instrumentId ? await findInstrument(db, request.instrumentId) : null;
  const earmarks = new Map((await listEarmarks(db)).map((e) => [e.id, e]));
  const donorsById = new Map(
    (await listDonors(db, [...new Set(view.funding.map((f) => f.donorId))])).map((d) => [d.id, d]),
  );
  const pscRates = new Map(
    (await listAllocations(db, { purposeRef: view.ref })).map((x) => [x.id, x.pscRateBp]),
  );
  const transactions: IatiTransaction[] = [];
  const recorded: string[] = [];
  let allocatedLeft = 0n;
  const donors: Donor[] = [];
  for (const f of view.funding) {
    const donor = donorsById.get(f.donorId);
    // Illustrative (demo) money is never published as if it were real.
    if (!donor || donor.illustrative) continue;
    if (!donors.includes(donor)) donors.push(donor);
    allocatedLeft += parseAmount(f.balance, 2);
    const rows = await allocationTransactions(db, f.allocationId);
    const entries = await listEntries(
      db,
      rows.map((r) => r.id),
    );
    recorded.push(...rows.map((r) => r.recordedAt));
    const earmark = earmarks.get(f.earmarkId);
    transactions.push(
      ...ledgerToIati(
        rows.map((r) => ({ row: r, entries: entries.get(r.id) ?? [] })),
        {
          id: f.allocationId,
          donorName: donor.name,
          earmarkName: earmark?.name ?? f.earmarkId,
          earmarkCategory: earmark?.iatiCategory ?? null,
          psc: bpToPercent(pscRates.get(f.allocationId) ?? 0),
        },
      ),
    );
  }
  transactions.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.ledgerId - y.ledgerId));
  const stepOn = (to: string) => steps.findLast((s) => s.toStatus === to)?.at.slice(0, 10) ?? null;
  return {
    view,
    stateName: state?.name ?? view.participantId,
    alpha2: state?.kind === 'state' ? alpha2Of(state.iso3 ?? state.id) : null,
    instrument: instrument ? { id: instrument.id, shortTitle: instrument.shortTitle } : null,
    requestStatus: request?.status ?? 'approved',
    startedOn: stepOn('in_progress'),
    completedOn: stepOn('completed'),
    lastUpdated: latest([
      row?.createdAt,
      ...steps.map((s) => s.at),
      ...recorded,
      ...details.activities.map((x) => x.created_at),
      ...details.results.map((x) => x.created_at),
      ...details.measurements.map((x) => x.recorded_at),
      ...details.outcomes.map((x) => x.recorded_at),
    ]),
    donors,
    transactions,
    allocatedLeft,
  };
}

/**
 * The `iati-activities` file of the projects the viewer may see (one project with `projectId`). The schema
 * wants at least one activity, so a viewer with none is answered not_found rather than with an invalid file.
 */
export async function iatiActivities(
  clock: Clock,
  db: Db,
  viewer: Viewer,
  options: { publisher: IatiPublisher; projectId?: number },
): Promise<{ xml: string; activities: number }> {
  const views =
    options.projectId === undefined
      ? await projectViews(db, viewer)
      : [await projectView(db, viewer, options.projectId)];
  if (views.length === 0) {
    throw new DomainError(
      'not_found',
      'there is no published project to export: an IATI activity file holds at least one activity',
    );
  }
  const activities: XmlElement[] = [];
  for (const view of views) activities.push(activity(options.publisher, await activityData(db, view)));
  const unconfigured =
    options.publisher.ref === DEFAULT_PUBLISHER.ref
      ? ' The reporting organisation is not configured (PALERMO_IATI_ORG_REF): do not publish this file.'
      : '';
  const root = el('iati-activities', { version: '2.03', 'generated-datetime': clock.now() }, activities);
  return {
    xml: serialize(root, `IATI 2.03 activity file exported by Palermo.${unconfigured}`),
    activities: activities.length,
  };
}
