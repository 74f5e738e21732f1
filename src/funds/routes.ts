// HTTP routes of the fund ledger. Thin: validate (zod) → authorize → run the use case in one transaction
// with its idempotency key → present. Every write needs an Idempotency-Key header: a retry with the same
// key gets the first answer again, byte for byte, and never posts twice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { POLICY, type Grant, type Role } from '../auth/domain/policy.ts';
import { authorize } from '../auth/http.ts';
import type { ServiceContext } from '../context.ts';
import { IdParamSchema, IsoDateSchema } from '../common/contract.ts';
import { decodeCursor, idPage, PAGED_BY_ID, pageQueryShape } from '../common/paging.ts';
import {
  AllocationInputSchema,
  AllocationMoveSchema,
  AllocationSchema,
  DonorIdSchema,
  DonorInputSchema,
  DonorSchema,
  EarmarkInputSchema,
  EarmarkSchema,
  InterestInputSchema,
  MonthSchema,
  PaymentInputSchema,
  PledgeEventInputSchema,
  PledgeInputSchema,
  PledgeSchema,
  RateInputSchema,
  RateRecordSchema,
  RefundInputSchema,
  ReversalInputSchema,
  TransactionListSchema,
  TransactionSchema,
  TransferInputSchema,
  CurrencyCodeSchema,
  ContributionsSchema,
  CurrencySchema,
  DatasetSchema,
  DonorStatementSchema,
  FormatSchema,
  FundStatementSchema,
  ImportResultSchema,
  ReconciliationSchema,
} from './contract.ts';
import { closedYearEnd, lastClosedYear, publishedPeriod } from './domain/disclosure.ts';
import { listCurrencies, listDonors, listEarmarks, listRates, type Db } from './repository.ts';
import { defineEarmark, importRatesCsv, recordDonor, recordRate } from './services/catalog.ts';
import { statementFile, type ExportFormat } from './services/export.ts';
import { recordInterest, recordPayment } from './services/payments.ts';
import { pledgeViews, recordPledge, recordPledgeEvent } from './services/pledges.ts';
import { allocationViews, getAllocation, transactionView, transactionViews } from './services/queries.ts';
import { reconcile } from './services/reconcile.ts';
import { reverse } from './services/reverse.ts';
import { contributionsByYear, donorStatement, fundStatement } from './services/statements.ts';
import { allocate, refund, release, spend, transfer } from './services/uses.ts';
import { sendWrite, writeHeaders } from '../http/idempotent.ts';
import {
  problemResponses,
  registerRoutes,
  route,
  type FeatureRouteDeps,
  type RouteDeclaration,
} from '../http/routing.ts';
import { IMPORT_MAX_BYTES } from '../common/csv-import.ts';
import { DomainError, notFound } from '../common/errors.ts';

export type FundRouteDeps = FeatureRouteDeps;

const errors = problemResponses;
const IdParams = z.strictObject({ id: IdParamSchema });
const DonorParams = z.strictObject({ donorId: DonorIdSchema });
/**
 * Whether the caller is entitled to the ledger's detail (any donor's records: `fund.read` on every record).
 * Everyone else — the public, a donor account, a State's focal point — gets published aggregates only.
 */
function seesLedgerDetail(request: FastifyRequest): boolean {
  const roles: Partial<Record<Role, Grant>> = POLICY['fund.read'].roles;
  return request.principal != null && roles[request.principal.role] === 'any';
}

const PUBLISHED_NOTE =
  "Published figures (for the public, and any account not entitled to the ledger's detail): whole closed " +
  'calendar years only, earmarks given by fewer than three donors merged into "other earmarks"; anything else ' +
  'is refused with 422 at the field.';

/** A donor account sees its own donors only; the Secretariat sees every donor. */
function donorScope(request: FastifyRequest): readonly string[] | undefined {
  return request.principal?.role === 'donor' ? request.principal.donors : undefined;
}

function narrow(request: FastifyRequest, donorId: string | undefined): readonly string[] | undefined {
  const scope = donorScope(request);
  if (donorId) {
    authorize(request, 'fund.read', { donor: donorId });
    return [donorId];
  }
  return scope;
}

