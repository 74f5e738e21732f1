// Shared pieces of the security suites: the application with every route it registered (method, URL and
// policy action, read from Fastify's own route options), the operations of its OpenAPI document, the
// principals of the authorization matrix, and a JSON-schema validator for the documented responses.
import diagnostics from 'node:diagnostics_channel';
import Ajv2020 from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Owner, Principal, Role } from '../../src/auth/domain/policy.ts';
import { createUser } from '../../src/auth/services/accounts.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { Store } from '../../src/db/database.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { thirtyPlusNinety, type Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { newKey } from '../funds/support.ts';
import { DONOR_X, DONOR_Y, fundRecords, fundValidBodies } from './fund-support.ts';
import { assistanceValidBodies } from './assistance-support.ts';
import { eventValidBodies } from './events-support.ts';
import { outcomeValidBodies } from './outcomes-support.ts';
import { delegationValidBodies } from './delegations-support.ts';
import { fundingValidBodies } from './event-funding-support.ts';
import { reportValidBodies, securityProducer } from './reports-support.ts';

// ---------------------------------------------------------------------------------------------------------
// The application and its routes

/** One route the application registered, as Fastify's onRoute hook saw it. */
export interface ServedRoute {
  method: string;
  /** Fastify's form: `/api/actions/:actionId`. */
  url: string;
  policy: string | undefined;
}

export interface SecurityApp {
  t: TestApp;
  routes: ServedRoute[];
  doc: OpenApiDoc;
}

/**
 * The test application, with every route it registered. Fastify publishes each new instance on the
 * `fastify.initialization` diagnostics channel before any plugin runs, so an onRoute hook added there
 * sees every route with its `config` — `findRoute` and `printRoutes` do not expose `config.policy`.
 */
export async function createSecurityApp(): Promise<SecurityApp> {
  const routes: ServedRoute[] = [];
  const onInit = (message: unknown): void => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods)
        routes.push({ method: String(method).toUpperCase(), url: route.url, policy: route.config?.policy });
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  let t: TestApp;
  try {
    t = await createTestApp({ app: { reportProducer: securityProducer } });
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInit);
  }
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
  return { t, routes, doc: res.json() as OpenApiDoc };
}

// ---------------------------------------------------------------------------------------------------------
// The OpenAPI document

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  summary?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  method: string;
  /** OpenAPI form: `/api/actions/{actionId}`. */
  path: string;
  op: OpenApiOperation;
  /** `POST /api/actions/{actionId}/corrections` */
  key: string;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const m = method.toUpperCase();
      out.push({ method: m, path, op, key: `${m} ${path}` });
    }
  }
  return out;
}

/** `/api/actions/{actionId}` → `/api/actions/:actionId` */
export const toFastifyPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ':$1');

/** Every `$ref` of the document (JSON pointers into the document itself). */
export function refsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else refsOf(v, into);
    }
  }
  return into;
}

export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The component schemas the document's `$ref`s point to. The served document is used as is when it holds
 * them; where it lacks some (see the "every $ref resolves" test), they are rebuilt from the zod registry
 * the same way @fastify/swagger would with `transformObject: jsonSchemaTransformObject`, so that
 * responses can still be checked against the schemas the routes declare.
 */
export function componentSchemas(doc: OpenApiDoc): Record<string, JsonSchema> {
  const served = doc.components?.schemas ?? {};
  const transform = jsonSchemaTransformObject as unknown as (input: {
    openapiObject: OpenApiDoc;
  }) => OpenApiDoc;
  const rebuilt = transform({ openapiObject: structuredClone(doc) }).components?.schemas ?? {};
  return { ...rebuilt, ...served };
}

/** Follows one `$ref` level (to a component); other schemas are returned unchanged. */
export function deref(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = components[name] ?? {};
  }
  return s;
}

/** The JSON schema of the operation's request body, when it takes JSON. */
export function jsonBodySchema(op: OpenApiOperation): JsonSchema | undefined {
  const content = op.requestBody?.content ?? {};
  for (const [type, media] of Object.entries(content)) if (/json/.test(type)) return media.schema ?? {};
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Documented responses

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/**
 * Validates response bodies against the documented schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 * `$ref`s to components are rewritten to schema ids so that every component is compiled once.
 */
export class ResponseValidator {
  private readonly ajv: InstanceType<typeof Ajv2020.default>;
  private readonly cache = new Map<string, Validate>();

  constructor(components: Record<string, JsonSchema>) {
    this.ajv = new Ajv2020.default({ strict: false, validateFormats: false, allErrors: false });
    for (const [name, schema] of Object.entries(components))
      this.ajv.addSchema(rewriteRefs({ ...schema, $id: `component:${name}` }) as JsonSchema);
  }

  /** The validator of `schema`, compiled once per key. */
  validator(key: string, schema: JsonSchema): Validate {
    let v = this.cache.get(key);
    if (!v) {
      v = this.ajv.compile(rewriteRefs(schema) as JsonSchema) as Validate;
      this.cache.set(key, v);
    }
    return v;
  }

  /** null when `body` matches; otherwise what does not. */
  check(key: string, schema: JsonSchema, body: unknown): string | null {
    const v = this.validator(key, schema);
    return v(body) ? null : this.ajv.errorsText(v.errors as never, { separator: '; ' });
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
          ? `component:${v.slice('#/components/schemas/'.length)}`
          : rewriteRefs(v);
    }
    return out;
  }
  return value;
}

