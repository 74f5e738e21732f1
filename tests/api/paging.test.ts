// Every list that can grow pages the same way (docs/api.md "Paging"): walked with a small limit, following
// the Link header (the body's `next` must say the same), the pages concatenate to the list
// as one read gives it, with no row twice and none missed, even when rows are added between two fetches;
// the Link header says what the body's `next` says; a malformed cursor or an out-of-range limit is a 400
// problem naming the parameter. On both stores (DATABASE_URL for PostgreSQL).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getAllPages } from '../../web/src/api.ts';
import { encodeCursor, PAGE_MAX } from '../../src/common/paging.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { approvedRequest, assistanceApi, projectOf, type AssistanceApi } from '../assistance/support.ts';
import type { Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let api: AssistanceApi;
let writes = 0;

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.auth });

async function post(url: string, payload: Record<string, unknown>): Promise<Res> {
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { ...t.auth, 'idempotency-key': `paging-${process.pid}-${++writes}` },
    payload,
  });
  expect(res.statusCode, `POST ${url}: ${res.body}`).toBe(201);
  return res;
}

/** A notification of ARM under article 18(13): an action, its audit rows and its depositary notification. */
const recordAction = () =>
  post('/api/actions', {
    instrumentId: 'UNTOC',
    participantId: 'ARM',
    kind: 'notification',
    date: '2026-01-10',
    article: '18(13)',
    source: `test: paging.test.ts ${writes}`,
  });

const payment = () =>
  post('/api/fund/payments', {
    donorId: 'ITA',
    receivedOn: '2026-02-01',
    currency: 'USD',
    amount: '1000.00',
    earmarkId: 'GENERAL',
  });

const draftRequest = () =>
  post('/api/assistance/requests', {
    participantId: 'GHA',
    kind: 'implementation',
    provisions: ['UNTOC 5'],
    title: `Drafting ${writes}`,
    description: 'Legislative drafting and training.',
    assistance: ['legislative_drafting'],
    estimatedCost: '100000.00',
    requestedOn: '2026-03-02',
  });

let eventDay = 1;
const event = () =>
  post('/api/events', {
    kind: 'pre_ratification_seminar',
    title: `Seminar ${writes}`,
    // Late in the calendar, so a new event sorts after every one already paged past.
    start: `2030-01-${String(eventDay).padStart(2, '0')}`,
    end: `2030-01-${String(eventDay++).padStart(2, '0')}`,
    venue: { city: 'Dakar', country: 'SEN', online: false },
    hosts: ['SEN'],
    coOrganisers: [],
    targets: [{ kind: 'state', value: 'SEN' }],
    instruments: ['UNTOC'],
    agenda: [],
    languages: ['en'],
    interpretation: false,
    public: true,
    registrationDeadline: null,
    description: 'For the authorities that will apply the Convention.',
  });

const project = async () => {
  const request = await approvedRequest(api, 'admin', {
    participantId: 'GHA',
    provisions: ['UNTOC 5'],
    title: `Approved ${writes}`,
  });
  await projectOf(api, request);
};

interface List {
  name: string;
  /** The first page's URL, with a small limit. */
  url: string;
  /** The whole list in one read: the largest page, or the store's own unpaged read when longer. */
  all: string | (() => Promise<number[]>);
  rows: (body: unknown) => Array<{ id: number }>;
  /** Where a row added meanwhile goes: after the rows paged past, or before (newest first). */
  addsAt: 'end' | 'start';
  add: () => Promise<unknown>;
  /** Reading it writes a row to it (the audit trail records its own reads). */
  readsWrite?: boolean;
}

const field =
  (name: string) =>
  (body: unknown): Array<{ id: number }> =>
    (body as Record<string, Array<{ id: number }>>)[name] as Array<{ id: number }>;
// Audit rows are keyed by their sequence number.
const auditRows = (body: unknown) =>
  (body as { rows: Array<{ seq: number }> }).rows.map((r) => ({ id: Number(r.seq) }));

let auditFrom = 0;

const lists = (): List[] => [
  {
    name: 'the audit trail',
    url: `/api/audit?after=${auditFrom}&limit=7`,
    all: `/api/audit?after=${auditFrom}&limit=${PAGE_MAX}`,
    rows: auditRows,
    addsAt: 'end',
    add: recordAction,
    readsWrite: true,
  },
  {
    name: "a participant's actions",
    url: '/api/instruments/UNTOC/actions?participant=ARM&limit=2',
    all: `/api/instruments/UNTOC/actions?participant=ARM&limit=${PAGE_MAX}`,
    rows: field('actions'),
    addsAt: 'end',
    add: recordAction,
  },
  {
    name: "a participant's actions on every instrument",
    url: '/api/actions?participant=ARM&limit=3',
    all: `/api/actions?participant=ARM&limit=${PAGE_MAX}`,
    rows: field('actions'),
    addsAt: 'end',
    add: recordAction,
  },
  {
    name: 'every recorded action',
    url: '/api/actions?limit=250',
    all: async () => (await listActionRecords(t.store.db)).map((a) => a.id),
    rows: field('actions'),
    addsAt: 'end',
    add: recordAction,
  },
  {
    name: 'every action on an instrument',
    url: '/api/instruments/UNTOC/actions?limit=97',
    all: `/api/instruments/UNTOC/actions?limit=${PAGE_MAX}`,
    rows: field('actions'),
    addsAt: 'end',
    add: recordAction,
  },
  {
    name: 'notifications, newest first',
    url: '/api/notifications?participant=ARM&limit=2',
    all: '/api/notifications?participant=ARM&limit=200',
    rows: field('items'),
    addsAt: 'start',
    add: recordAction,
  },
  {
    name: 'fund transactions, newest first',
    url: '/api/fund/transactions?limit=2',
    all: `/api/fund/transactions?limit=${PAGE_MAX}`,
    rows: field('transactions'),
    addsAt: 'start',
    add: payment,
  },
  {
    name: 'assistance requests',
    url: '/api/assistance/requests?limit=2',
    all: `/api/assistance/requests?limit=${PAGE_MAX}`,
    rows: field('requests'),
    addsAt: 'end',
    add: draftRequest,
  },
  {
    name: 'projects',
    url: '/api/assistance/projects?limit=2',
    all: `/api/assistance/projects?limit=${PAGE_MAX}`,
    rows: field('projects'),
    addsAt: 'end',
    add: project,
  },
  {
    name: 'events',
    url: '/api/events?limit=3',
    all: `/api/events?limit=${PAGE_MAX}`,
    rows: field('events'),
    addsAt: 'end',
    add: event,
  },
];

