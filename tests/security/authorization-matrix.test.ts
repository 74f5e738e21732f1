// The authorization matrix, generated from the OpenAPI document: every operation × eight callers (admin,
// fund officer, programme officer, focal points of State A and State B, donors X and Y, anonymous) × the
// owner of the record where the operation has one. Each cell's answer must agree with `decide()` in
// src/auth/domain/policy.ts (plus the focal-point kind rule of the registry): the code follows the table.
// And the table itself, and every answer, must match the reviewed copy in authorization-matrix.golden.txt:
// a wrong grant in the table cannot pass unnoticed, it shows as a diff to review (matrix-golden.ts says how
// to regenerate it). Every operation must have a sample request here: a new route cannot escape the matrix.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decide,
  POLICY,
  SECRETARIAT_ROLES,
  type Owner,
  type PolicyAction,
} from '../../src/auth/domain/policy.ts';
import { createUser, requestPasswordReset, type Mailer } from '../../src/auth/services/accounts.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { STATEMENT_KINDS } from '../../src/treaties/domain/types.ts';
import { ACTION_CSV_COLUMNS } from '../../src/treaties/services/import-csv.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { thirtyPlusNinety, type Res } from '../helpers/api.ts';
import { STORE_KIND } from '../helpers/store.ts';
import {
  createPrincipals,
  createSecurityApp,
  isProblem,
  jsonOf,
  operationsOf,
  STATE_A,
  STATE_B,
  toFastifyPath,
  writeHeaders,
  type MatrixCase,
  type MatrixPrincipal,
  type Operation,
  type SecurityApp,
} from './support.ts';
import { DONOR_X, DONOR_Y, foreignDonorRows, fundSamples } from './fund-support.ts';
import { answerLines, expectGolden, policyLines, type AnswerRow } from './matrix-golden.ts';
import { assistanceLeaks, assistanceSamples } from './assistance-support.ts';
import { eventSamples, PRIVATE_EVENT_TITLE, seesPrivateEvent } from './events-support.ts';
import { outcomeSamples } from './outcomes-support.ts';
import { delegationSamples } from './delegations-support.ts';
import { fundingSamples } from './event-funding-support.ts';
import { DRAFT_REPORT_TEXT, reportSamples } from './reports-support.ts';

let s: SecurityApp;
let principals: MatrixPrincipal[];
let operations: Operation[];

/** Mail sent by the use cases this file calls directly (invitation and reset links). */
const mailbox: Array<{ to: string; text: string }> = [];
const mailer: Mailer = { send: async (m) => void mailbox.push(m) };
const links = { mailer, publicUrl: 'http://palermo.test' };

const LOGIN_EMAIL = 'matrix-login@example.org';
const LOGIN_PASSWORD = 'a long enough pass phrase for the matrix';
const RESET_EMAIL = 'matrix-reset@example.org';
/** An instrument whose signature window is open on the test day, so a signature is accepted (dry run). */
const OPEN_INSTRUMENT = 'SECOPEN';

let patchTargetId = '';
const actionOf: Record<'A' | 'B', number> = { A: 0, B: 0 };

let serial = 0;
const fresh = (): number => ++serial;

// ---------------------------------------------------------------------------------------------------------
// Samples: one valid request per operation (per owner where the operation acts on a State's record)

type Case = MatrixCase;

const A: Owner = { state: STATE_A };
const B: Owner = { state: STATE_B };
const ownerName = (o: Owner): 'A' | 'B' => (o.state === STATE_A ? 'A' : 'B');

function notification(owner: Owner, text: string): Record<string, unknown> {
  return {
    instrumentId: 'UNTOC',
    participantId: owner.state,
    kind: 'notification',
    date: '2025-01-10',
    article: '18(13)',
    text,
    source: 'test: authorization-matrix.test.ts',
  };
}

/** A notification of `owner`, recorded by the Secretariat: the record a correction acts on. */
async function recordedNotification(owner: Owner, text: string): Promise<number> {
  const { action } = await recordAction(s.t.ctx('test-setup'), notification(owner, text) as never);
  if (!action) throw new Error('setup: the notification was not recorded');
  return action.id;
}

