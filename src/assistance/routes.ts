// HTTP routes of technical assistance. Thin: validate (zod) → authorize (the State or donor that owns the
// record) → run the use case in one transaction → present. Confidential records (assessments, requests) of
// another State answer 404, list endpoints included, so their existence is not disclosed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../auth/http.ts';
import type { ServiceContext } from '../context.ts';
import { optionalWriteHeaders, sendWrite, writeHeaders } from '../http/idempotent.ts';
import {
  problemResponses,
  registerRoutes,
  route,
  type FeatureRouteDeps,
  type RouteDeclaration,
} from '../http/routing.ts';
import { IdParamSchema, IsoDateSchema } from '../common/contract.ts';
import { decodeCursor, idPage, PAGED_BY_ID, pageQueryShape } from '../common/paging.ts';
import { ParticipantIdSchema } from '../treaties/contract.ts';
import {
  ActivityInputSchema,
  AssessmentInputSchema,
  AssessmentQuerySchema,
  AssessmentSchema,
  ChainSchema,
  EligibilitySchema,
  OfferSchema,
  ProjectListSchema,
  ProjectSchema,
  ProposalSchema,
  ProvisionQuerySchema,
  ProvisionSchema,
  RequestListSchema,
  RequestSchema,
  DevelopmentClassInputSchema,
  FundingInputSchema,
  MeasurementInputSchema,
  OfferInputSchema,
  OutcomeInputSchema,
  ProjectInputSchema,
  ProjectSpendingInputSchema,
  PublicationInputSchema,
  RequestInputSchema,
  ResultInputSchema,
  StepInputSchema,
} from './contract.ts';
import { REQUEST_STATUSES } from './domain/workflow.ts';
import { listProvisions } from './repository.ts';
import { assessmentView, recordAssessment, setPublication } from './services/assessments.ts';
import { eligibility, recordDevelopmentClass } from './services/catalog.ts';
import { countryChain } from './services/chain.ts';
import { iatiActivities, publisherFromEnv } from './services/iati.ts';
import { createOffer, offerViews, proposals } from './services/offers.ts';
import {
  addActivity,
  addResult,
  completeProject,
  createProject,
  fundProject,
  projectView,
  projectViews,
  recordMeasurement,
  recordOutcome,
  spendOnProject,
} from './services/projects.ts';
import { createRequest, requestView, requestViews, stepRequest } from './services/requests.ts';
import { viewerOf } from './services/viewer.ts';

export interface AssistanceRouteDeps extends FeatureRouteDeps {
  /** Requests per minute and client on the whole-portfolio IATI export; false: no limit. */
  expensivePerMinute?: number | false;
}

const errors = problemResponses;
const Id = IdParamSchema;
const IdParams = z.strictObject({ id: Id });
const StateParams = z.strictObject({ participantId: ParticipantIdSchema });

export async function assistanceRoutes(app: FastifyInstance, deps: AssistanceRouteDeps): Promise<void> {
  registerRoutes(app, assistanceRouteTable(deps));
}

