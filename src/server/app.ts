// Builds the HTTP application: the API (zod-validated, documented at /openapi.json and /docs), uniform
// problem+json errors, and the web application served from web/dist.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { checkedValidatorCompiler } from '../http/validator.ts';
import { actorOf, registerAuth } from '../auth/http.ts';
import { authRoutes } from '../auth/routes.ts';
import { logMailer, type Mailer } from '../auth/services/accounts.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../auth/services/sessions.ts';
import type { ServiceContext } from '../context.ts';
import type { Store } from '../db/database.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { collectOpenApi, serveDocs } from './docs.ts';
import { checkOperationIds, openApiOptions } from './openapi.ts';
import { scopeTargets } from './scope-targets.ts';
import { registerFirstPage } from './first-page.ts';
import { registerWebAssets } from './web-assets.ts';
import { RegistryState } from '../treaties/registry-state.ts';
import { treatyRoutes } from '../treaties/routes.ts';
import { fundRoutes } from '../funds/routes.ts';
import { assistanceRoutes } from '../assistance/routes.ts';
import { eventRoutes } from '../events/routes.ts';
import { listRequestDates } from '../assistance/services/lookups.ts';
import { eventOutcomeRoutes } from '../events/outcome-routes.ts';
import { delegationRoutes } from '../events/delegation-routes.ts';
import { eventFundingRoutes } from '../events/funding-routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import type { ReportProducer } from '../reports/services/producer.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { obligationRoutes } from '../obligations/routes.ts';
import { notificationNames, registryHas } from './notification-names.ts';
import { serverLogging, type AccessLog } from '../http/access-log.ts';
import { compressAnswer } from '../http/compress.ts';
import { decodeBody, parseJsonBody } from '../http/json-body.ts';
import { registerMetrics } from '../http/metrics.ts';
import { API_VERSION } from '../http/versioning.ts';
import { rateLimitHeaders, registerQuotas, type Quota } from '../http/rate-limit.ts';
import { problem, sendProblem, toProblem } from '../http/problem.ts';

type ZodCompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');

export interface AppOptions {
  store: Store;
  clock?: Clock;
  registry?: RegistryState;
  /** Where invitation and password-reset links point. */
  publicUrl?: string;
  mailer?: Mailer;
  /** Sign-in and password-reset attempts per minute and client; false switches the limit off (tests). */
  signInPerMinute?: number | false;
  /** Imports and whole-registry exports per minute and client; false switches the limit off (tests). */
  expensivePerMinute?: number | false;
  /** Requests per API token in a window (PALERMO_TOKEN_QUOTA); default, and false: none (tests). */
  tokenQuota?: Quota | false;
  /** Requests per signed-in account in a window (PALERMO_ACCOUNT_QUOTA); default, and false: none. */
  accountQuota?: Quota | false;
  sessionPolicy?: SessionPolicy;
  /** Runs work due after an answer (the password-reset link); tests run it when they choose. */
  afterAnswer?: (work: () => Promise<void>) => void;
  /** Event-loop delay above which requests are shed with 503; false switches shedding off. */
  maxEventLoopDelayMs?: number | false;
  /** Bearer token that opens /metrics (PALERMO_METRICS_TOKEN); without one /metrics is off. */
  metricsToken?: string | null;
  /**
   * Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For names the client
   * (PALERMO_TRUST_PROXY); rate limits and the audit trail then see the real client. Default: none.
   */
  trustProxy?: string[] | false;
  logger?: boolean | { level: string };
  /** Which requests get an access line when logging (src/http/access-log.ts); default: writes and errors. */
  accessLog?: AccessLog;
  webDir?: string;
  /**
   * Produces the files of a report to the Commission (previews and freezing); without one those answer 503.
   */
  reportProducer?: ReportProducer;
}

const API_VERSION_HEADER = String(API_VERSION);

export const JSON_BODY_LIMIT = 1024 * 1024;

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the API documentation set style attributes; no script runs inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request's id: the client's X-Request-Id when it is one UUID (in lower case), else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && UUID.test(header) ? header.toLowerCase() : randomUUID();
}