function linkSecret(to: string): string {
  const m = [...mailbox].reverse().find((x) => x.to === to);
  const secret = m?.text.match(/#([A-Za-z0-9_-]{20,})/)?.[1];
  if (!secret) throw new Error(`setup: no link was mailed to ${to}`);
  return secret;
}

const both = (f: (o: Owner) => Case): Case[] => [A, B].map(f);

const SAMPLES: Record<string, () => Case[]> = {
  // The fund ledger: every read and write, donor X's and donor Y's records (tests/security/fund-support.ts)
  ...fundSamples(() => s.t, fresh),
  // Technical assistance: States A and B's confidential records (tests/security/assistance-support.ts)
  ...assistanceSamples(() => s.t, fresh),
  // Events: a public event, and a non-public one only State A was invited to (tests/security/events-support.ts)
  ...eventSamples(() => s.t, fresh),
  ...outcomeSamples(() => s.t, fresh),
  ...delegationSamples(() => s.t, fresh),
  ...fundingSamples(() => s.t),
  // Reports: a frozen report anyone reads, a draft only the Secretariat sees (tests/security/reports-support.ts)
  ...reportSamples(() => s.t),

  // Accounts and sessions
  'POST /api/auth/login': () => [
    {
      label: '',
      ok: 200,
      build: async () => ({
        url: '/api/auth/login',
        payload: { email: LOGIN_EMAIL, password: LOGIN_PASSWORD },
      }),
    },
  ],
  'POST /api/auth/mfa/enrol': () => [
    { label: '', ok: 200, sessionOnly: true, build: async () => ({ url: '/api/auth/mfa/enrol' }) },
  ],
  'POST /api/auth/mfa/verify': () => [
    {
      label: '',
      ok: 200,
      sessionOnly: true,
      build: async () => ({ url: '/api/auth/mfa/verify', payload: { code: '123456' } }),
    },
  ],
  'POST /api/auth/logout': () => [{ label: '', ok: 204, build: async () => ({ url: '/api/auth/logout' }) }],
  'GET /api/auth/me': () => [{ label: '', ok: 200, build: async () => ({ url: '/api/auth/me' }) }],
  'POST /api/auth/password-reset': () => [
    {
      label: '',
      ok: 202,
      build: async () => ({ url: '/api/auth/password-reset', payload: { email: RESET_EMAIL } }),
    },
  ],
  'POST /api/auth/password-reset/confirm': () => [
    {
      label: '',
      ok: 204,
      build: async () => {
        await requestPasswordReset(s.t.ctx('test-setup'), RESET_EMAIL, links);
        return {
          url: '/api/auth/password-reset/confirm',
          payload: { token: linkSecret(RESET_EMAIL), password: `new pass phrase number ${fresh()}` },
        };
      },
    },
  ],
  'POST /api/auth/invitation/accept': () => [
    {
      label: '',
      ok: 204,
      build: async () => {
        const email = `matrix-invited-${fresh()}@example.org`;
        await createUser(
          s.t.ctx('test-setup'),
          { email, displayName: 'Invited', role: 'donor', donors: [DONOR_X] },
          links,
        );
        return {
          url: '/api/auth/invitation/accept',
          payload: { token: linkSecret(email), password: 'an accepted pass phrase' },
        };
      },
    },
  ],

  // Administration
  'GET /api/users': () => [{ label: '', ok: 200, build: async () => ({ url: '/api/users' }) }],
  'POST /api/users': () => [
    {
      label: '',
      ok: 201,
      build: async () => ({
        url: '/api/users',
        payload: {
          email: `matrix-new-${fresh()}@example.org`,
          displayName: 'New',
          role: 'programme_officer',
        },
      }),
    },
  ],
  'PATCH /api/users/{userId}': () => [
    {
      label: '',
      ok: 200,
      build: async () => ({
        url: `/api/users/${patchTargetId}`,
        payload: { displayName: `Renamed ${fresh()}` },
      }),
    },
  ],
  'POST /api/users/{userId}/unlock': () => [
    { label: '', ok: 200, build: async () => ({ url: `/api/users/${patchTargetId}/unlock` }) },
  ],
  'GET /api/tokens': () => [{ label: '', ok: 200, build: async () => ({ url: '/api/tokens' }) }],
  'POST /api/tokens': () => [
    {
      label: '',
      ok: 201,
      build: async () => ({
        url: '/api/tokens',
        payload: { name: `matrix issued ${fresh()}`, role: 'donor', donors: [DONOR_X] },
      }),
    },
  ],
  'DELETE /api/tokens/{tokenId}': () => [
    {
      label: '',
      ok: 200,
      build: async () => {
        const { view } = await issueToken(s.t.ctx('test-setup'), {
          name: `to revoke ${fresh()}`,
          role: 'admin',
        });
        return { url: `/api/tokens/${view.id}` };
      },
    },
  ],
  'GET /api/audit': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/audit?after=0&limit=5' }) },
  ],
  'GET /api/audit/verification': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/audit/verification' }) },
  ],

  // Treaty registry: reads
  'GET /api/instruments': () => [{ label: '', ok: 200, build: async () => ({ url: '/api/instruments' }) }],
  'GET /api/instruments/{instrumentId}': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/instruments/UNTOC' }) },
  ],
  'GET /api/instruments/{instrumentId}/status': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/instruments/UNTOC/status?asOf=2025-01-01' }) },
  ],
  'GET /api/instruments/{instrumentId}/status.csv': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/instruments/UNTOC/status.csv?asOf=2025-01-01' }) },
  ],
  'GET /api/instruments/{instrumentId}/status.xlsx': () => [
    {
      label: '',
      ok: 200,
      build: async () => ({ url: '/api/instruments/UNTOC/status.xlsx?asOf=2025-01-01' }),
    },
  ],
  'GET /api/instruments/{instrumentId}/annotations': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/instruments/UNTOC/annotations' }) },
  ],
  'GET /api/dashboard': () => [{ label: '', ok: 200, build: async () => ({ url: '/api/dashboard' }) }],
  'GET /api/geo/countries': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/geo/countries' }) },
  ],
  'GET /api/status.csv': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/status.csv?asOf=2025-01-01' }) },
  ],
  'GET /api/instruments/{instrumentId}/changes': () => [
    {
      label: '',
      ok: 200,
      build: async () => ({ url: '/api/instruments/UNTOC/changes?from=2003-01-01&to=2025-01-01' }),
    },
  ],
  'GET /api/instruments/{instrumentId}/participants/{participantId}': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/instruments/UNTOC/participants/${o.state}` }),
    })),
  'GET /api/instruments/{instrumentId}/actions': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/instruments/UNTOC/actions' }) },
  ],
  'GET /api/actions': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/actions?participant=ARM&limit=5' }) },
  ],
  'GET /api/instruments/{instrumentId}/statements': () => [
    {
      label: '',
      ok: 200,
      build: async () => ({ url: '/api/instruments/UNTOC/statements?kind=reservation' }),
    },
  ],
  'GET /api/participants/{participantId}/statements': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/participants/${o.state}/statements` }),
    })),
  'GET /api/participants/{participantId}/dispute-settlement': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/participants/${o.state}/dispute-settlement?with=CHN` }),
    })),
  'GET /api/participants': () => [{ label: '', ok: 200, build: async () => ({ url: '/api/participants' }) }],
  'GET /api/participants/{participantId}': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/participants/${o.state}` }),
    })),
  'GET /api/actions/{actionId}': () =>
    both((o) => ({
      label: `State ${ownerName(o)}'s action`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/actions/${actionOf[ownerName(o)]}` }),
    })),

  // Treaty registry: writes
  'POST /api/instruments': () => [
    {
      label: '',
      ok: 201,
      build: async () => ({ url: '/api/instruments', payload: thirtyPlusNinety(`SECM${fresh()}`) }),
    },
  ],
  'POST /api/actions': () => [
    // A statement (notification under art. 18(13)), really written: focal points may record their own.
    ...both((o): Case => ({
      label: `notification of State ${ownerName(o)}`,
      owners: [o],
      kinds: ['notification'],
      ok: 201,
      build: async () => ({
        url: '/api/actions',
        payload: notification(o, `matrix notification ${fresh()}`),
      }),
    })),
    // A deposit (signature), previewed: recorded by the Secretariat only, never by a focal point.
    ...both((o): Case => ({
      label: `signature of State ${ownerName(o)} (dry run)`,
      owners: [o],
      kinds: ['signature'],
      ok: 200,
      build: async () => ({
        url: '/api/actions?dryRun=true',
        payload: {
          instrumentId: OPEN_INSTRUMENT,
          participantId: o.state,
          kind: 'signature',
          date: '2026-06-01',
          source: 'test: authorization-matrix.test.ts',
        },
      }),
    })),
  ],
  'POST /api/actions/{actionId}/corrections': () => [
    ...both((o): Case => {
      const secret = `confidential-looking text ${ownerName(o)}-${fresh()}`;
      return {
        label: `void State ${ownerName(o)}'s notification`,
        owners: [o],
        kinds: ['notification'],
        ok: 201,
        secret,
        build: async () => ({
          url: `/api/actions/${await recordedNotification(o, `${secret}-${fresh()}`)}/corrections`,
          payload: { reason: 'test: entered twice' },
        }),
      };
    }),
    {
      // Moving a record to another State needs both: the original's and the replacement's owner.
      label: "replace State A's notification with State B's",
      owners: [A, B],
      kinds: ['notification'],
      ok: 201,
      build: async () => ({
        url: `/api/actions/${await recordedNotification(A, `to move ${fresh()}`)}/corrections`,
        payload: {
          reason: 'test: wrong State',
          replacement: notification(B, `moved ${fresh()}`),
        },
      }),
    },
  ],
  'POST /api/imports/participant-table': () => [
    {
      label: '',
      ok: 200,
      build: async () => {
        const lines = readFileSync(new URL('../../reference/participants-untoc.csv', import.meta.url), 'utf8')
          .split('\n')
          .filter((l, i) => i === 0 || l.split(',')[1] === STATE_A);
        return {
          url: '/api/imports/participant-table?instrumentId=UNTOC',
          contentType: 'text/csv',
          payload: `${lines.join('\n')}\n`,
        };
      },
    },
  ],
  'POST /api/imports/actions': () => [
    {
      label: '',
      ok: 200,
      build: async () => {
        const row: Record<string, string> = {
          instrument: 'UNTOC',
          participant: STATE_A,
          kind: 'notification',
          date: '2025-02-10',
          article: '18(13)',
          text: 'imported by the matrix',
          source: 'test: authorization-matrix.test.ts',
        };
        const line = ACTION_CSV_COLUMNS.map((c) => row[c] ?? '').join(',');
        return {
          url: '/api/imports/actions',
          contentType: 'text/csv',
          payload: `${ACTION_CSV_COLUMNS.join(',')}\n${line}\n`,
        };
      },
    },
  ],
  // Depositary notifications: public reads (the history's notices exist from the reference data)
  'GET /api/notifications': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/notifications?limit=2' }) },
  ],
  'GET /api/notifications/{id}': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/notifications/1' }) },
  ],
  'GET /api/notifications.atom': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/notifications.atom' }) },
  ],
  'GET /api/instruments/{id}/notifications.atom': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/instruments/UNTOC/notifications.atom' }) },
  ],
  'GET /api/participants/{id}/notifications.atom': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/participants/FRA/notifications.atom' }) },
  ],
  // The obligations calendar: a State's own (its focal point and the Secretariat), what it made (public),
  // the Secretariat's overdue list and the completeness date it sets.
  'GET /api/participants/{participantId}/obligations': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/participants/${o.state}/obligations` }),
    })),
  'GET /api/participants/{participantId}/obligations.ics': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/participants/${o.state}/obligations.ics` }),
    })),
  'GET /api/participants/{participantId}/obligations/made': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({ url: `/api/participants/${o.state}/obligations/made` }),
    })),
  'GET /api/obligations/overdue': () => [
    { label: '', ok: 200, build: async () => ({ url: '/api/obligations/overdue?instrument=UNTOC' }) },
  ],
  'PUT /api/participants/{participantId}/obligations/completeness': () =>
    both((o) => ({
      label: `State ${ownerName(o)}`,
      owners: [o],
      ok: 200,
      build: async () => ({
        url: `/api/participants/${o.state}/obligations/completeness`,
        payload: { completeSince: '2020-01-01', reason: `test: matrix ${fresh()}` },
      }),
    })),
};

