// The OpenAPI document as machine clients need it (docs/api.md): every operation named (its operationId,
// declared in the feature's route table), its security derived from its policy action (the policy table
// says who may call it, so the document cannot say otherwise), every answer it can give documented with
// problem+json for the errors, the headers every answer carries, tags described, and only the components
// the operations use. Checked by Redocly's recommended rules (tests/api/openapi-lint.test.ts).
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { POLICY, type PolicyAction } from '../auth/domain/policy.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/http.ts';
import { API_DOCUMENT_VERSION, type Deprecation } from '../http/versioning.ts';
import { SCHEMA_EXAMPLES } from './openapi-examples.ts';

/** The features' tags, in the order the documentation shows them. */
export const API_TAGS = [
  {
    name: 'Treaty registry',
    description:
      'Instruments, participants and the actions recorded on them (signatures, consents, declarations, notifications, denunciations), and the status of each instrument as at any date, computed from those actions.',
  },
  {
    name: 'Fund ledger',
    description:
      'The trust fund: donors, earmarks, pledges, payments, allocations and spending, as balanced ledger transactions in integer minor units, with statements and reconciliation.',
  },
  {
    name: 'Technical assistance',
    description:
      'Needs assessments provision by provision, assistance requests and offers, their matching, and the projects that fund and deliver them (IATI files included).',
  },
  {
    name: 'Events',
    description:
      'Conferences, seminars and sessions: invitations by note verbale, delegations and their review, documents, outcomes and commitments, and the funding of participation.',
  },
  {
    name: 'Notifications',
    description:
      'Depositary notifications: one for every action recorded, with its reference, in English and French; the list with a cursor to catch up from, and Atom feeds (all, per instrument, per participant) with conditional GET.',
  },
  {
    name: 'Obligations',
    description:
      "Each State's calendar of the notifications it owes the depositary under the Convention and its Protocols, whether each was made, its iCalendar feed, and the Secretariat's overdue list.",
  },
  {
    name: 'Reports',
    description:
      'Reports to the Commission: drafts kept version by version, previews, and frozen reports with their files.',
  },
  {
    name: 'Accounts and sessions',
    description:
      'Signing in (sessions with multi-factor authentication), password resets and invitations, users and API tokens.',
  },
  {
    name: 'Administration',
    description: 'The audit trail and the check of its hash chain.',
  },
] as const;

/** An operation name as generated clients use it: `getInstrumentStatus`, `recordPayment`. */
const OPERATION_ID = /^[a-z][A-Za-z0-9]*$/;

/**
 * Refuses, at start-up, an API route without an operationId, with one that is not lowerCamelCase, or with
 * one another route already has: a generated client could not name it.
 */
export function checkOperationIds(app: FastifyInstance): void {
  const seen = new Map<string, string>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD' || route.schema?.hide) return;
    const where = `${String(route.method)} ${route.url}`;
    const id = route.schema?.operationId;
    if (!id) throw new Error(`route ${where} names no operationId`);
    if (!OPERATION_ID.test(id)) throw new Error(`route ${where}: operationId "${id}" is not lowerCamelCase`);
    const other = seen.get(id);
    if (other !== undefined) throw new Error(`route ${where}: operationId "${id}" is already ${other}'s`);
    seen.set(id, where);
  });
}

/** What the document's finishing step needs to know of a route, carried on its operation and then removed. */
const FACTS = 'x-palermo-route';

interface RouteFacts {
  policy: PolicyAction;
  deprecation?: Deprecation;
}

type Json = Record<string, unknown>;

interface Operation extends Json {
  parameters?: Json[];
  requestBody?: Json;
  responses?: Record<string, Json>;
  [FACTS]?: RouteFacts;
}

interface Document extends Json {
  paths?: Record<string, Record<string, Operation>>;
  components?: Json & { schemas?: Record<string, unknown> };
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** Bearer token or session cookie: what a non-public operation accepts. */
const SIGNED_IN: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];