/** The Secretariat's period: any days (defaults: the year of `to` up to `to`, today). */
function periodOf(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new DomainError('validation', 'the period ends before it starts', { field: 'from' });
  return { from, to };
}

function sendFile(
  reply: FastifyReply,
  file: { name: string; type: string; body: Buffer | string },
): FastifyReply {
  return reply
    .header('content-disposition', `attachment; filename="${file.name}"`)
    .type(file.type)
    .send(file.body);
}

export async function fundRoutes(app: FastifyInstance, deps: FundRouteDeps): Promise<void> {
  registerRoutes(app, fundRouteTable(deps));
}

function fundRouteTable(deps: FundRouteDeps): RouteDeclaration[] {
  const tags = ['Fund ledger'];

  const posting = <S extends z.ZodType>(
    url: string,
    operationId: string,
    summary: string,
    body: S,
    run: (ctx: ServiceContext, db: Db, input: z.infer<S>, params: { id?: number }) => Promise<number>,
    withId = false,
  ) =>
    route({
      method: 'POST',
      url,
      operationId,
      policy: 'fund.record',
      schema: {
        tags,
        summary,
        ...(withId ? { params: IdParams } : {}),
        headers: writeHeaders,
        body,
        response: { 201: TransactionSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await run(ctx, db, request.body as z.infer<S>, request.params as { id?: number });
          return { status: 201, body: await transactionView(ctx, db, id) };
        });
      },
    });

  return [
    // ---- reference: currencies, rates, donors, earmarks ------------------------------------------------

    route({
      method: 'GET',
      url: '/api/fund/currencies',
      operationId: 'listCurrencies',
      policy: 'fund.public',
      schema: {
        tags,
        summary: 'ISO 4217 currencies with their number of decimals',
        response: { 200: z.array(CurrencySchema) },
      },
      handler: async (request) => listCurrencies(deps.context(request).store.db),
    }),

    route({
      method: 'GET',
      url: '/api/fund/rates',
      operationId: 'listExchangeRates',
      policy: 'fund.public',
      schema: {
        tags,
        summary: 'UN operational rates of exchange recorded (units of the currency for one US dollar)',
        querystring: z.strictObject({
          currency: CurrencyCodeSchema.optional(),
          month: MonthSchema.optional(),
        }),
        response: { 200: z.array(RateRecordSchema), ...errors },
      },
      handler: async (request) => listRates(deps.context(request).store.db, request.query),
    }),

    route({
      method: 'POST',
      url: '/api/fund/rates',
      operationId: 'recordExchangeRate',
      policy: 'fund.record',
      schema: {
        tags,
        summary: 'Record the rate of a currency for a month (never replaced once recorded)',
        headers: writeHeaders,
        body: RateInputSchema,
        response: { 201: RateRecordSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          // The stored answer is sent as is (no response serializer): present only the documented fields.
          body: RateRecordSchema.parse(await recordRate(ctx, db, request.body)),
        }));
      },
    }),

    route({
      method: 'POST',
      url: '/api/fund/rates/import',
      operationId: 'importExchangeRates',
      policy: 'fund.record',
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary: 'Import rates from CSV (currency,month,rate,source); all-or-nothing, idempotent',
        consumes: ['text/csv'],
        body: z.string(),
        response: {
          200: ImportResultSchema,
          ...errors,
        },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        return ctx.store.db.transaction().execute((trx) => importRatesCsv(ctx, trx, request.body));
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/donors',
      operationId: 'listDonors',
      policy: 'fund.public',
      schema: { tags, summary: 'Donors to the Fund', response: { 200: z.array(DonorSchema) } },
      handler: async (request) => listDonors(deps.context(request).store.db),
    }),

    route({
      method: 'POST',
      url: '/api/fund/donors',
      operationId: 'recordDonor',
      policy: 'fund.record',
      schema: {
        tags,
        summary: 'Record a donor: a State (participant), organization, foundation or private donor',
        headers: writeHeaders,
        body: DonorInputSchema,
        response: { 201: DonorSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          // The stored answer is sent as is (no response serializer): present only the documented fields.
          body: DonorSchema.parse(await recordDonor(ctx, db, request.body)),
        }));
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/earmarks',
      operationId: 'listEarmarks',
      policy: 'fund.public',
      schema: {
        tags,
        summary: 'Earmarks: what money may pay for',
        response: { 200: z.array(EarmarkSchema) },
      },
      handler: async (request) => listEarmarks(deps.context(request).store.db),
    }),

    route({
      method: 'POST',
      url: '/api/fund/earmarks',
      operationId: 'defineEarmark',
      policy: 'fund.record',
      schema: {
        tags,
        summary: 'Define an earmark (general purpose, or special purpose with its targets)',
        headers: writeHeaders,
        body: EarmarkInputSchema,
        response: { 201: EarmarkSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          // The stored answer is sent as is (no response serializer): present only the documented fields.
          body: EarmarkSchema.parse(await defineEarmark(ctx, db, request.body)),
        }));
      },
    }),

    // ---- pledges ----------------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/fund/pledges',
      operationId: 'listPledges',
      policy: 'fund.read',
      schema: {
        tags,
        summary:
          'Pledges with their standing (paid, outstanding, overdue) as at a date; a donor sees its own',
        querystring: z.strictObject({ donorId: DonorIdSchema.optional(), asOf: IsoDateSchema.optional() }),
        response: { 200: z.array(PledgeSchema), ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const donorIds = narrow(request, request.query.donorId);
        return pledgeViews(ctx, ctx.store.db, {
          ...(donorIds ? { donorIds } : {}),
          ...(request.query.asOf ? { asOf: request.query.asOf } : {}),
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/pledges/:id',
      operationId: 'getPledge',
      policy: 'fund.read',
      schema: {
        tags,
        summary: 'One pledge',
        params: IdParams,
        response: { 200: PledgeSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const [view] = await pledgeViews(ctx, ctx.store.db, { ids: [request.params.id] });
        // A donor is told "not found" for another donor's pledge: its existence is not theirs to know.
        if (!view || (donorScope(request) && !donorScope(request)?.includes(view.donorId))) {
          throw notFound('pledge', String(request.params.id));
        }
        return view;
      },
    }),

    route({
      method: 'POST',
      url: '/api/fund/pledges',
      operationId: 'recordPledge',
      policy: 'fund.record',
      schema: {
        tags,
        summary: 'Record a pledge (a promise, not money), with its instalments',
        headers: writeHeaders,
        body: PledgeInputSchema,
        response: { 201: PledgeSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await recordPledge(ctx, db, request.body);
          const [view] = await pledgeViews(ctx, db, { ids: [id], asOf: '9999-12-31' });
          return { status: 201, body: view };
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/fund/pledges/:id/events',
      operationId: 'recordPledgeEvent',
      policy: 'fund.record',
      schema: {
        tags,
        summary: 'Agreement signed, written off or closed',
        params: IdParams,
        headers: writeHeaders,
        body: PledgeEventInputSchema,
        response: { 201: PledgeSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await recordPledgeEvent(ctx, db, request.params.id, request.body);
          const [view] = await pledgeViews(ctx, db, { ids: [request.params.id], asOf: '9999-12-31' });
          return { status: 201, body: view };
        });
      },
    }),

    // ---- money in and out -------------------------------------------------------------------------------

    posting(
      '/api/fund/payments',
      'recordPayment',
      'Record a payment received (against a pledge or not), converted to USD at the UN rate of its month',
      PaymentInputSchema,
      (ctx, db, input) => recordPayment(ctx, db, input),
    ),
    posting(
      '/api/fund/interest',
      'recordInterest',
      'Record interest earned (USD)',
      InterestInputSchema,
      (ctx, db, input) => recordInterest(ctx, db, input),
    ),
    posting(
      '/api/fund/allocations/:id/expenditures',
      'recordExpenditure',
      'Spend from an allocation; programme support costs are charged on top at its rate',
      AllocationMoveSchema,
      (ctx, db, input, p) => spend(ctx, db, p.id as number, input),
      true,
    ),
    posting(
      '/api/fund/allocations/:id/releases',
      'releaseAllocation',
      'Return unspent allocated money to its funding line',
      AllocationMoveSchema,
      (ctx, db, input, p) => release(ctx, db, p.id as number, input),
      true,
    ),
    posting(
      '/api/fund/refunds',
      'recordRefund',
      'Refund money to its donor',
      RefundInputSchema,
      (ctx, db, input) => refund(ctx, db, input),
    ),
    posting(
      '/api/fund/transfers',
      'transferBetweenEarmarks',
      "Move a donor's free money between earmarks, with the donor's agreement",
      TransferInputSchema,
      (ctx, db, input) => transfer(ctx, db, input),
    ),
    posting(
      '/api/fund/transactions/:id/reversal',
      'reverseTransaction',
      'Reverse a transaction (a correction: the original stays, linked to its reversal)',
      ReversalInputSchema,
      (ctx, db, input, p) => reverse(ctx, db, p.id as number, input),
      true,
    ),

    route({
      method: 'GET',
      url: '/api/fund/transactions',
      operationId: 'listTransactions',
      policy: 'fund.read',
      schema: {
        tags,
        summary: 'Ledger transactions, newest first; a donor sees its own',
        description: `Newest first. ${PAGED_BY_ID}`,
        querystring: z.strictObject({
          donorId: DonorIdSchema.optional(),
          // A query string is text: coerced like beforeId (a bare IdSchema refused every allocationId).
          allocationId: IdParamSchema.optional(),
          beforeId: IdParamSchema.optional().meta({
            description: 'the transactions before this id (a `cursor` from `next` takes precedence)',
          }),
          ...pageQueryShape(),
        }),
        response: { 200: TransactionListSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const donorIds = narrow(request, request.query.donorId);
        const { limit, cursor } = request.query;
        const beforeId = decodeCursor(cursor, ['int'] as const)?.[0] ?? request.query.beforeId;
        const rows = await transactionViews(ctx, ctx.store.db, {
          ...(donorIds ? { donorIds } : {}),
          ...(request.query.allocationId ? { allocationId: request.query.allocationId } : {}),
          ...(beforeId ? { beforeId } : {}),
          limit: limit + 1,
        });
        const page = idPage(request.url, reply, rows, limit, ['beforeId']);
        return { transactions: page.items, next: page.next };
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/transactions/:id',
      operationId: 'getTransaction',
      policy: 'fund.read',
      schema: {
        tags,
        summary: 'One transaction with its entries',
        params: IdParams,
        response: { 200: TransactionSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const view = await transactionView(ctx, ctx.store.db, request.params.id);
        const scope = donorScope(request);
        if (scope && (!view.donorId || !scope.includes(view.donorId)))
          throw notFound('transaction', String(view.id));
        return view;
      },
    }),

    // ---- allocations ------------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/fund/allocations',
      operationId: 'listAllocations',
      policy: 'fund.read',
      schema: {
        tags,
        summary:
          'Allocations to projects and events, with what was spent; a donor sees what its money paid for',
        querystring: z.strictObject({
          donorId: DonorIdSchema.optional(),
          purposeRef: z.string().max(64).optional(),
        }),
        response: { 200: z.array(AllocationSchema), ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const donorIds = narrow(request, request.query.donorId);
        return allocationViews(ctx.store.db, {
          ...(donorIds ? { donorIds } : {}),
          ...(request.query.purposeRef ? { purposeRef: request.query.purposeRef } : {}),
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/allocations/:id',
      operationId: 'getAllocation',
      policy: 'fund.read',
      schema: {
        tags,
        summary: 'One allocation',
        params: IdParams,
        response: { 200: AllocationSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const view = await getAllocation(ctx.store.db, request.params.id);
        const scope = donorScope(request);
        if (scope && !scope.includes(view.donorId)) throw notFound('allocation', String(view.id));
        return view;
      },
    }),

    route({
      method: 'POST',
      url: '/api/fund/allocations',
      operationId: 'allocateFunds',
      policy: 'fund.record',
      schema: {
        tags,
        summary: "Allocate a donor's free money to a project or event; the earmark must allow it",
        headers: writeHeaders,
        body: AllocationInputSchema,
        response: { 201: AllocationSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const { allocationId } = await allocate(ctx, db, request.body);
          return { status: 201, body: await getAllocation(db, allocationId) };
        });
      },
    }),

    // ---- statements -------------------------------------------------------------------------------------

    route({
      method: 'GET',
      url: '/api/fund/donors/:donorId/statement',
      operationId: 'getDonorStatement',
      policy: 'fund.read',
      schema: {
        tags,
        summary:
          'Donor statement as at a date: pledged, committed, paid, outstanding, allocated, spent, balance',
        description: 'format=csv or xlsx downloads the statement as a file.',
        params: DonorParams,
        querystring: z.strictObject({ asOf: IsoDateSchema.optional(), format: FormatSchema }),
        response: { 200: DonorStatementSchema, ...errors },
      },
      handler: async (request, reply) => {
        authorize(request, 'fund.read', { donor: request.params.donorId });
        const ctx = deps.context(request);
        const statement = await donorStatement(
          ctx,
          ctx.store.db,
          request.params.donorId,
          request.query.asOf ?? ctx.clock.today(),
        );
        if (request.query.format === 'json') return statement;
        return sendFile(
          reply,
          await statementFile({ kind: 'donor', statement }, request.query.format as ExportFormat),
        );
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/statement',
      operationId: 'getFundStatement',
      policy: 'fund.public',
      schema: {
        tags,
        summary: 'Fund statement for a period: opening balance, sources, uses, closing balance (USD)',
        description: `Defaults: from the first day of the year of \`to\`; \`to\` today (published: the last closed year). format=csv or xlsx for a file. ${PUBLISHED_NOTE}`,
        querystring: z.strictObject({
          from: IsoDateSchema.optional(),
          to: IsoDateSchema.optional(),
          dataset: DatasetSchema,
          format: FormatSchema,
        }),
        response: { 200: FundStatementSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const detail = seesLedgerDetail(request);
        const { from, to } = detail
          ? periodOf(request.query, ctx.clock.today())
          : publishedPeriod(request.query, ctx.clock.today());
        const statement = await fundStatement(ctx, ctx.store.db, {
          from,
          to,
          illustrative: request.query.dataset === 'illustrative',
          published: !detail,
        });
        if (request.query.format === 'json') return statement;
        return sendFile(
          reply,
          await statementFile({ kind: 'fund', statement }, request.query.format as ExportFormat),
        );
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/contributions',
      operationId: 'listContributions',
      policy: 'fund.public',
      schema: {
        tags,
        summary: 'Contributions received per year and donor (USD, net of reversals): the published aggregate',
        description: `Up to \`to\` (default today; published: the end of the last closed year). ${PUBLISHED_NOTE}`,
        querystring: z.strictObject({ to: IsoDateSchema.optional(), dataset: DatasetSchema }),
        response: {
          200: ContributionsSchema,
          ...errors,
        },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const today = ctx.clock.today();
        const detail = seesLedgerDetail(request);
        const to = detail
          ? (request.query.to ?? today)
          : request.query.to === undefined
            ? `${lastClosedYear(today)}-12-31`
            : `${closedYearEnd(request.query.to, today, 'to')}-12-31`;
        return contributionsByYear(ctx.store.db, {
          to,
          illustrative: request.query.dataset === 'illustrative',
          published: !detail,
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/fund/reconciliation',
      operationId: 'reconcileLedger',
      policy: 'fund.reconcile',
      schema: {
        tags,
        summary:
          'Prove the balances: cached balances = balances rebuilt from the entries; every transaction balances',
        response: {
          200: ReconciliationSchema,
          ...errors,
        },
      },
      handler: async (request) => reconcile(deps.context(request).store.db),
    }),
  ];
}
