// The OpenAPI document as machine clients need it: Redocly's linter (the project's dev dependency, with the
// rules of redocly.yaml: its recommended set and a few more) finds no error and no warning in the document
// the application serves, with its rate limits on as in production; every operation is named, says which
// credentials it takes as the policy table does, and documents its errors as problem+json; and a route
// that names no operation, or writes its own security, stops the application at start-up.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import diagnostics from 'node:diagnostics_channel';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, type PolicyAction } from '../../src/auth/domain/policy.ts';
import { PROJECT_ROOT } from '../../src/common/project-root.ts';
import { registerRoutes, route } from '../../src/http/routing.ts';
import { collectOpenApi } from '../../src/server/docs.ts';
import { SCHEMA_EXAMPLES } from '../../src/server/openapi-examples.ts';
import { API_TAGS, checkOperationIds, openApiOptions } from '../../src/server/openapi.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const run = promisify(execFile);

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  tags: Array<{ name: string; description: string }>;
  components: { schemas: Record<string, unknown> };
}
interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: Array<{ pointer: string }>;
}

let t: TestApp;
let doc: Document;
let dir: string;

/** Each route's policy action (`METHOD /fastify/:path`), as Fastify's onRoute hook sees it. */
const policies = new Map<string, PolicyAction | undefined>();

beforeAll(async () => {
  // Fastify publishes each new instance here before any plugin runs (as in tests/security/support.ts): an
  // onRoute hook added then sees every route with its config, which findRoute does not expose.
  const onInit = (message: unknown): void => {
    (message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) policies.set(`${method} ${r.url}`, r.config?.policy);
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  try {
    t = await createTestApp({ referenceData: false, app: { signInPerMinute: 10, expensivePerMinute: 60 } });
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInit);
  }
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json() as Document;
  dir = mkdtempSync(join(tmpdir(), 'palermo-openapi-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

/** Runs `redocly lint` on a document; its problems, as the CLI reports them in JSON. */
async function lint(document: unknown): Promise<LintProblem[]> {
  const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(document));
  const cli = join(PROJECT_ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const args = [cli, 'lint', '--config', join(PROJECT_ROOT, 'redocly.yaml')];
  args.push('--format', 'json', '--max-problems', '100000', file);
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  // The CLI exits 1 when it finds errors; its report is on stdout either way.
  const out = await run(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 }).catch(
    (err: { stdout?: string; stderr?: string }) => {
      if (!err.stdout) throw new Error(`redocly lint did not run: ${err.stderr ?? String(err)}`);
      return { stdout: err.stdout };
    },
  );
  return (JSON.parse(out.stdout) as { problems: LintProblem[] }).problems;
}

const operations = (): Array<{ key: string; method: string; op: Operation }> =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, op })),
  );