/**
 * Per route: the zod schemas as JSON Schema (fastify-type-provider-zod), and the security the policy table
 * gives its action, empty for a public one. A route may not write its own `security`: it would say twice
 * what the policy table already says, and the two could disagree.
 */
function transform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const result = jsonSchemaTransform(input);
  const schema = result.schema as Json | undefined;
  const policy = input.route.config?.policy;
  if (!schema || schema.hide || policy === undefined) return result;
  if (input.schema && 'security' in input.schema) {
    throw new Error(
      `route ${String(input.route.method)} ${input.url} declares security; it is derived from its policy action`,
    );
  }
  const deprecation = input.route.config?.deprecation;
  const facts: RouteFacts = deprecation ? { policy, deprecation } : { policy };
  const security = POLICY[policy].public ? [] : SIGNED_IN;
  // Extensions (x-…) are copied onto the operation by @fastify/swagger; finish() reads this one and removes it.
  return { url: result.url, schema: { ...schema, security, [FACTS]: facts } as typeof result.schema };
}

const PROBLEM_TYPE = 'application/problem+json';
const problemContent = { [PROBLEM_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };

/** What each answer means, for a client author reading the document. */
const ANSWERS: Record<string, string> = {
  '200': 'The answer.',
  '201': 'Created: the record as stored.',
  '202': 'Accepted: the work is done after the answer.',
  '204': 'Done; nothing to send back.',
  '304': 'Not modified: the copy whose ETag was sent in If-None-Match is still current.',
  '400':
    'The request cannot be read (its encoding, its address or its JSON, or a paging `cursor` or `limit`: `errors` names it).',
  '401': 'Not signed in, or the bearer token is unknown, revoked or expired.',
  '403':
    'Not allowed: the caller lacks the right, or a state change came from another site or without its CSRF token.',
  '404': 'No such record, or one the caller may not know of.',
  '409':
    'Conflict with the stored state: a record changed meanwhile, or an Idempotency-Key reused with another request.',
  '413': 'The request body is larger than this operation accepts.',
  '415': 'The request body is of a media type this operation does not take.',
  '422': 'Invalid input or a rule refused it: `errors` names each field and what is wrong.',
  '429':
    "Too many requests: this operation's limit per client, or the quota of the API token or account, is spent; wait the number of seconds in Retry-After.",
  '503':
    'The server is overloaded or a part it needs is unavailable: retry after the seconds in Retry-After.',
  default: 'An unexpected error: a bare problem with the request id to quote to support.',
};

const header = (name: string): Json => ({ $ref: `#/components/headers/${name}` });

/** Headers of the document's answers (components.headers). */
const HEADERS: Record<string, Json> = {
  ApiVersion: {
    description:
      'The major version of the API that answered (docs/api.md, "Versioning and deprecation"); the `/api/` paths are version 1.',
    schema: { type: 'string', example: '1' },
  },
  Deprecation: {
    description:
      'The operation is deprecated, since this instant (RFC 9745: `@<seconds since the epoch>`); its description says what to call instead.',
    schema: { type: 'string', example: '@1798761600' },
  },
  Sunset: {
    description: 'From this instant the deprecated operation may stop answering (RFC 8594, an HTTP-date).',
    schema: { type: 'string', example: 'Thu, 01 Jul 2027 00:00:00 GMT' },
  },
  RequestId: {
    description:
      'The id of this request, as the server logged it and the audit trail keeps it: quote it to support. A well-formed X-Request-Id sent with the request (a UUID) is used as is.',
    schema: { type: 'string', format: 'uuid' },
  },
  ETag: {
    description: 'Validator of this answer: send it back in If-None-Match to be answered 304 while it holds.',
    schema: { type: 'string' },
  },
  Link: {
    description:
      'RFC 8288: `<…>; rel="next"`, the next page of this list (the same as the body\'s `next` where it has one); absent on the last page (docs/api.md, Paging).',
    schema: { type: 'string', example: '</api/audit?limit=100&cursor=WzEwMF0>; rel="next"' },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1 },
  },
  RateLimit: {
    description:
      'What remains of each limit this request counted against: `"policy";r=<requests left>;t=<seconds until the window resets>`, comma-separated (IETF draft-ietf-httpapi-ratelimit-headers). Policies: `per-client` (this operation, per address), `per-token` (the API token), `per-account` (the signed-in account).',
    schema: { type: 'string', example: '"per-client";r=0;t=42, "per-token";r=1150;t=42' },
  },
  RateLimitPolicy: {
    description:
      'The limits this request counted against: `"policy";q=<requests>;w=<window in seconds>`, comma-separated (IETF draft-ietf-httpapi-ratelimit-headers).',
    schema: { type: 'string', example: '"per-client";q=10;w=60, "per-token";q=1200;w=60' },
  },
};

