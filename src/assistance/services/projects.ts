// Projects: an approved request becomes a project with a budget, timeline, implementing partner,
// beneficiaries, activities and results with indicators. Its money is an allocation from the fund ledger
// (the earmark must allow the project: its country, region, instrument and theme), spending posts to the
// ledger, and the project shows funded vs budget vs spent. Outcomes link a result to what it aimed at: a law
// adopted, an authority notified, an instrument deposited (from the treaty registry).
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { formatAmount, parseAmount } from '../../funds/domain/money.ts';
import { listAllocations } from '../../funds/services/lookups.ts';
import { allocationViews, type AllocationView } from '../../funds/services/queries.ts';
import { allocate, spend } from '../../funds/services/uses.ts';
import { CONSENT_KINDS } from '../../treaties/domain/types.ts';
import { projectPeriodProblem } from '../domain/project-period.ts';
import { listActionRecords } from '../../treaties/services/lookups.ts';
import type {
  ActivityInput,
  FundingInput,
  MeasurementInput,
  OutcomeInput,
  ProjectInput,
  ProjectSpendingInput,
  ResultInput,
} from '../contract.ts';
import {
  insertActivity,
  insertMeasurement,
  insertOutcome,
  insertProject,
  insertResult,
  listProjects,
  listRequests,
  projectDetails,
  setProjectStatus,
  type Db,
  type ProjectRow,
} from '../repository.ts';
import { moveRequest, requestPurpose } from './requests.ts';
import { seesFunding, seesProject, type Viewer } from './viewer.ts';

export const projectRef = (id: number): string => `PRJ-${id}`;

export async function createProject(ctx: ServiceContext, db: Db, input: ProjectInput): Promise<number> {
  const [request] = await listRequests(db, { ids: [input.requestId] });
  if (!request) throw notFound('request', String(input.requestId), 'requestId');
  if (request.status !== 'approved') {
    throw new DomainError(
      'rule_violation',
      `request ${request.id} is ${request.status.replace('_', ' ')}; only an approved request becomes a project`,
      { field: 'requestId' },
    );
  }
  if ((await listProjects(db, { requestIds: [request.id] })).length > 0) {
    throw new DomainError('conflict', `request ${request.id} already has its project`, {
      field: 'requestId',
    });
  }
  const periodProblem = projectPeriodProblem(input.startsOn, input.endsOn);
  if (periodProblem) throw new DomainError('validation', periodProblem, { field: 'endsOn' });
  const budget = parseAmount(input.budget, 2, 'budget');
  if (budget <= 0n) throw new DomainError('validation', 'a budget is more than zero', { field: 'budget' });
  const id = await insertProject(db, {
    requestId: request.id,
    participantId: request.participantId,
    title: input.title,
    budget,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    implementingPartner: input.implementingPartner,
    beneficiaries: input.beneficiaries,
    offerId: input.offerId ?? null,
    published: input.published,
    status: 'active',
    createdAt: ctx.clock.now(),
    createdBy: ctx.actor,
  });
  await audit(ctx, db, {
    action: 'project.create',
    entity: 'project',
    entityId: id,
    after: input,
    state: request.participantId,
  });
  return id;
}

async function project(db: Db, id: number): Promise<ProjectRow> {
  const [p] = await listProjects(db, { ids: [id] });
  if (!p) throw notFound('project', String(id));
  return p;
}

/** Funds a project from a donor's money under an earmark; the first funding makes its request "funded". */
export async function fundProject(
  ctx: ServiceContext,
  db: Db,
  projectId: number,
  input: FundingInput,
): Promise<number> {
  const p = await project(db, projectId);
  if (p.status === 'completed') throw new DomainError('rule_violation', `project ${p.id} is completed`);
  const [request] = await listRequests(db, { ids: [p.requestId] });
  if (!request) throw notFound('request', String(p.requestId));
  if (!['approved', 'funded', 'in_progress'].includes(request.status)) {
    throw new DomainError('rule_violation', `request ${request.id} is ${request.status.replace('_', ' ')}`);
  }
  if (!request.eligible) {
    throw new DomainError('rule_violation', `request ${request.id} is not eligible: ${request.eligibility}`);
  }
  const purpose = await requestPurpose(db, request, projectRef(p.id));
  const { allocationId } = await allocate(ctx, db, {
    donorId: input.donorId,
    earmarkId: input.earmarkId,
    amount: input.amount,
    bookedOn: input.bookedOn,
    purpose: {
      kind: 'project',
      ref: purpose.ref,
      instrumentId: purpose.instrumentId,
      countryId: purpose.countryId,
      theme: purpose.theme,
    },
    description: p.title,
  });
  if (request.status === 'approved') await moveRequest(ctx, db, request.id, 'funded', null, ['fund']);
  return allocationId;
}