// ---------------------------------------------------------------------------------------------------------
// Expected answers, from the policy table

interface Expected {
  allowed: boolean;
  status: number;
  why: string;
}

function expectedOf(p: MatrixPrincipal, action: PolicyAction, c: Case): Expected {
  // The preHandler: the route's action, no owner.
  const first = decide(p.principal, action);
  if (!first.allowed) return { allowed: false, status: first.status, why: first.reason };
  if (c.sessionOnly) return { allowed: false, status: 401, why: 'needs an interactive session' };
  // The use case: every record it touches.
  for (const owner of c.owners ?? []) {
    const d = decide(p.principal, action, owner);
    if (!d.allowed) return { allowed: false, status: d.status, why: d.reason };
  }
  // Confidential records: who may see them at all, beyond the action's policy (404 for everyone else).
  if (c.visibleTo && !c.visibleTo(p.principal))
    return { allowed: false, status: 404, why: 'a confidential record of another State or donor' };
  // The registry's rule on top of the policy: focal points record statements, not deposits.
  if (
    p.principal?.role === 'focal_point' &&
    (c.kinds ?? []).some((k) => !(STATEMENT_KINDS as readonly string[]).includes(k))
  ) {
    return { allowed: false, status: 403, why: 'deposits are recorded by the Secretariat' };
  }
  return { allowed: true, status: c.ok, why: 'allowed' };
}