function assistanceRouteTable(deps: AssistanceRouteDeps): RouteDeclaration[] {
  const tags = ['Technical assistance'];
  const expensive =
    deps.expensivePerMinute === false || deps.expensivePerMinute === undefined
      ? {}
      : { rateLimit: { max: deps.expensivePerMinute, timeWindow: 60_000 } };
  const viewer = (request: FastifyRequest) => viewerOf(request.principal);

  // IATI 2.03 activity files (docs/assistance.md): the projects the caller may see, as `iati-activities` XML.
  // The publisher is read once, at start: a wrong PALERMO_IATI_ORG_REF stops the server, not a request.
  const publisher = publisherFromEnv();
  const iatiXml = z.string().meta({ description: 'IATI 2.03 `iati-activities` XML' });
  const sendIati = async (request: FastifyRequest, reply: FastifyReply, projectId?: number) => {
    const ctx = deps.context(request);
    const { xml } = await iatiActivities(ctx.clock, ctx.store.db, viewer(request), {
      publisher,
      ...(projectId === undefined ? {} : { projectId }),
    });
    const name =
      projectId === undefined ? 'palermo-iati-activities.xml' : `palermo-iati-PRJ-${projectId}.xml`;
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(xml);
  };

  const projectWrite = <S extends z.ZodType>(
    url: string,
    operationId: string,
    policy: 'project.manage' | 'project.fund',
    summary: string,
    body: S,
    run: (
      ctx: ServiceContext,
      db: Parameters<typeof createProject>[1],
      id: number,
      input: z.infer<S>,
      params: Record<string, number>,
    ) => Promise<unknown>,
    money = false,
  ) =>
    route({
      method: 'POST',
      url,
      operationId,
      policy,
      schema: {
        tags,
        summary,
        params: url.includes(':resultId') ? z.strictObject({ id: Id, resultId: Id }) : IdParams,
        headers: money ? writeHeaders : optionalWriteHeaders,
        body,
        response: { 201: ProjectSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const params = request.params as Record<string, number>;
        return sendWrite(request, reply, ctx, async (db) => {
          await run(ctx, db, params.id as number, request.body as z.infer<S>, params);
          return { status: 201, body: await projectView(db, { kind: 'secretariat' }, params.id as number) };
        });
      },
    });

  return [
    // ---- catalogue and eligibility ------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/assistance/provisions',
      operationId: 'listProvisions',
      policy: 'assistance.public',
      schema: {
        tags,
        summary: 'Every article of the Convention and its Protocols, with theme and obligation level',
        querystring: ProvisionQuerySchema,
        response: { 200: z.array(ProvisionSchema), ...errors },
      },
      handler: async (request) => {
        const q = request.query;
        return (await listProvisions(deps.context(request).store.db)).filter(
          (p) =>
            (!q.instrumentId || p.instrumentId === q.instrumentId) &&
            (!q.theme || p.theme === q.theme) &&
            (!q.obligation || p.obligation === q.obligation),
        );
      },
    }),

    route({
      method: 'GET',
      url: '/api/assistance/countries/:participantId/eligibility',
      operationId: 'getEligibility',
      policy: 'assistance.public',
      schema: {
        tags,
        summary:
          'Whether a State may receive assistance on a date (its development class then), and its priority',
        params: StateParams,
        querystring: z.strictObject({ on: IsoDateSchema.optional() }),
        response: { 200: EligibilitySchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const on = request.query.on ?? ctx.clock.today();
        return {
          participantId: request.params.participantId,
          on,
          ...(await eligibility(ctx.store.db, request.params.participantId, on)),
        };
      },
    }),

    route({
      method: 'POST',
      url: '/api/assistance/countries/:participantId/development-classes',
      operationId: 'recordDevelopmentClass',
      policy: 'country.classify',
      schema: {
        tags,
        summary: "Record a change of a country's development class from a date on",
        params: StateParams,
        headers: optionalWriteHeaders,
        body: DevelopmentClassInputSchema,
        response: { 201: EligibilitySchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const id = request.params.participantId;
        return sendWrite(request, reply, ctx, async (db) => {
          await recordDevelopmentClass(ctx, db, id, request.body);
          return {
            status: 201,
            body: {
              participantId: id,
              on: request.body.validFrom,
              ...(await eligibility(db, id, request.body.validFrom)),
            },
          };
        });
      },
    }),

    // ---- needs assessments --------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/assistance/countries/:participantId/assessment',
      operationId: 'getAssessment',
      policy: 'assistance.public',
      schema: {
        tags,
        summary: "A State's needs assessment, provision by provision, with what remains",
        description:
          'Confidential to the State and the Secretariat unless the State has published it (404 otherwise).',
        params: StateParams,
        querystring: AssessmentQuerySchema,
        response: { 200: AssessmentSchema, ...errors },
      },
      handler: async (request) => {
        const { remaining, ...filter } = request.query;
        return assessmentView(deps.context(request).store.db, viewer(request), request.params.participantId, {
          ...filter,
          remaining: remaining === 'true',
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/assistance/countries/:participantId/assessment',
      operationId: 'assessProvisions',
      policy: 'assessment.write',
      schema: {
        tags,
        summary:
          'Assess provisions: in place, partly, not in place, not applicable; measure cited; assistance needed',
        params: StateParams,
        headers: optionalWriteHeaders,
        body: AssessmentInputSchema,
        response: { 201: AssessmentSchema, ...errors },
      },
      handler: async (request, reply) => {
        authorize(request, 'assessment.write', { state: request.params.participantId });
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await recordAssessment(ctx, db, request.params.participantId, request.body);
          return {
            status: 201,
            body: await assessmentView(db, viewer(request), request.params.participantId),
          };
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/assistance/countries/:participantId/assessment/publication',
      operationId: 'publishAssessment',
      policy: 'assessment.publish',
      schema: {
        tags,
        summary: "Publish (or withdraw) a State's assessment: the State's choice, recorded with who and when",
        params: StateParams,
        headers: optionalWriteHeaders,
        body: PublicationInputSchema,
        response: { 201: AssessmentSchema, ...errors },
      },
      handler: async (request, reply) => {
        authorize(request, 'assessment.publish', { state: request.params.participantId });
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await setPublication(ctx, db, request.params.participantId, request.body.published);
          return {
            status: 201,
            body: await assessmentView(db, viewer(request), request.params.participantId),
          };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/assistance/countries/:participantId/chain',
      operationId: 'getAssistanceChain',
      policy: 'assistance.public',
      schema: {
        tags,
        summary: 'Need → request → project → money → outcome for one State, as far as the caller may see',
        params: StateParams,
        response: { 200: ChainSchema, ...errors },
      },
      handler: async (request) =>
        countryChain(deps.context(request).store.db, viewer(request), request.params.participantId),
    }),

    // ---- requests -----------------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/assistance/requests',
      operationId: 'listAssistanceRequests',
      policy: 'request.read',
      schema: {
        tags,
        summary: "Assistance requests: the Secretariat sees all, a focal point its own States'",
        description: PAGED_BY_ID,
        querystring: z.strictObject({
          participantId: ParticipantIdSchema.optional(),
          status: z.enum(REQUEST_STATUSES).optional(),
          ...pageQueryShape(),
        }),
        response: { 200: RequestListSchema, ...errors },
      },
      handler: async (request, reply) => {
        const { limit, cursor } = request.query;
        const afterId = decodeCursor(cursor, ['int'] as const)?.[0];
        const rows = await requestViews(deps.context(request).store.db, viewer(request), {
          ...(request.query.participantId ? { participantId: request.query.participantId } : {}),
          ...(request.query.status ? { status: request.query.status } : {}),
          ...(afterId !== undefined ? { afterId } : {}),
          limit: limit + 1,
        });
        const page = idPage(request.url, reply, rows, limit);
        return { requests: page.items, next: page.next };
      },
    }),

    route({
      method: 'GET',
      url: '/api/assistance/requests/:id',
      operationId: 'getAssistanceRequest',
      policy: 'request.read',
      schema: {
        tags,
        summary: 'One request with every step',
        params: IdParams,
        response: { 200: RequestSchema, ...errors },
      },
      handler: async (request) =>
        requestView(deps.context(request).store.db, viewer(request), request.params.id),
    }),

    route({
      method: 'POST',
      url: '/api/assistance/requests',
      operationId: 'draftAssistanceRequest',
      policy: 'request.write',
      schema: {
        tags,
        summary: 'Draft a request (eligibility is decided by the development class on the request date)',
        headers: optionalWriteHeaders,
        body: RequestInputSchema,
        response: { 201: RequestSchema, ...errors },
      },
      handler: async (request, reply) => {
        authorize(request, 'request.write', { state: request.body.participantId });
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await createRequest(ctx, db, request.body);
          return { status: 201, body: await requestView(db, viewer(request), id) };
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/assistance/requests/:id/steps',
      operationId: 'moveAssistanceRequest',
      policy: 'request.write',
      schema: {
        tags,
        summary: 'Move a request: submit, assess, approve, decline, withdraw, start, complete',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: StepInputSchema,
        response: { 201: RequestSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await stepRequest(ctx, db, viewer(request), request.params.id, request.body);
          return { status: 201, body: await requestView(db, viewer(request), request.params.id) };
        });
      },
    }),

    // ---- offers and matching ------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/assistance/offers',
      operationId: 'listOffers',
      policy: 'offer.read',
      schema: {
        tags,
        summary: 'Offers of assistance; a donor or partner State sees its own',
        response: { 200: z.array(OfferSchema), ...errors },
      },
      handler: async (request) => offerViews(deps.context(request).store.db, viewer(request)),
    }),

    route({
      method: 'POST',
      url: '/api/assistance/offers',
      operationId: 'offerAssistance',
      policy: 'offer.write',
      schema: {
        tags,
        summary: 'Offer assistance (theme, region, instrument; an amount or in kind)',
        headers: optionalWriteHeaders,
        body: OfferInputSchema,
        response: { 201: OfferSchema, ...errors },
      },
      handler: async (request, reply) => {
        authorize(request, 'offer.write', {
          donor: request.body.donorId ?? null,
          state: request.body.partnerId ?? null,
        });
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await createOffer(ctx, db, request.body);
          const offer = (await offerViews(db, { kind: 'secretariat' })).find((o) => o.id === id);
          return { status: 201, body: offer };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/assistance/matches',
      operationId: 'proposeMatches',
      policy: 'match.propose',
      schema: {
        tags,
        summary:
          'Proposed matches of open requests with offers and free earmarked money; a person confirms by funding',
        response: { 200: z.array(ProposalSchema), ...errors },
      },
      handler: async (request) => proposals(deps.context(request).store.db),
    }),

    // ---- projects -----------------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/assistance/projects',
      operationId: 'listProjects',
      policy: 'assistance.public',
      schema: {
        tags,
        summary: 'Projects: published ones for everyone; a State its own; a donor those its money funds',
        description: PAGED_BY_ID,
        querystring: z.strictObject({ participantId: ParticipantIdSchema.optional(), ...pageQueryShape() }),
        response: { 200: ProjectListSchema, ...errors },
      },
      handler: async (request, reply) => {
        const { limit, cursor } = request.query;
        const afterId = decodeCursor(cursor, ['int'] as const)?.[0];
        const rows = await projectViews(deps.context(request).store.db, viewer(request), {
          ...(request.query.participantId ? { participantId: request.query.participantId } : {}),
          ...(afterId !== undefined ? { afterId } : {}),
          limit: limit + 1,
        });
        const page = idPage(request.url, reply, rows, limit);
        return { projects: page.items, next: page.next };
      },
    }),

    route({
      method: 'GET',
      url: '/api/assistance/projects/:id',
      operationId: 'getProject',
      policy: 'assistance.public',
      schema: {
        tags,
        summary: 'One project: funded vs budget vs spent, activities, results, outcomes',
        params: IdParams,
        response: { 200: ProjectSchema, ...errors },
      },
      handler: async (request) =>
        projectView(deps.context(request).store.db, viewer(request), request.params.id),
    }),

    route({
      method: 'GET',
      url: '/api/assistance/iati.xml',
      operationId: 'exportIatiActivities',
      policy: 'assistance.public',
      ...expensive,
      schema: {
        tags,
        summary: 'IATI 2.03 activity file of the projects the caller may see (published ones for everyone)',
        description:
          'One `iati-activity` per project: identifiers, participating organisations, recipient country, sector, budget, ledger transactions, results. 404 when there is no project to export.',
        produces: ['application/xml'],
        response: { 200: iatiXml, ...errors },
      },
      handler: async (request, reply) => sendIati(request, reply),
    }),

    route({
      method: 'GET',
      url: '/api/assistance/projects/:id/iati.xml',
      operationId: 'exportProjectIati',
      policy: 'assistance.public',
      schema: {
        tags,
        summary: 'IATI 2.03 activity file of one project',
        params: IdParams,
        produces: ['application/xml'],
        response: { 200: iatiXml, ...errors },
      },
      handler: async (request, reply) => sendIati(request, reply, request.params.id),
    }),

    route({
      method: 'POST',
      url: '/api/assistance/projects',
      operationId: 'createProject',
      policy: 'project.manage',
      schema: {
        tags,
        summary: 'Turn an approved request into a project',
        headers: optionalWriteHeaders,
        body: ProjectInputSchema,
        response: { 201: ProjectSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await createProject(ctx, db, request.body);
          return { status: 201, body: await projectView(db, { kind: 'secretariat' }, id) };
        });
      },
    }),

    projectWrite(
      '/api/assistance/projects/:id/activities',
      'addProjectActivity',
      'project.manage',
      'Add an activity',
      ActivityInputSchema,
      (ctx, db, id, input) => addActivity(ctx, db, id, input),
    ),
    projectWrite(
      '/api/assistance/projects/:id/results',
      'addProjectResult',
      'project.manage',
      'Add a result with its indicator, baseline and target',
      ResultInputSchema,
      (ctx, db, id, input) => addResult(ctx, db, id, input),
    ),
    projectWrite(
      '/api/assistance/projects/:id/results/:resultId/measurements',
      'recordResultMeasurement',
      'project.manage',
      'Record the actual value of a result for a period',
      MeasurementInputSchema,
      (ctx, db, id, input, params) => recordMeasurement(ctx, db, id, params.resultId as number, input),
    ),
    projectWrite(
      '/api/assistance/projects/:id/outcomes',
      'linkProjectOutcome',
      'project.manage',
      'Link an outcome: a law adopted (cited), an authority notified or an instrument deposited (a registry action)',
      OutcomeInputSchema,
      (ctx, db, id, input) => recordOutcome(ctx, db, id, input),
    ),
    projectWrite(
      '/api/assistance/projects/:id/completion',
      'completeProject',
      'project.manage',
      'Complete a project in progress (its request becomes completed)',
      z.strictObject({}),
      (ctx, db, id) => completeProject(ctx, db, id),
    ),
    projectWrite(
      '/api/assistance/projects/:id/funding',
      'fundProject',
      'project.fund',
      "Fund a project from a donor's money under an earmark (an allocation in the ledger; the earmark must allow it)",
      FundingInputSchema,
      (ctx, db, id, input) => fundProject(ctx, db, id, input),
      true,
    ),
    projectWrite(
      '/api/assistance/projects/:id/expenditures',
      'recordProjectExpenditure',
      'project.fund',
      "Post spending on a project to the ledger (from one of the project's allocations, with support costs)",
      ProjectSpendingInputSchema,
      (ctx, db, id, input) => spendOnProject(ctx, db, id, input),
      true,
    ),
  ];
}