export async function spendOnProject(
  ctx: ServiceContext,
  db: Db,
  projectId: number,
  input: ProjectSpendingInput,
): Promise<number> {
  const p = await project(db, projectId);
  const allocations = await listAllocations(db, { purposeRef: projectRef(p.id) });
  if (!allocations.some((a) => a.id === input.allocationId)) {
    throw new DomainError('validation', `allocation ${input.allocationId} does not fund project ${p.id}`, {
      field: 'allocationId',
    });
  }
  return spend(ctx, db, input.allocationId, {
    amount: input.amount,
    bookedOn: input.bookedOn,
    reference: input.reference ?? null,
    memo: input.memo ?? null,
  });
}

export async function addActivity(
  ctx: ServiceContext,
  db: Db,
  projectId: number,
  input: ActivityInput,
): Promise<number> {
  const p = await project(db, projectId);
  if (input.endsOn < input.startsOn)
    throw new DomainError('validation', 'the activity ends before it starts', { field: 'endsOn' });
  const id = await insertActivity(db, { projectId: p.id, ...input, at: ctx.clock.now(), by: ctx.actor });
  await audit(ctx, db, {
    action: 'project.activity',
    entity: 'project',
    entityId: p.id,
    after: input,
    state: p.participantId,
  });
  return id;
}

export async function addResult(
  ctx: ServiceContext,
  db: Db,
  projectId: number,
  input: ResultInput,
): Promise<number> {
  const p = await project(db, projectId);
  const id = await insertResult(db, { projectId: p.id, ...input, at: ctx.clock.now(), by: ctx.actor });
  await audit(ctx, db, {
    action: 'project.result',
    entity: 'project',
    entityId: p.id,
    after: input,
    state: p.participantId,
  });
  return id;
}

export async function recordMeasurement(
  ctx: ServiceContext,
  db: Db,
  projectId: number,
  resultId: number,
  input: MeasurementInput,
): Promise<void> {
  const p = await project(db, projectId);
  const { results } = await projectDetails(db, [p.id]);
  if (!results.some((r) => r.id === resultId)) throw notFound('result', String(resultId));
  await insertMeasurement(db, {
    resultId,
    period: input.period,
    actual: input.actual,
    note: input.note ?? null,
    at: ctx.clock.now(),
    by: ctx.actor,
  });
  await audit(ctx, db, {
    action: 'project.measurement',
    entity: 'project',
    entityId: p.id,
    after: { resultId, ...input },
    state: p.participantId,
  });
}

/**
 * An outcome the project aimed at. A deposited instrument or a notified authority must be an action of the
 * project's State in the treaty registry (a consent to be bound; a notification), so the chain from need to
 * outcome rests on the registry's own record.
 */
export async function recordOutcome(
  ctx: ServiceContext,
  db: Db,
  projectId: number,
  input: OutcomeInput,
): Promise<number> {
  const p = await project(db, projectId);
  let instrumentId: string | null = null;
  let article: string | null = null;
  if (input.kind === 'legislation_adopted') {
    if (!input.citation) throw new DomainError('validation', 'cite the law adopted', { field: 'citation' });
  } else {
    if (!input.actionId)
      throw new DomainError('validation', 'name the action recorded in the treaty registry', {
        field: 'actionId',
      });
    const [action] = await listActionRecords(db, { ids: [input.actionId] });
    if (!action || action.correction) throw notFound('action', String(input.actionId), 'actionId');
    if (action.participantId !== p.participantId) {
      throw new DomainError(
        'validation',
        `action ${action.id} is ${action.participantId}'s, not ${p.participantId}'s`,
        { field: 'actionId' },
      );
    }
    const wanted =
      input.kind === 'instrument_deposited'
        ? (CONSENT_KINDS as readonly string[])
        : ['notification', 'declaration'];
    if (!wanted.includes(action.kind)) {
      throw new DomainError(
        'validation',
        `action ${action.id} is a ${action.kind.replace('_', ' ')}, not ${input.kind === 'instrument_deposited' ? 'a consent to be bound' : 'a notification'}`,
        { field: 'actionId' },
      );
    }
    instrumentId = action.instrumentId;
    article = action.article;
  }
  if (input.resultId) {
    const { results } = await projectDetails(db, [p.id]);
    if (!results.some((r) => r.id === input.resultId))
      throw notFound('result', String(input.resultId), 'resultId');
  }
  const id = await insertOutcome(db, {
    projectId: p.id,
    resultId: input.resultId ?? null,
    kind: input.kind,
    happenedOn: input.happenedOn,
    citation: input.citation ?? null,
    instrumentId,
    article,
    actionId: input.actionId ?? null,
    at: ctx.clock.now(),
    by: ctx.actor,
  });
  await audit(ctx, db, {
    action: 'project.outcome',
    entity: 'project',
    entityId: p.id,
    after: input,
    state: p.participantId,
  });
  return id;
}