// ---------------------------------------------------------------------------------------------------------
// Confidential rows in list answers

/**
 * Rows of a list answer that the caller must not see: objects marked confidential (`confidential: true`
 * or `visibility: 'confidential'`) owned by a State or donor the caller does not act for. Secretariat
 * roles see every row. Nothing in the registry is confidential today, so on today's data this finds
 * nothing by construction; it is written generically so that the first confidential rows (assistance
 * requests, say) are checked by every list operation of the matrix without a new test.
 */
function foreignConfidentialRows(body: unknown, p: MatrixPrincipal): unknown[] {
  const found: unknown[] = [];
  const secretariat = p.principal !== null && SECRETARIAT_ROLES.includes(p.principal.role);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.confidential === true || o.visibility === 'confidential') {
      const state = o.participantId ?? o.stateId ?? o.state;
      const donor = o.donorId ?? o.donor;
      const mine =
        (typeof state === 'string' && (p.principal?.states ?? []).includes(state)) ||
        (typeof donor === 'string' && (p.principal?.donors ?? []).includes(donor));
      if (!secretariat && !mine) found.push(o);
    }
    for (const x of Object.values(o)) walk(x);
  };
  walk(body);
  return found;
}

// ---------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  s = await createSecurityApp();
  operations = operationsOf(s.doc);
  principals = await createPrincipals(s.t);
  const ctx = s.t.ctx('test-setup');
  await createUser(
    ctx,
    {
      email: LOGIN_EMAIL,
      displayName: 'Login',
      role: 'focal_point',
      states: [STATE_A],
      password: LOGIN_PASSWORD,
    },
    links,
  );
  await createUser(
    ctx,
    {
      email: RESET_EMAIL,
      displayName: 'Reset',
      role: 'donor',
      donors: [DONOR_Y],
      password: 'the first pass phrase',
    },
    links,
  );
  patchTargetId = (
    await createUser(
      ctx,
      { email: 'matrix-patch@example.org', displayName: 'Patch', role: 'donor', donors: [DONOR_X] },
      links,
    )
  ).user.id;
  const defined = await s.t.app.inject({
    method: 'POST',
    url: '/api/instruments',
    headers: s.t.auth,
    payload: thirtyPlusNinety(OPEN_INSTRUMENT, {
      adoptedOn: '2025-01-01',
      signatureOpensOn: '2025-01-01',
      signatureClosesOn: '2030-12-31',
    }),
  });
  if (defined.statusCode !== 201) throw new Error(`setup: ${defined.body}`);
  actionOf.A = await recordedNotification(A, 'read by the matrix (A)');
  actionOf.B = await recordedNotification(B, 'read by the matrix (B)');
});

