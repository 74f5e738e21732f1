// Confidentiality of technical assistance on both stores: State A (Nigeria) and State B (Ghana) each have an
// unpublished needs assessment, a request, an unpublished project funded by donor X and an offer, every one
// carrying a secret text. Every read of the assistance API (lists, records, the country chain, the IATI files)
// and the fund reads that name projects are swept for each caller — the Secretariat's three roles, each
// State's focal point, donors X and Y, the public — and no answer holds a secret the caller may not see.
// Refusals are 404 shaped exactly like a record that does not exist, and write nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDonor } from '../../src/funds/services/catalog.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { approvedRequest, assistanceApi, fundLine, projectOf, type AssistanceApi } from './support.ts';

const A = 'NGA';
const B = 'GHA';
type State = typeof A | typeof B;
const CALLERS = ['admin', 'programme', 'fund', 'focalA', 'focalB', 'donorX', 'donorY', null] as const;
type Who = (typeof CALLERS)[number];

const secret = (what: string, s: State) => `${what}-of-${s}-${s === A ? '1f0c' : '9b7e'}`;
const SECRETS = (s: State) => ({
  assessment: secret('assessment-note', s),
  request: secret('request-title', s),
  project: secret('project-title', s),
  offer: secret('offer-text', s),
});
const DONOR_X_OFFER = 'offer-text-of-donor-X-55aa';

const secretariat = (who: Who) => who === 'admin' || who === 'programme' || who === 'fund';
const focalOf = (s: State): Who => (s === A ? 'focalA' : 'focalB');

/** The secrets `who` must never be shown. */
function forbidden(who: Who): string[] {
  if (secretariat(who)) return [];
  const out: string[] = [];
  for (const s of [A, B] as const) {
    const own = who === focalOf(s);
    const x = SECRETS(s);
    if (!own) out.push(x.assessment, x.request, x.offer);
    // An unpublished project: its State, the Secretariat, and the donors whose money funds it (X both, Y A's).
    if (!own && who !== 'donorX' && !(who === 'donorY' && s === A)) out.push(x.project);
  }
  if (who !== 'donorX') out.push(DONOR_X_OFFER);
  return out;
}