/** The documented JSON schema of `status` (exact code, then `4XX`-style range, then `default`). */
export function documentedResponse(
  op: OpenApiOperation,
  status: number,
): { documented: boolean; schema: JsonSchema | null } {
  const responses = op.responses ?? {};
  const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!entry) return { documented: false, schema: null };
  for (const [type, media] of Object.entries(entry.content ?? {}))
    if (/json/.test(type)) return { documented: true, schema: media.schema ?? null };
  return { documented: true, schema: null };
}

/** A stack trace or a source path in a response body: internals that must never reach a client. */
export function leaksInternals(body: string): string | null {
  const patterns: RegExp[] = [
    /\bat [^\n]*?[/\\][^\s()]+\.(?:[cm]?[jt]s|node):\d+(?::\d+)?/, // "at fn (/path/file.ts:12:3)"
    /\bat (?:async )?[\w.<>$]+ \((?:node:|file:|\/)[^)]*\)/,
    /\b\w*Error: [^\n"]*(?:\/[\w.-]+){2,}\.(?:[cm]?[jt]s)/, // "TypeError: ... /src/x.ts"
    /node_modules[/\\]/,
    /\/src\/[\w/-]+\.ts\b/,
  ];
  for (const p of patterns) {
    const m = p.exec(body);
    if (m) return m[0];
  }
  // The directory the application runs from.
  if (body.includes(process.cwd())) return process.cwd();
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Principals

export type PrincipalKey =
  | 'admin'
  | 'fund_officer'
  | 'programme_officer'
  | 'focal_A'
  | 'focal_B'
  | 'donor_X'
  | 'donor_Y'
  | 'anonymous';

/** State A and State B of the matrix: two parties to UNTOC in the reference data. */
export const STATE_A = 'ARM';
export const STATE_B = 'GBR';

const PRINCIPAL_SPECS: Array<{ key: PrincipalKey; role?: Role; states?: string[]; donors?: string[] }> = [
  { key: 'admin', role: 'admin' },
  { key: 'fund_officer', role: 'fund_officer' },
  { key: 'programme_officer', role: 'programme_officer' },
  { key: 'focal_A', role: 'focal_point', states: [STATE_A] },
  { key: 'focal_B', role: 'focal_point', states: [STATE_B] },
  { key: 'donor_X', role: 'donor', donors: [DONOR_X] },
  { key: 'donor_Y', role: 'donor', donors: [DONOR_Y] },
  { key: 'anonymous' },
];

export interface MatrixPrincipal {
  key: PrincipalKey;
  /** What `decide()` is given for this caller; null when anonymous. */
  principal: Principal | null;
  /** Request headers that authenticate it. */
  headers: Record<string, string>;
}

/**
 * The eight callers of the matrix, as API tokens (machine clients: Secretariat roles need MFA only in
 * interactive sessions, so tokens reach every operation a session would).
 */
export async function createPrincipals(t: TestApp): Promise<MatrixPrincipal[]> {
  // Donors X and Y exist (with their fund records) before accounts act for them.
  await fundRecords(t);
  const out: MatrixPrincipal[] = [];
  for (const spec of PRINCIPAL_SPECS) {
    if (!spec.role) {
      out.push({ key: spec.key, principal: null, headers: {} });
      continue;
    }
    const { token } = await issueToken(t.ctx('test-setup'), {
      name: `matrix ${spec.key}`,
      role: spec.role,
      ...(spec.states ? { states: spec.states } : {}),
      ...(spec.donors ? { donors: spec.donors } : {}),
    });
    out.push({
      key: spec.key,
      principal: {
        userId: null,
        role: spec.role,
        states: spec.states ?? [],
        donors: spec.donors ?? [],
        via: 'token',
      },
      headers: { authorization: `Bearer ${token}` },
    });
  }
  return out;
}

/** One request of the authorization matrix. */
export interface MatrixRequest {
  url: string;
  payload?: string | Record<string, unknown>;
  contentType?: string;
}

/** A sample request of one operation in the matrix (per owner where the operation acts on an owner's record). */
export interface MatrixCase {
  label: string;
  /** Owners of the records the use case checks (`authorize()`); the caller needs every one of them. */
  owners?: Owner[];
  /** The kind of action recorded or corrected: focal points record statement kinds only. */
  kinds?: string[];
  /**
   * The operation works on the caller's interactive session (cookie): the policy lets anyone call it,
   * but a caller without a session is answered 401.
   */
  sessionOnly?: boolean;
  /**
   * Beyond the policy, who may see the record at all (an unpublished assessment or project: its State, the
   * donors funding it, the Secretariat); anyone else is answered 404, as if it did not exist.
   */
  visibleTo?: (principal: Principal | null) => boolean;
  /** The 2xx answer of an allowed caller. */
  ok: number;
  /** Text of the record a denial must not reveal. */
  secret?: string;
  build(): Promise<MatrixRequest>;
}

/** Headers every write may carry: fund writes need an Idempotency-Key (a new one per request). */
export const writeHeaders = (): Record<string, string> => ({ 'idempotency-key': newKey() });

// ---------------------------------------------------------------------------------------------------------
// Store

export async function auditCount(store: Store): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from audit_log`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0);
}

export function isProblem(res: Res): boolean {
  return /^application\/problem\+json/.test(String(res.headers['content-type'] ?? ''));
}

export function jsonOf(res: Res): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Valid JSON bodies

export type ValidBodies = Record<string, { url: string; body: Record<string, unknown> }>;

/**
 * A valid URL and body for every operation that takes JSON (keyed `METHOD /openapi/path`), with the
 * records its path parameters name created in `t`'s store. Tests that change one field of these show
 * that field's effect alone; every JSON operation of the document must have one here.
 */
export async function validJsonBodies(t: TestApp): Promise<ValidBodies> {
  const ctx = t.ctx('test-setup');
  const links = { mailer: { send: async () => undefined }, publicUrl: 'http://palermo.test' };
  await fundRecords(t); // donor X exists before an account acts for it
  const { user } = await createUser(
    ctx,
    {
      email: `target-${Math.random().toString(36).slice(2)}@example.org`,
      displayName: 'Target',
      role: 'donor',
      donors: [DONOR_X],
    },
    links,
  );
  const notification = {
    instrumentId: 'UNTOC',
    participantId: STATE_A,
    kind: 'notification' as const,
    date: '2025-01-10',
    article: '18(13)',
    source: 'test: tests/security',
  };
  const recorded = (await recordAction(ctx, notification)).action;
  if (!recorded) throw new Error('setup: the notification was not recorded');
  return {
    'POST /api/auth/login': {
      url: '/api/auth/login',
      body: { email: 'nobody@example.org', password: 'a long enough pass phrase' },
    },
    'POST /api/auth/mfa/verify': { url: '/api/auth/mfa/verify', body: { code: '123456' } },
    'POST /api/auth/password-reset': {
      url: '/api/auth/password-reset',
      body: { email: 'nobody@example.org' },
    },
    'POST /api/auth/password-reset/confirm': {
      url: '/api/auth/password-reset/confirm',
      body: { token: 'x'.repeat(43), password: 'a long enough pass phrase' },
    },
    'POST /api/auth/invitation/accept': {
      url: '/api/auth/invitation/accept',
      body: { token: 'x'.repeat(43), password: 'a long enough pass phrase' },
    },
    'POST /api/users': {
      url: '/api/users',
      body: { email: 'invitee@example.org', displayName: 'Invitee', role: 'donor', donors: [DONOR_X] },
    },
    'PATCH /api/users/{userId}': { url: `/api/users/${user.id}`, body: { displayName: 'Renamed' } },
    'POST /api/tokens': { url: '/api/tokens', body: { name: 'machine', role: 'donor', donors: [DONOR_X] } },
    'POST /api/instruments': { url: '/api/instruments', body: thirtyPlusNinety('MASSA') },
    'POST /api/actions': { url: '/api/actions', body: { ...notification, text: 'a valid notification' } },
    'POST /api/actions/{actionId}/corrections': {
      url: `/api/actions/${recorded.id}/corrections`,
      body: { reason: 'test', replacement: { ...notification, text: 'replacement' } },
    },
    'PUT /api/participants/{participantId}/obligations/completeness': {
      url: `/api/participants/${STATE_A}/obligations/completeness`,
      body: { completeSince: '2020-01-01', reason: 'test: tests/security' },
    },
    ...(await fundValidBodies(t)),
    ...(await assistanceValidBodies(t)),
    ...(await eventValidBodies(t)),
    ...(await outcomeValidBodies(t)),
    ...(await delegationValidBodies(t)),
    ...(await fundingValidBodies(t)),
    ...(await reportValidBodies(t)),
  };
}
