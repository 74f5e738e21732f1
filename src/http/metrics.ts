// Prometheus metrics at /metrics: request rate, latency histogram and errors per route, event-loop delay,
// process figures (memory, handles, CPU) and the database pool. Labels use the matched route pattern, never
// the raw URL, so their number stays bounded.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../db/database.ts';

export function registerMetrics(app: FastifyInstance, store: Store, open = false): void {
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

  // Served to the machine itself (a local Prometheus agent or a proxy) unless opened to all.
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const local = request.ip === '127.0.0.1' || request.ip === '::1' || request.ip === '::ffff:127.0.0.1';
    if (!local && !open)
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
    reply.header('cache-control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });
}
