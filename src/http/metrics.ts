// Prometheus metrics at /metrics: request rate, latency histogram and errors per route, event-loop delay,
// process figures (memory, handles, CPU) and the database pool. Labels use the matched route pattern, never
// the raw URL, so their number stays bounded. Without a metrics token nobody may read them, so none are kept:
// prom-client is not even loaded, and no request pays for counting.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../db/database.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Whether the request carries the metrics token. The caller's address proves nothing: behind a reverse proxy
 * on the same machine every request comes from 127.0.0.1. Digests of equal length are compared in constant
 * time, so the comparison does not reveal how much of a guess was right.
 */
function hasToken(request: FastifyRequest, token: string | null): boolean {
  const header = request.headers.authorization;
  if (token === null || typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice(7).trim()), digest(token));
}

/** What /metrics answers to a request without the token: the same as a route that does not exist. */
function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: 'Not found',
        status: 404,
        detail: 'no route for GET /metrics',
      }),
    );
}

export async function registerMetrics(
  app: FastifyInstance,
  store: Store,
  token: string | null,
): Promise<void> {
  if (token === null) {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => notFound(reply));
    return;
  }
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  // Process metrics, event-loop lag (nodejs_eventloop_lag_*), heap, handles, GC.
  collectDefaultMetrics({ register: registry, prefix: 'palermo_', eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({
    name: 'palermo_http_requests_total',
    help: 'HTTP requests answered, by method, route and status class',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'palermo_http_request_duration_seconds',
    help: 'Time to answer, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'palermo_http_errors_total',
    help: 'Answers with status 500 or above',
    labelNames: ['method', 'route'],
    registers: [registry],
  });
  const pool = store.pgPool;
  new Gauge({
    name: 'palermo_db_pool_connections',
    help: 'Database connections: total, idle and waiting clients (PostgreSQL); SQLite has one connection',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      if (pool) {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      } else {
        this.set({ state: 'total' }, 1);
      }
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    requests.inc({ method: request.method, route, status: `${Math.floor(status / 100)}xx` });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (status >= 500) errors.inc({ method: request.method, route });
    done();
  });

  // Served to whoever shows the metrics token (PALERMO_METRICS_TOKEN); without one, to nobody. Refusals look
  // like an unknown route: a scanner learns nothing.
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!hasToken(request, token)) return notFound(reply);
    reply.header('cache-control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });
}