/** The target of a `Link: <…>; rel="next"` header, or null. */
function linkNext(res: Res): string | null {
  const link = res.headers.link;
  if (link === undefined) return null;
  const match = /^<([^>]+)>; rel="next"$/.exec(String(link));
  expect(match, `Link header ${String(link)}`).not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}

async function read(url: string): Promise<{ next: string | null; body: unknown }> {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return { next: linkNext(res), body: res.json() };
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  api = await assistanceApi(t, {});
  await post('/api/fund/donors', { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' });
  for (let i = 0; i < 5; i++) {
    await payment();
    await draftRequest();
    await event();
    await recordAction();
  }
  for (let i = 0; i < 3; i++) await project();
  // The audit trail holds the reference data's load: page through its last rows only.
  let last = 0;
  for (let url: string | null = `/api/audit?limit=${PAGE_MAX}`; url;) {
    const page = await read(url);
    last = auditRows(page.body).at(-1)?.id ?? last;
    url = page.next;
  }
  expect(last).toBeGreaterThan(20);
  auditFrom = last - 20;
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe.each(lists().map((l) => [l.name, l] as const))('%s', (_name, template) => {
  const list = () => lists().find((l) => l.name === template.name) as List;

  it('pages to the same rows in the same order, a row added between fetches included', async () => {
    const { url, all, rows, addsAt, add, readsWrite } = list();
    const readAll = async () =>
      typeof all === 'string' ? rows((await read(all)).body).map((r) => r.id) : all();
    const before = await readAll();
    expect(before.length, 'enough rows for several pages').toBeGreaterThan(2);
    const walked: number[] = [];
    let pages = 0;
    for (let next: string | null = url; next; pages++) {
      const res = await get(next);
      expect(res.statusCode, `${next}: ${res.body}`).toBe(200);
      const body = res.json() as unknown;
      walked.push(...rows(body).map((r) => r.id));
      const link = linkNext(res);
      expect((body as { next: string | null }).next).toBe(link);
      if (link) expect(link).toMatch(/[?&]cursor=[A-Za-z0-9_-]+(&|$)/);
      // Another row is written while the client is between two pages.
      if (pages === 0) await add();
      next = link;
      expect(pages).toBeLessThan(200);
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(walked).size, 'no row twice').toBe(walked.length);
    const after = await readAll();
    expect(after.length).toBeGreaterThan(before.length);
    // New rows come after the ones paged past (a later id or day), or before them (newest first): either
    // way the walk is the one-read list, with nothing missed.
    // (The audit trail's one-read list also holds the rows its own reads after the walk wrote.)
    const expected = addsAt === 'start' ? before : readsWrite ? after.slice(0, walked.length) : after;
    expect(walked).toEqual(expected);
    expect(walked).toEqual(expect.arrayContaining(before));
  });

  it('refuses a cursor it did not issue and a limit out of range with a 400 naming it', async () => {
    const base = list()
      .url.replace(/([?&])limit=\d+/, '$1')
      .replace(/[?&]$/, '');
    const join = base.includes('?') ? '&' : '?';
    const otherShape = encodeCursor(['not', 'a', 'cursor']);
    for (const [query, param] of [
      ['cursor=%25%25%25', 'cursor'],
      ['cursor=bm90IGpzb24', 'cursor'],
      [`cursor=${otherShape}`, 'cursor'],
      [`cursor=${encodeCursor([-1])}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      [`limit=${PAGE_MAX + 1}`, 'limit'],
    ] as const) {
      const res = await get(`${base}${join}${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json() as { detail: string; errors: Array<{ field: string }> };
      expect(problem.errors[0]?.field, query).toBe(param);
      expect(problem.detail).toMatch(new RegExp(param));
    }
  });
});

describe("the web application's client", () => {
  it("follows the body's `next` on a real server to every row of a list", async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const realFetch = globalThis.fetch;
    const seen: string[] = [];
    // The web client asks paths of its own origin: here the test server's, with the test's token.
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      seen.push(path);
      return realFetch(`${base}${path}`, { ...init, headers: { ...init.headers, ...t.auth } });
    });
    try {
      const rows = await getAllPages(
        '/api/assistance/requests?limit=2',
        (page: { requests: Array<{ id: number }>; next: string | null }) => page.requests,
      );
      const all = (
        (await get(`/api/assistance/requests?limit=${PAGE_MAX}`)).json() as {
          requests: Array<{ id: number }>;
        }
      ).requests;
      expect(rows.map((r) => r.id)).toEqual(all.map((r) => r.id));
      expect(seen.length).toBe(Math.ceil(all.length / 2));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
