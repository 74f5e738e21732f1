// Read routes for the web application's pages: the dashboard (counts, newest actions, parties over time),
// each participant's statements and footnotes, and the participant table as XLSX. Public reads, like the
// rest of the registry.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AnnotationsSchema, AsOfQuerySchema, DashboardSchema, InstrumentIdSchema } from './contract.ts';
import { acceptsBrotli, acceptsGzip } from '../http/compress.ts';
import { cacheable, sendMemoisedJson } from './http-cache.ts';
import { registerRoutes, route, type FeatureRouteDeps, type RouteDeclaration } from '../http/routing.ts';
import { getAnnotations } from './services/annotations.ts';
import { getDashboard } from './services/dashboard.ts';
import { statusXlsx } from './services/export-xlsx.ts';
import { getStatus } from './services/queries.ts';
import { worldMapData } from './services/world-map.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function viewRoutes(
  app: FastifyInstance,
  deps: FeatureRouteDeps,
  errors: Record<number, z.ZodType>,
): Promise<void> {
  registerRoutes(app, viewRouteTable(deps, errors));
}

function viewRouteTable(deps: FeatureRouteDeps, errors: Record<number, z.ZodType>): RouteDeclaration[] {
  const tags = ['Treaty registry'];
  const InstrumentParams = z.strictObject({ instrumentId: InstrumentIdSchema });

  return [
    route({
      method: 'GET',
      url: '/api/dashboard',
      operationId: 'getDashboard',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Every instrument today: counts, entry into force, newest actions, parties over time',
        response: { 200: DashboardSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const snapshot = await ctx.registry.snapshot();
        const dashboard = await getDashboard(ctx);
        return sendMemoisedJson(request, reply, snapshot, `d-${dashboard.asOf}`, () => dashboard) as never;
      },
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/annotations',
      operationId: 'getInstrumentAnnotations',
      policy: 'registry.read',
      schema: {
        tags,
        summary: "Each participant's declarations, reservations, objections, notifications and footnotes",
        params: InstrumentParams,
        response: { 200: AnnotationsSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const snapshot = await ctx.registry.snapshot();
        const annotations = await getAnnotations(ctx, request.params.instrumentId);
        const key = `a-${request.params.instrumentId}`;
        return sendMemoisedJson(request, reply, snapshot, key, () => annotations) as never;
      },
    }),

    route({
      method: 'GET',
      url: '/api/geo/countries',
      operationId: 'getWorldCountries',
      policy: 'registry.read',
      schema: {
        tags,
        summary:
          "The world's countries for the map (TopoJSON, Natural Earth 1:50m on a grid of 10,000 steps; feature ids are UN M49 codes)",
        response: { 200: z.unknown().meta({ description: 'TopoJSON topology with one object, countries' }) },
      },
      handler: async (request, reply) => {
        const map = await worldMapData();
        const encoding = acceptsBrotli(request) ? 'br' : acceptsGzip(request) ? 'gzip' : null;
        reply.header('vary', 'accept-encoding');
        // The boundaries change only with the package: cached for a day, then revalidated.
        if (cacheable(request, reply, `${map.etag.slice(0, -1)}${encoding ? `-${encoding}` : ''}"`))
          return reply;
        reply.header('cache-control', 'public, max-age=86400');
        if (encoding) reply.header('content-encoding', encoding);
        const body = encoding === 'br' ? map.brotli : encoding === 'gzip' ? map.gzip : map.json;
        return reply.type('application/json; charset=utf-8').send(body);
      },
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/status.xlsx',
      operationId: 'exportInstrumentStatusXlsx',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Status as at a date, as an XLSX workbook',
        params: InstrumentParams,
        querystring: AsOfQuerySchema,
        produces: [XLSX],
        response: { 200: z.unknown().meta({ description: 'XLSX, one row per participant' }), ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const id = request.params.instrumentId;
        const { version, asOf, status } = await getStatus(ctx, id, request.query.asOf);
        if (cacheable(request, reply, `"x-${version}-${id}-${asOf}"`)) return reply;
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${id}-status-${asOf}.xlsx"`)
          .send(await statusXlsx([status]));
      },
    }),
  ];
}