describe('the OpenAPI document', () => {
  it('has no error and no warning under Redocly’s rules', async () => {
    const problems = await lint(doc);
    const lines = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(lines).toEqual([]);
  }, 60_000);

  it('would be reported: the linter finds what is missing (the check can fail)', async () => {
    const broken = structuredClone(doc) as unknown as Record<string, unknown> & Document;
    const first = Object.values(Object.values(broken.paths)[0] ?? {})[0] as Operation;
    delete first.operationId;
    delete first.security;
    delete (broken as { servers?: unknown }).servers;
    broken.components.schemas.NoOneUsesThis = { type: 'string' };
    (broken.components.schemas.Action as { examples: Array<{ kind: string }> }).examples[0]!.kind = 'ratify';
    const rules = new Set((await lint(broken)).map((p) => p.ruleId));
    for (const rule of [
      'operation-operationId',
      'security-defined',
      'no-empty-servers',
      'no-unused-components',
    ])
      expect(rules, rule).toContain(rule);
  }, 60_000);

  it('names every operation once, as its use case', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const byKey = new Map(operations().map(({ key, op }) => [key, op.operationId]));
    expect(byKey.get('GET /api/instruments/{instrumentId}/status')).toBe('getInstrumentStatus');
    expect(byKey.get('POST /api/fund/payments')).toBe('recordPayment');
    expect(byKey.get('GET /api/fund/donors/{donorId}/statement')).toBe('getDonorStatement');
  });

  it('asks for credentials exactly where the policy table does', () => {
    for (const { key, op } of operations()) {
      const action = policyOf(key);
      if (POLICY[action].public) expect(op.security, key).toEqual([]);
      else expect(op.security, key).toEqual([{ bearer: [] }, { session: [] }]);
    }
  });

  it('documents errors as problem+json, and the request id on every answer', () => {
    for (const { key, op } of operations()) {
      expect(Object.keys(op.responses), key).toContain('401');
      expect(Object.keys(op.responses), key).toContain('default');
      for (const [status, answer] of Object.entries(op.responses)) {
        expect(answer.headers, `${key} ${status}`).toHaveProperty('X-Request-Id');
        if (status === 'default' || Number(status) >= 400)
          expect(Object.keys(answer.content ?? {}), `${key} ${status}`).toEqual(['application/problem+json']);
      }
    }
    const signIn = doc.paths['/api/auth/login']?.post;
    expect(Object.keys(signIn?.responses ?? {})).toContain('429');
    expect(signIn?.responses['429']?.headers).toHaveProperty('RateLimit-Policy');
  });

  it('gives examples of the main schemas (checked against them by the linter above)', () => {
    for (const name of Object.keys(SCHEMA_EXAMPLES))
      expect(doc.components.schemas[name], name).toHaveProperty('examples');
  });

  it('describes every tag it uses, and keeps only the schemas operations use', () => {
    const used = new Set(operations().flatMap(({ op }) => op.tags ?? []));
    expect(doc.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
    expect(API_TAGS.every((tag) => tag.description.length > 20)).toBe(true);
    const text = JSON.stringify(doc.paths);
    const schemaRefs = JSON.stringify(doc.components.schemas);
    for (const name of Object.keys(doc.components.schemas))
      expect(
        text.includes(`"#/components/schemas/${name}"`) ||
          schemaRefs.includes(`"#/components/schemas/${name}"`),
        name,
      ).toBe(true);
  });
});

/** The policy action of an operation: its route's. */
function policyOf(key: string): PolicyAction {
  const [method, path] = key.split(' ') as [string, string];
  const url = path.replace(/\{([^}]+)\}/g, ':$1');
  const policy = policies.get(`${method} ${url}`);
  if (!policy) throw new Error(`no policy action for ${key}`);
  return policy;
}

describe('what a route must declare for the document', () => {
  const table = (operationId: string, extra: Record<string, unknown> = {}) => [
    route({
      method: 'GET',
      url: '/api/example',
      operationId,
      policy: 'registry.read',
      schema: { tags: ['Treaty registry'], summary: 'x', response: { 200: z.object({}) }, ...extra },
      handler: async () => ({}),
    }),
  ];

  async function start(routes: ReturnType<typeof table>[]): Promise<void> {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    collectOpenApi(app, openApiOptions('http://localhost'));
    checkOperationIds(app);
    try {
      for (const r of routes) registerRoutes(app, r);
      await app.ready();
      app.swagger();
    } finally {
      await app.close();
    }
  }

  it('refuses a route without an operationId, with a bad one, or with one already taken', async () => {
    await expect(start([table('')])).rejects.toThrow(/names no operationId/);
    await expect(start([table('Get-Example')])).rejects.toThrow(/not lowerCamelCase/);
    const twice = table('getExample');
    const other = table('getExample').map((r) => ({ ...r, url: '/api/example/other' }));
    await expect(start([twice, other])).rejects.toThrow(/already GET \/api\/example's/);
  });

  it('lints clean with a deprecated operation, its Deprecation and Sunset headers documented', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    collectOpenApi(app, openApiOptions('http://localhost'));
    const [declared] = table('getExample');
    const deprecated = { since: '2026-07-01', sunset: '2027-01-01', instead: 'getOtherExample' };
    // Deprecated and signed-in (so that the document's security schemes are used).
    registerRoutes(app, [{ ...declared!, policy: 'audit.read', deprecated }]);
    try {
      await app.ready();
      const small = app.swagger() as unknown as Document & { components: { headers: object } };
      expect(Object.keys(small.components.headers)).toEqual(
        expect.arrayContaining(['Deprecation', 'Sunset']),
      );
      const problems = await lint(small);
      expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses a route that writes its own security', async () => {
    await expect(start([table('getExample', { security: [{ bearer: [] }] })])).rejects.toThrow(
      /derived from its policy action/,
    );
  });
});