export async function completeProject(ctx: ServiceContext, db: Db, projectId: number): Promise<void> {
  const p = await project(db, projectId);
  const [request] = await listRequests(db, { ids: [p.requestId] });
  if (request?.status !== 'in_progress') {
    throw new DomainError(
      'rule_violation',
      `request ${p.requestId} is ${request?.status.replace('_', ' ')}; a project completes once in progress`,
    );
  }
  await moveRequest(ctx, db, p.requestId, 'completed', null, ['programme']);
  await setProjectStatus(db, p.id, 'completed');
}

const sum = (xs: readonly AllocationView[], f: (a: AllocationView) => string): bigint =>
  xs.reduce((s, a) => s + parseAmount(f(a), 2), 0n);

/** Projects the viewer may see: the Secretariat all; a State its own; a donor those its money funds; the public the published. */
export async function projectViews(
  db: Db,
  viewer: Viewer,
  filter: {
    ids?: readonly number[];
    participantId?: string;
    /** A page: the projects the viewer sees after this id (by id), at most `limit`. */
    afterId?: number;
    limit?: number;
  } = {},
) {
  const matching = {
    ...(filter.ids ? { ids: filter.ids } : {}),
    ...(filter.participantId ? { participantIds: [filter.participantId] } : {}),
  };
  const allocations = await allocationViews(db, {});
  const byProject = (id: number) =>
    allocations.filter((a) => a.purpose.kind === 'project' && a.purpose.ref === projectRef(id));
  const visible = (p: ProjectRow) =>
    seesProject(
      viewer,
      p,
      byProject(p.id).map((a) => a.donorId),
    );
  let rows: ProjectRow[];
  const limit = filter.limit;
  if (limit === undefined) {
    rows = (await listProjects(db, matching)).filter(visible);
  } else {
    // Who sees a project depends on its funding, known here and not in SQL: a page is read by keyset in
    // chunks until it holds `limit` visible projects or the list ends.
    rows = [];
    let afterId = filter.afterId;
    for (;;) {
      const chunk = await listProjects(db, {
        ...matching,
        ...(afterId !== undefined ? { afterId } : {}),
        limit,
      });
      rows.push(...chunk.filter(visible));
      const last = chunk.at(-1);
      if (rows.length >= limit || chunk.length < limit || !last) break;
      afterId = last.id;
    }
    rows = rows.slice(0, limit);
  }
  const details = await projectDetails(
    db,
    rows.map((p) => p.id),
  );
  return rows.map((p) => {
    const funding = byProject(p.id).filter((a) => seesFunding(viewer, p, a.donorId));
    const funded = sum(funding, (a) => a.allocated.amount);
    const spent = sum(funding, (a) => a.spent.amount);
    const supportCosts = sum(funding, (a) => a.supportCosts.amount);
    const results = details.results.filter((r) => r.project_id === p.id);
    return {
      id: p.id,
      ref: projectRef(p.id),
      requestId: p.requestId,
      participantId: p.participantId,
      title: p.title,
      status: p.status,
      published: p.published,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      implementingPartner: p.implementingPartner,
      beneficiaries: p.beneficiaries,
      offerId: p.offerId,
      currency: 'USD',
      budget: formatAmount(p.budget, 2),
      funded: formatAmount(funded, 2),
      spent: formatAmount(spent, 2),
      supportCosts: formatAmount(supportCosts, 2),
      unfunded: formatAmount(p.budget > funded ? p.budget - funded : 0n, 2),
      funding: funding.map((a) => ({
        allocationId: a.id,
        donorId: a.donorId,
        earmarkId: a.earmarkId,
        allocated: a.allocated.amount,
        spent: a.spent.amount,
        supportCosts: a.supportCosts.amount,
        balance: a.balance.amount,
      })),
      activities: details.activities
        .filter((a) => a.project_id === p.id)
        .map((a) => ({ id: a.id, title: a.title, startsOn: a.starts_on, endsOn: a.ends_on })),
      results: results.map((r) => ({
        id: r.id,
        title: r.title,
        indicator: r.indicator,
        unit: r.unit,
        baseline: r.baseline,
        target: r.target,
        measurements: details.measurements
          .filter((m) => m.result_id === r.id)
          .map((m) => ({ period: m.period, actual: m.actual, note: m.note })),
      })),
      outcomes: details.outcomes
        .filter((o) => o.project_id === p.id)
        .map((o) => ({
          id: o.id,
          kind: o.kind,
          happenedOn: o.happened_on,
          resultId: o.result_id,
          citation: o.citation,
          instrumentId: o.instrument_id,
          article: o.article,
          actionId: o.action_id,
        })),
    };
  });
}

export type ProjectView = Awaited<ReturnType<typeof projectViews>>[number];

export async function projectView(db: Db, viewer: Viewer, id: number): Promise<ProjectView> {
  const [view] = await projectViews(db, viewer, { ids: [id] });
  if (!view) throw notFound('project', String(id));
  return view;
}
