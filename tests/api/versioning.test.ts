// The API's version and deprecations (docs/api.md, "Versioning and deprecation"): every API answer names
// the version; a route declared deprecated is marked so in the document, with what replaces it and when it
// may go, and every answer it gives carries Deprecation (RFC 9745) and Sunset (RFC 8594). The deprecated
// route here is the test's own, added to the real application before it starts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRoutes, route } from '../../src/http/routing.ts';
import { API_DOCUMENT_VERSION, API_VERSION, deprecationHeaders } from '../../src/http/versioning.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

interface Operation {
  deprecated?: boolean;
  description?: string;
  responses: Record<string, { headers?: Record<string, { $ref: string }> }>;
}
interface Document {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { headers: Record<string, unknown> };
}

const DEPRECATION = { since: '2026-07-01', sunset: '2027-01-01', instead: 'listInstruments' };

let s: TestStore;
let app: FastifyInstance;

beforeAll(async () => {
  s = await createTestStore({ referenceData: false });
  app = await buildApp({ store: s.store, registry: s.registry, clock: s.clock, webDir: '' });
  registerRoutes(app, [
    route({
      method: 'GET',
      url: '/api/test-only/old-instruments',
      operationId: 'listOldInstruments',
      policy: 'registry.read',
      deprecated: DEPRECATION,
      schema: {
        tags: ['Treaty registry'],
        summary: 'The instruments, the old way (test only)',
        querystring: z.object({ n: z.coerce.number().int().optional() }).strict(),
        response: { 200: z.object({ count: z.number() }) },
      },
      handler: async () => ({ count: 0 }),
    }),
  ]);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await s?.close();
});

describe('the version', () => {
  it('is on every API answer, errors and 304 included, and starts the document’s version', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/instruments' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['api-version']).toBe(String(API_VERSION));
    expect(ok.headers.deprecation).toBeUndefined();
    const etag = String(ok.headers.etag);
    const again = await app.inject({
      method: 'GET',
      url: '/api/instruments',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['api-version']).toBe('1');
    const missing = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['api-version']).toBe('1');
    // Not on the web application's pages nor on the document itself.
    expect(
      (await app.inject({ method: 'GET', url: '/openapi.json' })).headers['api-version'],
    ).toBeUndefined();

    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document;
    expect(doc.info.version).toBe(API_DOCUMENT_VERSION);
    expect(doc.info.version.startsWith(`${API_VERSION}.`)).toBe(true);
    const answer = doc.paths['/api/instruments']?.get?.responses['200'];
    expect(answer?.headers?.['API-Version']).toEqual({ $ref: '#/components/headers/ApiVersion' });
  });
});

describe('a deprecated operation', () => {
  it('says so on every answer with Deprecation and Sunset', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-only/old-instruments' });
    expect(res.statusCode).toBe(200);
    // 2026-07-01T00:00:00Z and 2027-01-01T00:00:00Z.
    expect(res.headers.deprecation).toBe('@1782864000');
    expect(res.headers.sunset).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
    expect(res.headers['api-version']).toBe('1');
    const refused = await app.inject({ method: 'GET', url: '/api/test-only/old-instruments?n=x' });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers.deprecation).toBe('@1782864000');
    expect(refused.headers.sunset).toBe('Fri, 01 Jan 2027 00:00:00 GMT');
  });

  it('is marked in the document, with what replaces it and the headers its answers carry', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as Document;
    const op = doc.paths['/api/test-only/old-instruments']?.get;
    expect(op?.deprecated).toBe(true);
    expect(op?.description).toMatch(
      /^Deprecated since 2026-07-01: use listInstruments instead\. It may stop answering from 2027-01-01/,
    );
    for (const status of ['200', '422', '429']) {
      expect(op?.responses[status]?.headers?.Deprecation).toEqual({
        $ref: '#/components/headers/Deprecation',
      });
      expect(op?.responses[status]?.headers?.Sunset).toEqual({ $ref: '#/components/headers/Sunset' });
    }
    expect(doc.components.headers.Deprecation).toBeDefined();
    // Operations not deprecated are not marked, and their answers name no Deprecation header.
    const live = doc.paths['/api/instruments']?.get;
    expect(live?.deprecated).toBeUndefined();
    expect(live?.responses['200']?.headers?.Deprecation).toBeUndefined();
  });

  it('needs real dates, the sunset six months or more after the start', () => {
    const declare = (since: string, sunset: string) => () =>
      registerRoutes(app, [
        route({
          method: 'GET',
          url: '/api/test-only/never',
          operationId: 'never',
          policy: 'registry.read',
          deprecated: { since, sunset, instead: 'nothing' },
          schema: {},
          handler: async () => ({}),
        }),
      ]);
    expect(declare('2027-01-01', '2026-07-01')).toThrow(/at least 6 months after since/);
    expect(declare('2026-07-01', '2026-12-31')).toThrow(/at least 6 months after since/);
    expect(declare('2026-07-01', '2027-02-30')).toThrow(/YYYY-MM-DD/);
    expect(deprecationHeaders(DEPRECATION)).toEqual({
      deprecation: '@1782864000',
      sunset: 'Fri, 01 Jan 2027 00:00:00 GMT',
    });
  });
});