/** Rows of the audit trail: every change writes one. */
const auditRows = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from audit_log`.execute(t.store.db)).rows[0]?.n);

let t: TestApp;
let api: AssistanceApi;
const ids = { requestA: 0, requestB: 0, projectA: 0, projectB: 0 };

beforeAll(async () => {
  t = await createTestApp();
  // Donor accounts act for donors the Fund knows: X and Y are recorded before their accounts.
  for (const [id, name] of [
    ['DX', 'Donor X'],
    ['DY', 'Donor Y'],
  ] as const) {
    await recordDonor(t.ctx('test-setup'), t.store.db, { id, name, kind: 'foundation' });
  }
  api = await assistanceApi(t, {
    programme: { role: 'programme_officer' },
    fund: { role: 'fund_officer' },
    focalA: { role: 'focal_point', states: [A] },
    focalB: { role: 'focal_point', states: [B] },
    donorX: { role: 'donor', donors: ['DX'] },
    donorY: { role: 'donor', donors: ['DY'] },
  });
  await fundLine(api, {
    donor: 'DX',
    name: 'Donor X',
    kind: 'foundation',
    donorRecorded: true,
    earmark: { id: 'GENERAL' },
    amount: '50000.00',
  });
  await fundLine(api, {
    donor: 'DY',
    name: 'Donor Y',
    kind: 'foundation',
    donorRecorded: true,
    earmark: { id: 'GENERAL' },
    amount: '9000.00',
  });
  for (const s of [A, B] as const) {
    const x = SECRETS(s);
    const focal = focalOf(s) as string;
    await api.send(
      focal,
      `/api/assistance/countries/${s}/assessment`,
      {
        assessedOn: '2026-03-01',
        entries: [
          {
            provision: 'UNTOC 5',
            status: 'not_in_place',
            needs: ['legislative_drafting'],
            note: x.assessment,
          },
        ],
      },
      201,
    );
    const request = await approvedRequest(api, focal, {
      participantId: s,
      provisions: ['UNTOC 5'],
      title: x.request,
      description: x.request,
    });
    const project = await projectOf(api, request, { title: x.project });
    await api.send(
      'fund',
      `/api/assistance/projects/${project.id}/funding`,
      { donorId: 'DX', earmarkId: 'GENERAL', amount: '1000.00', bookedOn: '2026-04-01' },
      201,
    );
    // Donor Y's money funds State A's project too: donor X must not see Y's part of it, nor Y X's.
    if (s === A)
      await api.send(
        'fund',
        `/api/assistance/projects/${project.id}/funding`,
        { donorId: 'DY', earmarkId: 'GENERAL', amount: '2500.00', bookedOn: '2026-04-02' },
        201,
      );
    await api.send(
      focal,
      '/api/assistance/offers',
      { partnerId: s, inKind: 'experts', description: x.offer },
      201,
    );
    if (s === A) [ids.requestA, ids.projectA] = [request, project.id];
    else [ids.requestB, ids.projectB] = [request, project.id];
  }
  await api.send(
    'donorX',
    '/api/assistance/offers',
    { donorId: 'DX', amount: '5000.00', description: DONOR_X_OFFER },
    201,
  );
  // One published project, so that the public IATI file has an activity.
  const open = await approvedRequest(api, 'admin', {
    participantId: 'KEN',
    provisions: ['UNTOC 5'],
    title: 'Kenya',
  });
  await projectOf(api, open, { title: 'A published project in Kenya', published: true });
}, 120_000);

afterAll(async () => t?.close());

/** Every read that could show a State's assistance records. */
const READS = () => [
  '/api/assistance/requests',
  `/api/assistance/requests?participantId=${A}`,
  `/api/assistance/requests?participantId=${B}`,
  `/api/assistance/requests?status=approved`,
  `/api/assistance/requests/${ids.requestA}`,
  `/api/assistance/requests/${ids.requestB}`,
  `/api/assistance/countries/${A}/assessment`,
  `/api/assistance/countries/${B}/assessment?remaining=true`,
  `/api/assistance/countries/${A}/chain`,
  `/api/assistance/countries/${B}/chain`,
  '/api/assistance/offers',
  '/api/assistance/matches',
  '/api/assistance/projects',
  `/api/assistance/projects?participantId=${A}`,
  `/api/assistance/projects?participantId=${B}`,
  `/api/assistance/projects/${ids.projectA}`,
  `/api/assistance/projects/${ids.projectB}`,
  '/api/assistance/iati.xml',
  `/api/assistance/projects/${ids.projectA}/iati.xml`,
  `/api/assistance/projects/${ids.projectB}/iati.xml`,
  '/api/fund/allocations',
  '/api/fund/transactions',
  '/api/fund/statement?from=2026-01-01&to=2026-06-30',
];

describe(`assistance confidentiality (${STORE_KIND})`, () => {
  it.each(CALLERS.map((c) => [c ?? 'the public', c] as const))(
    '%s: no answer holds a secret of another State or donor',
    async (_label, who) => {
      const leaks: string[] = [];
      for (const url of READS()) {
        const res = await api.get(who, url);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        for (const text of forbidden(who)) if (res.body.includes(text)) leaks.push(`${url} shows ${text}`);
      }
      expect(leaks).toEqual([]);
    },
  );

  it('each sees its own: the State its records, donor X the project its money funds, the Secretariat all', async () => {
    const body = async (who: Who, url: string) => (await api.get(who, url)).body;
    for (const s of [A, B] as const) {
      const x = SECRETS(s);
      const focal = focalOf(s);
      expect(await body(focal, `/api/assistance/countries/${s}/assessment`)).toContain(x.assessment);
      expect(await body(focal, '/api/assistance/requests')).toContain(x.request);
      expect(await body(focal, `/api/assistance/countries/${s}/chain`)).toContain(x.request);
      expect(await body(focal, '/api/assistance/offers')).toContain(x.offer);
      expect(await body(focal, '/api/assistance/iati.xml')).toContain(x.project);
      expect(await body('donorX', '/api/assistance/projects')).toContain(x.project);
      expect(await body('programme', '/api/assistance/requests')).toContain(x.request);
      expect(await body('fund', `/api/assistance/countries/${s}/assessment`)).toContain(x.assessment);
    }
    expect(await body('donorX', '/api/assistance/offers')).toContain(DONOR_X_OFFER);
    // A project funded by X and Y: each donor sees its own part; the State and the Secretariat see both.
    const funding = async (who: Who) =>
      (await api.get(who, `/api/assistance/projects/${ids.projectA}`)).json() as {
        funded: string;
        funding: Array<{ donorId: string }>;
      };
    expect(await funding('donorX')).toMatchObject({ funded: '1000.00', funding: [{ donorId: 'DX' }] });
    expect(await funding('donorY')).toMatchObject({ funded: '2500.00', funding: [{ donorId: 'DY' }] });
    for (const who of ['focalA', 'admin'] as const)
      expect(await funding(who)).toMatchObject({
        funded: '3500.00',
        funding: [{ donorId: 'DX' }, { donorId: 'DY' }],
      });
    // Lists filtered to the other State are empty, not refused.
    const other = await api.get('focalB', `/api/assistance/requests?participantId=${A}`);
    expect([other.statusCode, other.json()]).toEqual([200, { requests: [], next: null }]);
    const projects = async (who: Who) =>
      ((await api.get(who, '/api/assistance/projects')).json() as { projects: Array<{ id: number }> })
        .projects;
    expect((await projects('donorY')).map((p) => p.id).sort()).toEqual(
      [ids.projectA, ...(await projects(null)).map((p) => p.id)].sort(),
    );
    const chain = (await api.get('focalB', `/api/assistance/countries/${A}/chain`)).json();
    expect(chain).toEqual({ participantId: A, needs: [], requests: [], projects: [] });
  });

  it('a refusal is a 404 shaped exactly like a record that does not exist', async () => {
    const shape = async (who: Who, url: string, id: string) => {
      const res = await api.get(who, url);
      const problem = res.json() as Record<string, unknown>;
      return {
        status: res.statusCode,
        type: res.headers['content-type'],
        keys: Object.keys(problem).sort(),
        detail: String(problem.detail).replace(id, '<id>'),
        title: problem.title,
      };
    };
    const cases: Array<[Who, string, string, string, string]> = [
      [
        'focalB',
        `/api/assistance/requests/${ids.requestA}`,
        String(ids.requestA),
        '/api/assistance/requests/999999',
        '999999',
      ],
      [
        'donorX',
        `/api/assistance/requests/${ids.requestA}`,
        String(ids.requestA),
        '/api/assistance/requests/999999',
        '999999',
      ],
      [
        'focalB',
        `/api/assistance/countries/${A}/assessment`,
        A,
        '/api/assistance/countries/KEN/assessment',
        'KEN',
      ],
      [
        null,
        `/api/assistance/countries/${A}/assessment`,
        A,
        '/api/assistance/countries/KEN/assessment',
        'KEN',
      ],
      [
        'focalB',
        `/api/assistance/projects/${ids.projectA}`,
        String(ids.projectA),
        '/api/assistance/projects/999999',
        '999999',
      ],
      [
        'donorY',
        `/api/assistance/projects/${ids.projectB}`,
        String(ids.projectB),
        '/api/assistance/projects/999999',
        '999999',
      ],
      [
        null,
        `/api/assistance/projects/${ids.projectA}/iati.xml`,
        String(ids.projectA),
        '/api/assistance/projects/999999/iati.xml',
        '999999',
      ],
    ];
    for (const [who, url, id, missing, missingId] of cases) {
      const refused = await shape(who, url, id);
      expect(refused.status, `${who} ${url}`).toBe(404);
      expect(refused, `${who} ${url}`).toEqual(await shape(who, missing, missingId));
    }
  });

  it("another State's focal point cannot write to State A's records: 404, nothing written", async () => {
    const writes: Array<[string, unknown]> = [
      [`/api/assistance/requests/${ids.requestA}/steps`, { to: 'withdrawn', reason: 'not ours to withdraw' }],
      [
        `/api/assistance/countries/${A}/assessment`,
        { assessedOn: '2026-03-02', entries: [{ provision: 'UNTOC 6', status: 'not_in_place' }] },
      ],
      [`/api/assistance/countries/${A}/assessment/publication`, { published: true }],
    ];
    for (const [url, payload] of writes) {
      const before = await auditRows();
      const res = await api.send('focalB', url, payload);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
      expect(res.body).not.toContain(SECRETS(A).request);
      expect(await auditRows()).toBe(before);
    }
    const request = await api.get('focalA', `/api/assistance/requests/${ids.requestA}`);
    expect((request.json() as { status: string }).status).toBe('funded');
  });

  it('once State A publishes its assessment, everyone sees it — and still not its requests or projects', async () => {
    await api.send(
      'focalA',
      `/api/assistance/countries/${A}/assessment/publication`,
      { published: true },
      201,
    );
    for (const who of ['focalB', null] as const) {
      const assessment = await api.get(who, `/api/assistance/countries/${A}/assessment`);
      expect(assessment.statusCode).toBe(200);
      expect(assessment.body).toContain(SECRETS(A).assessment);
      // Who recorded and published it, by name only: the account ids are the Secretariat's.
      expect(assessment.body).not.toMatch(/(user|token):[0-9a-f-]{8}/);
      const view = assessment.json() as {
        publication: { decidedBy: string | null; decidedByName: string };
        provisions: Array<{ current: { recordedBy: string | null; recordedByName: string } | null }>;
      };
      expect(view.publication.decidedBy).toBeNull();
      expect(view.publication.decidedByName).not.toBe('');
      const entry = view.provisions.find((p) => p.current)?.current;
      expect(entry?.recordedBy).toBeNull();
      expect(entry?.recordedByName).not.toMatch(/^(user|token):/);
      const chain = (await api.get(who, `/api/assistance/countries/${A}/chain`)).json() as {
        needs: unknown[];
        requests: unknown[];
        projects: unknown[];
      };
      expect(chain.needs).toHaveLength(1);
      expect([chain.requests, chain.projects]).toEqual([[], []]);
    }
    await api.send(
      'focalA',
      `/api/assistance/countries/${A}/assessment/publication`,
      { published: false },
      201,
    );
    expect((await api.get('focalB', `/api/assistance/countries/${A}/assessment`)).statusCode).toBe(404);
    const secretariat = (await api.get('admin', `/api/assistance/countries/${A}/assessment`)).json() as {
      provisions: Array<{ current: { recordedBy: string | null } | null }>;
    };
    expect(secretariat.provisions.find((p) => p.current)?.current?.recordedBy).toMatch(/^(user|token):/);
  });
});