/** Security headers on every response (OWASP ASVS V3): no framing, no plug-ins, no base or form tricks. */
function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
  reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const webDir = options.webDir ?? WEB_DIST;
  const hasWeb = webDir !== '' && existsSync(join(webDir, 'index.html'));
  const registry = options.registry ?? new RegistryState(options.store);
  const logging = serverLogging(options.logger, options.accessLog ?? 'writes-and-errors');
  const app = Fastify({
    ...logging.options,
    // Only the listed proxies are believed: from any other peer X-Forwarded-For is ignored.
    trustProxy: options.trustProxy || false,
    bodyLimit: JSON_BODY_LIMIT,
    // A client (or the proxy in front) may name its request with a UUID in X-Request-Id, to quote to
    // support and find in the audit trail; anything else is ignored and an id made here, so that what the
    // log and the audit trail hold is always a UUID and never text a client chose.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Every route's schemas are zod, compiled by fastify-type-provider-zod (set below as well). Named here,
    // Fastify does not build its default Ajv and fast-json-stringify compilers, which no route uses: a
    // tenth of the cold start.
    schemaController: {
      // Fastify types these factories for Ajv; the compilers are the ones setValidatorCompiler takes below.
      compilersFactory: {
        buildValidator: () => checkedValidatorCompiler,
        buildSerializer: () => serializerCompiler,
      } as unknown as ZodCompilersFactory,
    },
    // Errors the router raises before any route (bad percent-encoding, over-long path parameters) are
    // problem+json with the same headers as every other answer.
    frameworkErrors: (error, request, reply) => {
      securityHeaders(request, reply);
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
      const detail =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path segment is longer than any identifier Palermo uses'
          : error.code === 'FST_ERR_BAD_URL'
            ? 'the address is not valid (bad percent-encoding)'
            : error.message;
      void sendProblem(
        reply,
        request,
        problem(status, detail, error.code ? error.code.toLowerCase() : 'about:blank'),
      );
    },
  });
  logging.prepare(app.log);
  // Log lines still buffered go out before the server is reported closed.
  app.addHook('onClose', (_app, done) => logging.flush(done));
  app.setValidatorCompiler(checkedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, decodeBody(req.headers['content-type'], body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    try {
      done(null, parseJsonBody(decodeBody(req.headers['content-type'], body as Buffer)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    securityHeaders(request, reply);
    rateLimitHeaders(request, reply);
    const api = request.url.startsWith('/api/');
    // The version that answered (docs/api.md, "Versioning and deprecation"), 304s included.
    if (api) reply.header('api-version', API_VERSION_HEADER);
    // Every successful API read gets a validator: routes that know the registry version set their own ETag;
    // the others get a weak one from the body, so a client can revalidate any read with If-None-Match.
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (
      request.method === 'GET' &&
      reply.statusCode === 200 &&
      api &&
      !reply.hasHeader('etag') &&
      !cacheControl.includes('no-store') &&
      (typeof payload === 'string' || Buffer.isBuffer(payload))
    ) {
      const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
      reply.header('etag', etag);
      // What a signed-in caller reads may be theirs alone: never kept by a shared cache.
      if (!cacheControl) {
        const personal = request.principal !== null || request.session !== null;
        reply.header('cache-control', personal ? 'private, no-cache' : 'public, no-cache');
      }
      const match = request.headers['if-none-match'];
      if (match && match.split(',').some((t) => t.trim() === etag)) {
        reply.code(304);
        done(null, '');
        return;
      }
    }
    if (api) compressAnswer(request, reply, payload, done);
    else done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => {
    const p = toProblem(error);
    if (p) return sendProblem(reply, request, p);
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return sendProblem(
      reply,
      request,
      problem(500, `An internal error occurred; quote request id ${request.id}.`),
    );
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web application all load its one page.
    if (
      hasWeb &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/docs')
    ) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(
      reply,
      request,
      problem(404, `no route for ${request.method} ${request.url.split('?')[0]}`, 'not-found'),
    );
  });

  collectOpenApi(app, openApiOptions(options.publicUrl ?? 'http://localhost:3000'));
  checkOperationIds(app);
  // Load shedding: when the event loop falls behind, answer 503 with Retry-After at once rather than queue
  // work that would time out anyway; health and metrics stay reachable.
  if (options.maxEventLoopDelayMs !== false) {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs ?? 200,
      retryAfter: 5,
      pressureHandler: (request, reply) => {
        if (request.url === '/healthz' || request.url === '/metrics') return;
        reply.header('retry-after', '5');
        void sendProblem(
          reply,
          request,
          problem(503, 'the server is overloaded; try again in a few seconds', 'overloaded'),
        );
      },
    });
  }
  await registerMetrics(app, options.store, options.metricsToken ?? null);
  // Liveness: the process answers. Readiness: the store answers and every migration is applied.
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      // Loaded at the first readiness check, not at start: a start that migrated nothing never needs it.
      const { pendingMigrations } = await import('../db/migrate.ts');
      const pending = await pendingMigrations(options.store);
      if (pending.length > 0)
        return reply.code(503).send({ status: 'not ready', pendingMigrations: pending });
      return { status: 'ready', store: options.store.dialect };
    } catch (err) {
      request.log.error({ err }, 'readiness check failed');
      return reply.code(503).send({ status: 'not ready', detail: 'the database does not answer' });
    }
  });
  serveDocs(app, '/docs');
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const baseContext = (): ServiceContext => ({
    store: options.store,
    clock,
    registry,
    actor: 'anonymous',
    scopeTargets,
  });
  const context = (request: FastifyRequest): ServiceContext => ({
    store: options.store,
    clock,
    registry,
    actor: actorOf(request),
    principal: request.principal,
    requestId: request.id,
    scopeTargets,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // The draft's header names, rewritten as the standard RateLimit fields as answers go out.
    enableDraftSpec: true,
    errorResponseBuilder: (_request, limit) => {
      const seconds = Math.max(1, Math.ceil(limit.ttl / 1000));
      const err = new Error(`too many requests: try again in ${seconds} seconds`) as Error & {
        statusCode: number;
        code: string;
      };
      err.statusCode = 429;
      err.code = 'RATE_LIMITED';
      return err;
    },
  });
  await registerAuth(app, {
    baseContext,
    ...(options.sessionPolicy ? { sessionPolicy: options.sessionPolicy } : {}),
  });
  registerQuotas(app, {
    token: options.tokenQuota ?? false,
    account: options.accountQuota ?? false,
    now: () => Date.parse(clock.now()),
  });
  await app.register(async (scope) => {
    await authRoutes(scope, {
      context,
      mailer: options.mailer ?? logMailer((line) => app.log.warn(line)),
      publicUrl: options.publicUrl ?? 'http://localhost:3000',
      signInPerMinute: options.signInPerMinute ?? 10,
      sessionPolicy: options.sessionPolicy ?? DEFAULT_SESSION_POLICY,
      log: (message, err) => app.log.error({ err }, message),
      ...(options.afterAnswer ? { afterAnswer: options.afterAnswer } : {}),
    });
    await treatyRoutes(scope, { context, expensivePerMinute: options.expensivePerMinute ?? 60 });
    await fundRoutes(scope, { context });
    await assistanceRoutes(scope, { context, expensivePerMinute: options.expensivePerMinute ?? 60 });
    await eventRoutes(scope, {
      context,
      publicUrl: options.publicUrl ?? 'http://localhost:3000',
      assistanceRequestDates: listRequestDates,
    });
    await eventOutcomeRoutes(scope, { context });
    await delegationRoutes(scope, { context });
    await eventFundingRoutes(scope, { context });
    await reportRoutes(scope, { context, producer: options.reportProducer });
    await notificationRoutes(scope, {
      context,
      names: notificationNames,
      exists: registryHas,
      publicUrl: options.publicUrl ?? 'http://localhost:3000',
    });
    await obligationRoutes(scope, { context, publicUrl: options.publicUrl ?? 'http://localhost:3000' });
  });

  if (hasWeb) {
    registerFirstPage(app, { webDir, context: baseContext });
    await registerWebAssets(app, webDir);
  }
  return app;
}