/** A deprecated operation's description says since when, until when, and what to call instead. */
function announce(op: Operation, d: Deprecation): void {
  const notice = `Deprecated since ${d.since}: use ${d.instead} instead. It may stop answering from ${d.sunset} (the Sunset header).`;
  op.description = typeof op.description === 'string' ? `${notice}\n\n${op.description}` : notice;
}

function addAnswer(responses: Record<string, Json>, status: string): void {
  if (responses[status]) return;
  responses[status] = status === '304' ? { description: '' } : { description: '', content: problemContent };
}

/** Every answer the operation can give, from what the route declares and what every route is subject to. */
function completeAnswers(method: string, op: Operation): void {
  const facts = op[FACTS];
  delete op[FACTS];
  const responses: Record<string, Json> = (op.responses ??= {});
  const query = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  const paged = query.has('cursor');
  if (facts) {
    const policy = POLICY[facts.policy];
    const writes = method !== 'get';
    // A bearer token that does not work is refused on every operation, public ones too.
    addAnswer(responses, '401');
    if (!policy.public || writes) addAnswer(responses, String(policy.public ? 403 : policy.denial));
    if (writes) addAnswer(responses, '403');
    if ((op.parameters?.length ?? 0) > 0 || op.requestBody) addAnswer(responses, '422');
    if (op.requestBody) {
      addAnswer(responses, '400');
      addAnswer(responses, '413');
      addAnswer(responses, '415');
    }
    // Any operation may be refused for a spent quota: a token's or account's counts every operation, and
    // some have a tighter limit per client of their own.
    addAnswer(responses, '429');
    if (facts.deprecation) announce(op, facts.deprecation);
    if (method === 'get' && responses['200']) addAnswer(responses, '304');
    // A list refuses a cursor or limit it cannot read with 400 (src/common/paging.ts, src/http/problem.ts).
    if (paged || query.has('limit')) addAnswer(responses, '400');
  }
  // Load shedding answers any operation with 503 (src/server/app.ts), and anything unforeseen is a 500.
  addAnswer(responses, '503');
  addAnswer(responses, 'default');
  for (const [status, answer] of Object.entries(responses)) {
    if (!answer.description || answer.description === 'Default Response')
      answer.description = ANSWERS[status] ?? `HTTP ${status}.`;
    const headers: Json = { 'X-Request-Id': header('RequestId'), 'API-Version': header('ApiVersion') };
    if (op.deprecated === true) {
      headers.Deprecation = header('Deprecation');
      headers.Sunset = header('Sunset');
    }
    if (status === '200' && method === 'get') headers.ETag = header('ETag');
    if (status === '200' && paged) headers.Link = header('Link');
    if (status === '429') {
      headers['Retry-After'] = header('RetryAfter');
      headers.RateLimit = header('RateLimit');
      headers['RateLimit-Policy'] = header('RateLimitPolicy');
    }
    if (status === '503') headers['Retry-After'] = header('RetryAfter');
    answer.headers = { ...headers, ...(answer.headers as Json | undefined) };
    // Errors are RFC 9457 problem+json, as src/http/problem.ts sends them, whatever the success's type.
    const content = answer.content as Record<string, unknown> | undefined;
    if ((status === 'default' || Number(status) >= 400) && content && !content[PROBLEM_TYPE]) {
      answer.content = { [PROBLEM_TYPE]: Object.values(content)[0] };
    }
  }
}

