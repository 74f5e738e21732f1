// Assistance requests: from needs to a request (what, for which provisions, by when, at what cost), and its
// workflow, every step recorded with who, when and why. Eligibility is decided by the State's development class
// on the date of the request; an ineligible request is still recorded, marked with the reason.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { formatAmount, parseAmount } from '../../funds/domain/money.ts';
import type { Purpose } from '../../funds/domain/earmarks.ts';
import { findInstrument, findParticipant } from '../../treaties/services/lookups.ts';
import type { RequestInput, StepInput } from '../contract.ts';
import { checkStep, type RequestStatus, type StepActor } from '../domain/workflow.ts';
import {
  insertRequest,
  insertStep,
  listRequests,
  listSteps,
  lockRequest,
  setRequestStatus,
  type Db,
  type RequestRow,
  type StepRow,
} from '../repository.ts';
import { checkProvisions, eligibility, provisionMap } from './catalog.ts';
import { requestStates, seesStateRecords, stepActors, type Viewer } from './viewer.ts';

export { stepActors };

export async function createRequest(ctx: ServiceContext, db: Db, input: RequestInput): Promise<number> {
  const state = await findParticipant(db, input.participantId);
  if (!state) throw notFound('participant', input.participantId, 'participantId');
  const provisions = await checkProvisions(db, input.provisions, 'provisions');
  let instrumentId = input.instrumentId ?? null;
  if (input.kind === 'preparatory') {
    if (!instrumentId) {
      throw new DomainError(
        'validation',
        'preparatory assistance names the instrument the State means to join',
        { field: 'instrumentId' },
      );
    }
    if (!(await findInstrument(db, instrumentId))) throw notFound('instrument', instrumentId, 'instrumentId');
  } else {
    const instruments = [...new Set(provisions.map((p) => p.instrumentId))];
    if (instrumentId && !instruments.includes(instrumentId)) {
      throw new DomainError('validation', `none of the provisions is in ${instrumentId}`, {
        field: 'instrumentId',
      });
    }
    instrumentId ??= instruments.length === 1 ? (instruments[0] as string) : null;
  }
  if (input.neededBy && input.neededBy < input.requestedOn) {
    throw new DomainError('validation', 'needed before it is requested', { field: 'neededBy' });
  }
  const decided = await eligibility(db, state.id, input.requestedOn);
  const row: Omit<RequestRow, 'id'> = {
    participantId: state.id,
    kind: input.kind,
    instrumentId,
    title: input.title,
    description: input.description,
    provisions: input.provisions,
    assistance: input.assistance,
    neededBy: input.neededBy ?? null,
    estimatedCost: input.estimatedCost ? parseAmount(input.estimatedCost, 2, 'estimatedCost') : null,
    requestedOn: input.requestedOn,
    eligible: decided.eligible,
    eligibility: decided.reason,
    priority: decided.priority,
    status: 'draft',
    createdAt: ctx.clock.now(),
    createdBy: ctx.actor,
  };
  const id = await insertRequest(db, row);
  await insertStep(db, {
    requestId: id,
    fromStatus: null,
    toStatus: 'draft',
    reason: null,
    at: row.createdAt,
    byActor: ctx.actor,
    byRole: ctx.principal?.role ?? null,
  });
  await audit(ctx, db, {
    action: 'request.create',
    entity: 'assistance_request',
    entityId: id,
    after: { ...input, eligible: decided.eligible, eligibility: decided.reason },
    state: state.id,
  });
  return id;
}

export async function moveRequest(
  ctx: ServiceContext,
  db: Db,
  id: number,
  to: RequestStatus,
  reason: string | null,
  by: readonly StepActor[],
): Promise<void> {
  await lockRequest(db, ctx.store.dialect === 'postgres', id);
  const [request] = await listRequests(db, { ids: [id] });
  if (!request) throw notFound('request', String(id));
  const check = checkStep(request.status, to, by, reason);
  if (!check.ok) throw new DomainError('rule_violation', check.reason, { field: 'to' });
  await setRequestStatus(db, id, to);
  await insertStep(db, {
    requestId: id,
    fromStatus: request.status,
    toStatus: to,
    reason,
    at: ctx.clock.now(),
    byActor: ctx.actor,
    byRole: ctx.principal?.role ?? null,
  });
  await audit(ctx, db, {
    action: `request.${to}`,
    entity: 'assistance_request',
    entityId: id,
    before: { status: request.status },
    after: { status: to, reason },
    state: request.participantId,
  });
}

export async function stepRequest(
  ctx: ServiceContext,
  db: Db,
  viewer: Viewer,
  id: number,
  input: StepInput,
): Promise<void> {
  const [request] = await listRequests(db, { ids: [id] });
  if (!request || !seesStateRecords(viewer, request.participantId)) throw notFound('request', String(id));
  if (input.to === 'funded') {
    throw new DomainError(
      'rule_violation',
      'a request becomes funded when a fund officer funds its project from the ledger',
      { field: 'to' },
    );
  }
  await moveRequest(
    ctx,
    db,
    id,
    input.to,
    input.reason ?? null,
    stepActors(viewer, ctx.principal?.role ?? null, request.participantId),
  );
}

export interface RequestView extends Omit<RequestRow, 'estimatedCost'> {
  estimatedCost: string | null;
  provisionTitles: string[];
  steps: Array<Omit<StepRow, 'requestId'>>;
}

export async function requestViews(
  db: Db,
  viewer: Viewer,
  filter: {
    participantId?: string;
    ids?: readonly number[];
    status?: RequestStatus;
    /** A page: the requests after this id (by id), at most `limit`. */
    afterId?: number;
    limit?: number;
  } = {},
): Promise<RequestView[]> {
  const participantIds = requestStates(viewer, filter.participantId ? [filter.participantId] : undefined);
  if (participantIds?.length === 0) return [];
  const rows = await listRequests(db, {
    ...(participantIds ? { participantIds } : {}),
    ...(filter.ids ? { ids: filter.ids } : {}),
    ...(filter.status ? { statuses: [filter.status] } : {}),
    ...(filter.afterId !== undefined ? { afterId: filter.afterId } : {}),
    ...(filter.limit !== undefined ? { limit: filter.limit } : {}),
  });
  const [steps, catalogue] = await Promise.all([
    listSteps(
      db,
      rows.map((r) => r.id),
    ),
    provisionMap(db),
  ]);
  return rows.map((r) => ({
    ...r,
    estimatedCost: r.estimatedCost === null ? null : formatAmount(r.estimatedCost, 2),
    provisionTitles: r.provisions.map((k) => catalogue.get(k)?.title ?? k),
    steps: steps.filter((s) => s.requestId === r.id).map(({ requestId: _r, ...s }) => s),
  }));
}

export async function requestView(db: Db, viewer: Viewer, id: number): Promise<RequestView> {
  const [view] = await requestViews(db, viewer, { ids: [id] });
  if (!view) throw notFound('request', String(id));
  return view;
}

/** What money for this request would pay for: its country and region, instrument and main theme. */
export async function requestPurpose(db: Db, request: RequestRow, ref: string): Promise<Purpose> {
  const [state, catalogue] = await Promise.all([
    findParticipant(db, request.participantId),
    provisionMap(db),
  ]);
  const themes = [
    ...new Set(request.provisions.map((k) => catalogue.get(k)?.theme).filter((t): t is string => !!t)),
  ];
  return {
    kind: 'project',
    ref,
    instrumentId: request.instrumentId,
    region: state?.region ?? null,
    countryId: request.participantId,
    theme: themes.length === 1 ? (themes[0] as string) : null,
  };
}