afterAll(async () => {
  await s?.t.close();
});

describe(`authorization matrix from /openapi.json (${STORE_KIND})`, () => {
  it('every documented operation is served, names a known policy action and has a sample request', () => {
    const problems: string[] = [];
    expect(operations.length).toBeGreaterThan(0);
    for (const o of operations) {
      const route = s.routes.find((r) => r.method === o.method && r.url === toFastifyPath(o.path));
      if (!route) problems.push(`${o.key}: documented but not served`);
      else if (!route.policy) problems.push(`${o.key}: names no policy action`);
      else if (!(route.policy in POLICY)) problems.push(`${o.key}: unknown policy action "${route.policy}"`);
      if (!SAMPLES[o.key]) problems.push(`${o.key}: no sample request in authorization-matrix.test.ts`);
    }
    for (const key of Object.keys(SAMPLES))
      if (!operations.some((o) => o.key === key))
        problems.push(`${key}: sample for an undocumented operation`);
    expect(problems).toEqual([]);
  });

  it('every /api route the application serves is in the document', () => {
    const documented = new Set(operations.map((o) => `${o.method} ${toFastifyPath(o.path)}`));
    const undocumented = s.routes
      .filter((r) => (r.url === '/api' || r.url.startsWith('/api/')) && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !documented.has(k));
    expect(undocumented).toEqual([]);
    // HEAD routes are Fastify's automatic twins of GET routes: they carry the same policy.
    for (const r of s.routes.filter((x) => x.method === 'HEAD' && x.url.startsWith('/api/'))) {
      const get = s.routes.find((x) => x.method === 'GET' && x.url === r.url);
      expect(get?.policy, `HEAD ${r.url}`).toBe(r.policy);
    }
  });

  it('the policy table is the reviewed one (authorization-matrix.golden.txt)', () => {
    expectGolden('policy', policyLines());
  });

  it('every cell (operation × caller × owner) is answered as the policy decides, and as reviewed', async () => {
    const rows: Array<Record<string, string>> = [];
    const answers: AnswerRow[] = [];
    const mismatches: string[] = [];
    let cells = 0;
    for (const o of operations) {
      const action = s.routes.find((r) => r.method === o.method && r.url === toFastifyPath(o.path))
        ?.policy as PolicyAction | undefined;
      const sample = SAMPLES[o.key];
      if (!action || !sample) continue; // reported by the first test
      for (const c of sample()) {
        const row: Record<string, string> = { operation: `${o.key}${c.label ? ` [${c.label}]` : ''}` };
        const answer: AnswerRow = { path: o.path, method: o.method, label: c.label, action, statuses: {} };
        for (const p of principals) {
          cells++;
          const exp = expectedOf(p, action, c);
          const req = await c.build();
          const res: Res = await s.t.app.inject({
            method: o.method as 'GET',
            url: req.url,
            headers: {
              ...p.headers,
              ...writeHeaders(),
              ...(req.contentType ? { 'content-type': req.contentType } : {}),
            },
            ...(req.payload !== undefined ? { payload: req.payload } : {}),
          });
          const got = res.statusCode;
          answer.statuses[p.key] = got;
          const wrong: string[] = [];
          if (exp.allowed) {
            if (got === 401 || got === 403) wrong.push(`allowed (${exp.why}) but refused ${got}`);
            else if (got !== exp.status) wrong.push(`allowed: expected ${exp.status}, got ${got}`);
            const leaked = foreignConfidentialRows(jsonOf(res), p);
            if (leaked.length > 0) wrong.push(`${leaked.length} confidential row(s) of others`);
            const foreign = action === 'fund.read' ? foreignDonorRows(jsonOf(res), p.principal) : [];
            const secrets = assistanceLeaks(res.body, p.principal);
            if (secrets.length > 0) wrong.push(`shows assistance records of others: ${secrets.join(', ')}`);
            if (!seesPrivateEvent(p.principal) && res.body.includes(PRIVATE_EVENT_TITLE))
              wrong.push('shows an event its caller may not see');
            if (
              !SECRETARIAT_ROLES.includes(p.principal?.role ?? 'donor') &&
              res.body.includes(DRAFT_REPORT_TEXT)
            )
              wrong.push('shows a draft report to the public');
            if (foreign.length > 0) wrong.push(`${foreign.length} row(s) of another donor`);
          } else {
            if (got !== exp.status) wrong.push(`denied (${exp.why}): expected ${exp.status}, got ${got}`);
            if (!isProblem(res))
              wrong.push(`denial is not problem+json (${String(res.headers['content-type'])})`);
            const body = jsonOf(res) as Record<string, unknown> | undefined;
            if (body?.status !== got) wrong.push('problem.status differs from the HTTP status');
            const extra = Object.keys(body ?? {}).filter(
              (k) => !['type', 'title', 'status', 'detail', 'instance', 'errors'].includes(k),
            );
            if (extra.length > 0) wrong.push(`denial carries ${extra.join(', ')}`);
            if (c.secret && res.body.includes(c.secret)) wrong.push('denial reveals the record');
          }
          row[p.key] = wrong.length === 0 ? String(got) : `${got}≠${exp.status}`;
          if (wrong.length > 0)
            mismatches.push(`${row.operation} × ${p.key}: ${wrong.join('; ')} — ${res.body.slice(0, 200)}`);
        }
        rows.push(row);
        answers.push(answer);
      }
    }
    expectGolden(
      'answers',
      answerLines(
        principals.map((p) => p.key),
        answers,
      ),
    );
    if (mismatches.length > 0) {
      console.log(`authorization matrix (${STORE_KIND}), cells "got≠expected" are wrong:`);
      console.table(rows);
    }
    expect(mismatches).toEqual([]);
    // 32 operations today; every one has at least one case, owner-bearing ones two or three.
    expect(cells).toBeGreaterThanOrEqual(operations.length * principals.length);
  }, 180_000);

  it('operations on the interactive session are reachable with one (a signed-in focal point)', async () => {
    const login = await s.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: LOGIN_EMAIL, password: LOGIN_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name.startsWith('__Host-'));
    const { csrfToken } = login.json() as { csrfToken: string };
    const headers = { cookie: `${cookie?.name}=${cookie?.value}`, 'x-csrf-token': csrfToken };
    const enrol = await s.t.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const verify = await s.t.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers,
      payload: { code: '000000' },
    });
    // A wrong code: refused as input (422), not as a matter of permission.
    expect(verify.statusCode, verify.body).toBe(422);
    // The session acts within its policy: its own State, not another's.
    const own = await s.t.app.inject({
      method: 'POST',
      url: '/api/actions?dryRun=true',
      headers,
      payload: notification(A, 'session dry run'),
    });
    expect(own.statusCode, own.body).toBe(200);
    const other = await s.t.app.inject({
      method: 'POST',
      url: '/api/actions?dryRun=true',
      headers,
      payload: notification(B, 'session dry run'),
    });
    expect(other.statusCode, other.body).toBe(403);
  });

  it('the confidential-row check finds rows of others (so that it can fail)', () => {
    const focalA = principals.find((p) => p.key === 'focal_A') as MatrixPrincipal;
    const admin = principals.find((p) => p.key === 'admin') as MatrixPrincipal;
    const body = {
      requests: [
        { id: 1, participantId: STATE_A, confidential: true },
        { id: 2, participantId: STATE_B, confidential: true },
        { id: 3, participantId: STATE_B, confidential: false },
      ],
    };
    expect(foreignConfidentialRows(body, focalA)).toEqual([body.requests[1]]);
    expect(foreignConfidentialRows(body, admin)).toEqual([]);
  });
});