/** Every `$ref` under `value`. */
function refsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else refsIn(v, into);
    }
  }
}

/**
 * Keeps only the component schemas the operations use, directly or through another component: the zod
 * registry holds every schema given an id, some of which no operation answers with.
 */
function pruneSchemas(doc: Document): void {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const used = new Set<string>();
  const pending: unknown[] = [doc.paths, doc.components?.headers];
  while (pending.length > 0) {
    const refs = new Set<string>();
    refsIn(pending.pop(), refs);
    for (const ref of refs) {
      const name = ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : null;
      if (name === null || used.has(name)) continue;
      used.add(name);
      pending.push(schemas[name]);
    }
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

function finish(
  input: Parameters<typeof jsonSchemaTransformObject>[0],
): ReturnType<typeof jsonSchemaTransformObject> {
  const doc = jsonSchemaTransformObject(input) as Document;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) completeAnswers(method, op);
  }
  // Only the headers some answer names (Deprecation and Sunset only while an operation is deprecated).
  const named = new Set<string>();
  refsIn(doc.paths, named);
  const headers = Object.fromEntries(
    Object.entries(HEADERS).filter(([name]) => named.has(`#/components/headers/${name}`)),
  );
  doc.components = { ...doc.components, headers };
  pruneSchemas(doc);
  const schemas = doc.components.schemas ?? {};
  for (const schema of Object.values(schemas) as Json[]) {
    // zod writes each component as a document of its own ($schema, and an $id that is its own pointer):
    // inside the OpenAPI document they are neither needed (3.1's dialect is JSON Schema 2020-12) nor
    // helpful, as validators then resolve the components' $refs against that $id and fail.
    delete schema.$schema;
    delete schema.$id;
  }
  for (const [name, example] of Object.entries(SCHEMA_EXAMPLES)) {
    const schema = schemas[name] as Json | undefined;
    if (schema) schema.examples = [example];
  }
  return doc as ReturnType<typeof jsonSchemaTransformObject>;
}

/** The options the document is built with (src/server/docs.ts). */
export function openApiOptions(publicUrl: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Palermo API',
        description:
          'Treaty registry for the UN Convention against Transnational Organized Crime and its Protocols (GA resolution 56/120), its trust fund, technical assistance, events and reports. Errors are RFC 9457 problem+json; every answer carries an X-Request-Id. The guide for client authors is docs/api.md.',
        version: API_DOCUMENT_VERSION,
        contact: { name: 'The Secretariat running this Palermo server', url: publicUrl },
        // The project has not chosen a licence yet (docs/api.md says so): the documentation is where a client
        // author reads the terms until it does.
        license: {
          name: 'None chosen yet: all rights reserved until the project publishes a licence',
          url: `${publicUrl}/docs`,
        },
      },
      servers: [{ url: '/', description: 'The server this document was fetched from' }],
      tags: API_TAGS.map((t) => ({ ...t })),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token issued by an administrator (POST /api/tokens): `Authorization: Bearer <token>`. It acts with its role, States and donors until it expires or is revoked.',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: `The session cookie set at sign-in (web application). A state change sent with it must also carry the session's CSRF token in the ${CSRF_HEADER} header.`,
          },
        },
      },
    },
    transform: transform as FastifyDynamicSwaggerOptions['transform'],
    transformObject: finish as FastifyDynamicSwaggerOptions['transformObject'],
  };
}
