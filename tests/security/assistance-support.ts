// Technical assistance in the security suites: confidential records of State A and State B (an unpublished
// needs assessment, a request, an unpublished project of State A funded by donor X, offers of each State and
// donor), each with a text that only its owner and the Secretariat may ever see; a valid body for every
// assistance write; the matrix's sample request for every assistance operation; and the check that an answer
// holds no secret its caller may not see.
import type { Principal } from '../../src/auth/domain/policy.ts';
import { recordAssessment, setPublication } from '../../src/assistance/services/assessments.ts';
import { createOffer } from '../../src/assistance/services/offers.ts';
import { addResult, createProject, fundProject } from '../../src/assistance/services/projects.ts';
import { createRequest, moveRequest } from '../../src/assistance/services/requests.ts';
import type { ServiceContext } from '../../src/context.ts';
import type { Db } from '../../src/funds/repository.ts';
import { recordPayment } from '../../src/funds/services/payments.ts';
import type { TestApp } from '../helpers/app.ts';
import { inWrite } from '../funds/support.ts';
import { DONOR_X, DONOR_Y, fundRecords } from './fund-support.ts';
import type { MatrixCase, ValidBodies } from './support.ts';

/** The matrix's State A and State B (support.ts: STATE_A, STATE_B), and a State whose assessment is published. */
const A = 'ARM';
const B = 'GBR';
const PUBLISHED = 'NGA';
type Who = 'A' | 'B';
const STATE: Record<Who, string> = { A, B };

/** Text inside each confidential record; a denial or a list must never show it to anyone else. */
export const ASSISTANCE_SECRETS = {
  assessment: { A: 'assessment-note-of-State-A-3e1f', B: 'assessment-note-of-State-B-8a2c' },
  request: { A: 'request-title-of-State-A-77d0', B: 'request-title-of-State-B-c41b' },
  offer: { A: 'offer-of-State-A-5b9e', B: 'offer-of-State-B-0d6a' },
  donorOffer: { X: 'offer-of-donor-X-e2f8', Y: 'offer-of-donor-Y-91c3' },
  /** State A's unpublished project, funded by donor X. */
  project: 'unpublished-project-of-State-A-funded-by-X-6c2d',
};

export interface AssistanceRecords {
  request: Record<Who, number>;
  /** A draft request of State A whose steps the valid bodies take. */
  draft: number;
  /** An approved request of State A with no project yet (the valid body that creates a project). */
  approved: number;
  project: number;
  published: number;
  allocation: number;
  result: number;
}

const request = (participantId: string, title: string, instrument = 'UNTOC 5') => ({
  participantId,
  kind: 'implementation' as const,
  title,
  description: title,
  provisions: [instrument],
  assistance: ['legislative_drafting' as const],
  estimatedCost: '1000.00',
  requestedOn: '2026-03-02',
});

async function approve(ctx: ServiceContext, db: Db, participantId: string, title: string): Promise<number> {
  const id = await createRequest(ctx, db, request(participantId, title));
  for (const to of ['submitted', 'assessed', 'approved'] as const)
    await moveRequest(ctx, db, id, to, null, ['requester', 'programme']);
  return id;
}

const project = (requestId: number, title: string, published = false) => ({
  requestId,
  title,
  budget: '50000.00',
  startsOn: '2026-04-01',
  endsOn: '2027-03-31',
  implementingPartner: 'UNODC Regional Office',
  beneficiaries: 'Ministry of Justice',
  published,
});

/** State A's project in progress, funded by donor X: what a completion completes. */
async function projectInProgress(t: TestApp, title: string): Promise<number> {
  const ctx = t.ctx('test-setup');
  return inWrite(ctx, async (db) => {
    const requestId = await approve(ctx, db, A, title);
    const id = await createProject(ctx, db, project(requestId, title));
    await fundProject(ctx, db, id, {
      donorId: DONOR_X,
      earmarkId: 'GENERAL',
      amount: '1.00',
      bookedOn: '2026-04-01',
    });
    await moveRequest(ctx, db, requestId, 'in_progress', null, ['programme']);
    return id;
  });
}

const created = new WeakMap<TestApp, AssistanceRecords>();

/** The confidential records of States A and B, created once per application (after the fund's). */
export async function assistanceRecords(t: TestApp): Promise<AssistanceRecords> {
  const known = created.get(t);
  if (known) return known;
  await fundRecords(t);
  const ctx = t.ctx('test-setup');
  const out = await inWrite(ctx, async (db) => {
    // Donor X's general-purpose money pays for State A's project (ARM is in Asia: the TIP-Africa earmark cannot).
    await recordPayment(ctx, db, {
      donorId: DONOR_X,
      receivedOn: '2026-03-10',
      currency: 'USD',
      amount: '100000.00',
      earmarkId: 'GENERAL',
    });
    const ids: Record<Who, number> = { A: 0, B: 0 };
    for (const who of ['A', 'B'] as const) {
      const state = STATE[who];
      await recordAssessment(ctx, db, state, {
        assessedOn: '2026-03-01',
        entries: [
          {
            provision: 'UNTOC 5',
            status: 'not_in_place',
            needs: ['legislative_drafting'],
            note: ASSISTANCE_SECRETS.assessment[who],
          },
        ],
      });
      ids[who] = await createRequest(ctx, db, request(state, ASSISTANCE_SECRETS.request[who]));
      await createOffer(ctx, db, {
        partnerId: state,
        inKind: 'experts',
        description: ASSISTANCE_SECRETS.offer[who],
      });
    }
    for (const [who, donorId] of [
      ['X', DONOR_X],
      ['Y', DONOR_Y],
    ] as const)
      await createOffer(ctx, db, {
        donorId,
        amount: '1000.00',
        description: ASSISTANCE_SECRETS.donorOffer[who],
      });
    await recordAssessment(ctx, db, PUBLISHED, {
      assessedOn: '2026-03-01',
      entries: [{ provision: 'UNTOC 5', status: 'partly', measure: 'Criminal Code', needs: [] }],
    });
    await setPublication(ctx, db, PUBLISHED, true);
    const projectId = await createProject(
      ctx,
      db,
      project(await approve(ctx, db, A, 'A project'), ASSISTANCE_SECRETS.project),
    );
    const allocation = await fundProject(ctx, db, projectId, {
      donorId: DONOR_X,
      earmarkId: 'GENERAL',
      amount: '1000.00',
      bookedOn: '2026-04-01',
    });
    const published = await createProject(
      ctx,
      db,
      project(await approve(ctx, db, PUBLISHED, 'Published'), 'A published project', true),
    );
    const result = await addResult(ctx, db, published, {
      title: 'Judges trained',
      indicator: 'judges trained',
      unit: 'persons',
      baseline: '0',
      target: '40',
    });
    return {
      request: ids,
      draft: await createRequest(ctx, db, request(A, 'a draft to submit')),
      approved: await approve(ctx, db, A, 'approved, no project yet'),
      project: projectId,
      published,
      allocation,
      result,
    };
  });
  created.set(t, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Who may see what

const SECRETARIAT = ['admin', 'fund_officer', 'programme_officer'];

/** The secrets of ASSISTANCE_SECRETS that `principal` must never be shown. */
export function forbiddenAssistanceTexts(principal: Principal | null): string[] {
  if (principal && SECRETARIAT.includes(principal.role)) return [];
  const states = principal?.role === 'focal_point' ? principal.states : [];
  const donors = principal?.role === 'donor' ? principal.donors : [];
  const out: string[] = [];
  for (const who of ['A', 'B'] as const) {
    if (states.includes(STATE[who])) continue;
    out.push(
      ASSISTANCE_SECRETS.assessment[who],
      ASSISTANCE_SECRETS.request[who],
      ASSISTANCE_SECRETS.offer[who],
    );
  }
  for (const [who, donor] of [
    ['X', DONOR_X],
    ['Y', DONOR_Y],
  ] as const)
    if (!donors.includes(donor)) out.push(ASSISTANCE_SECRETS.donorOffer[who]);
  if (!states.includes(A) && !donors.includes(DONOR_X)) out.push(ASSISTANCE_SECRETS.project);
  return out;
}

/** The assistance secrets in `body` that `principal` may not see. */
export const assistanceLeaks = (body: string, principal: Principal | null): string[] =>
  forbiddenAssistanceTexts(principal).filter((s) => body.includes(s));

/** Whether `principal` may see a confidential record of this State (the Secretariat and its focal point). */
const seesState =
  (state: string) =>
  (p: Principal | null): boolean =>
    p !== null && (SECRETARIAT.includes(p.role) || (p.role === 'focal_point' && p.states.includes(state)));

/** …or, for State A's unpublished project, donor X, whose money funds it. */
const seesProject = (p: Principal | null): boolean =>
  seesState(A)(p) || (p?.role === 'donor' && p.donors.includes(DONOR_X));

// ---------------------------------------------------------------------------------------------------------
// Valid bodies (fuzz, mass assignment)

function assistanceBodies(r: AssistanceRecords): ValidBodies {
  const p = r.project;
  return {
    'POST /api/assistance/countries/{participantId}/development-classes': {
      url: `/api/assistance/countries/${A}/development-classes`,
      body: { class: 'developed', validFrom: '2090-01-01', basis: 'test: security', source: 'test' },
    },
    'POST /api/assistance/countries/{participantId}/assessment': {
      url: `/api/assistance/countries/${A}/assessment`,
      body: {
        assessedOn: '2026-03-05',
        entries: [
          { provision: 'UNTOC 6', status: 'partly', measure: 'Penal Code', needs: ['training'], note: 'n' },
        ],
      },
    },
    'POST /api/assistance/countries/{participantId}/assessment/publication': {
      url: `/api/assistance/countries/${A}/assessment/publication`,
      body: { published: false },
    },
    'POST /api/assistance/requests': { url: '/api/assistance/requests', body: request(A, 'a new request') },
    'POST /api/assistance/requests/{id}/steps': {
      url: `/api/assistance/requests/${r.draft}/steps`,
      body: { to: 'submitted', reason: 'ready' },
    },
    'POST /api/assistance/offers': {
      url: '/api/assistance/offers',
      body: {
        donorId: DONOR_X,
        theme: 'criminalization',
        region: 'Asia',
        instrumentId: 'UNTOC',
        amount: '10.00',
        description: 'an offer',
      },
    },
    'POST /api/assistance/projects': {
      url: '/api/assistance/projects',
      body: project(r.approved, 'a new project'),
    },
    'POST /api/assistance/projects/{id}/activities': {
      url: `/api/assistance/projects/${p}/activities`,
      body: { title: 'Workshop', startsOn: '2026-05-01', endsOn: '2026-05-03' },
    },
    'POST /api/assistance/projects/{id}/results': {
      url: `/api/assistance/projects/${p}/results`,
      body: {
        title: 'Prosecutors trained',
        indicator: 'prosecutors trained',
        unit: 'persons',
        baseline: '0',
        target: '25',
      },
    },
    'POST /api/assistance/projects/{id}/results/{resultId}/measurements': {
      url: `/api/assistance/projects/${r.published}/results/${r.result}/measurements`,
      body: { period: '2026-Q2', actual: '12', note: 'first course' },
    },
    'POST /api/assistance/projects/{id}/outcomes': {
      url: `/api/assistance/projects/${p}/outcomes`,
      body: { kind: 'legislation_adopted', happenedOn: '2026-06-01', citation: 'Law 12/2026' },
    },
    'POST /api/assistance/projects/{id}/completion': {
      url: `/api/assistance/projects/${p}/completion`,
      body: {},
    },
    'POST /api/assistance/projects/{id}/funding': {
      url: `/api/assistance/projects/${p}/funding`,
      body: { donorId: DONOR_X, earmarkId: 'GENERAL', amount: '1.00', bookedOn: '2026-04-01' },
    },
    'POST /api/assistance/projects/{id}/expenditures': {
      url: `/api/assistance/projects/${p}/expenditures`,
      body: {
        allocationId: r.allocation,
        amount: '1.00',
        bookedOn: '2026-05-01',
        reference: 'INV-1',
        memo: 'a memo',
      },
    },
  };
}

export async function assistanceValidBodies(t: TestApp): Promise<ValidBodies> {
  return assistanceBodies(await assistanceRecords(t));
}

// ---------------------------------------------------------------------------------------------------------
// The authorization matrix

/** One sample request per assistance operation; `fresh()` gives a new number for every call. */
export function assistanceSamples(t: () => TestApp, fresh: () => number): Record<string, () => MatrixCase[]> {
  const records = () => assistanceRecords(t());
  const plain =
    (url: (r: AssistanceRecords) => string): (() => MatrixCase[]) =>
    () => [{ label: '', ok: 200, build: async () => ({ url: url(await records()) }) }];
  /** A write of the valid body (built afresh), for the owners given. */
  const write =
    (
      key: string,
      owners?: MatrixCase['owners'],
      label = '',
      build?: () => Promise<{ url: string; payload: Record<string, unknown> }>,
    ) =>
    (): MatrixCase => ({
      label,
      ...(owners ? { owners } : {}),
      ok: 201,
      build: async () => {
        if (build) return build();
        const v = assistanceBodies(await records())[key];
        if (!v) throw new Error(`no valid body for ${key}`);
        return { url: v.url, payload: v.body };
      },
    });
  const perState =
    (f: (who: Who) => MatrixCase): (() => MatrixCase[]) =>
    () =>
      (['A', 'B'] as const).map(f);
  /** A confidential record of State A (and B): its State's focal point and the Secretariat see it; others 404. */
  const confidential = (
    what: string,
    url: (r: AssistanceRecords, who: Who) => string,
    secret: (who: Who) => string,
  ) =>
    perState((who) => ({
      label: `State ${who}'s ${what}`,
      visibleTo: seesState(STATE[who]),
      ok: 200,
      secret: secret(who),
      build: async () => ({ url: url(await records(), who) }),
    }));
  /** Published records everyone sees, and State A's unpublished project (its State, donor X, the Secretariat). */
  const projectRead = (suffix: string) => () => [
    {
      label: 'published',
      ok: 200,
      build: async () => ({ url: `/api/assistance/projects/${(await records()).published}${suffix}` }),
    },
    {
      label: "State A's unpublished project, funded by donor X",
      visibleTo: seesProject,
      ok: 200,
      secret: ASSISTANCE_SECRETS.project,
      build: async () => ({ url: `/api/assistance/projects/${(await records()).project}${suffix}` }),
    },
  ];
  const owner = (who: Who) => [{ state: STATE[who] }];
  return {
    'GET /api/assistance/provisions': plain(() => '/api/assistance/provisions?instrumentId=TIP'),
    'GET /api/assistance/countries/{participantId}/eligibility': plain(
      () => `/api/assistance/countries/${A}/eligibility?on=2026-03-01`,
    ),
    'POST /api/assistance/countries/{participantId}/development-classes': () => [
      write('POST /api/assistance/countries/{participantId}/development-classes')(),
    ],
    'GET /api/assistance/countries/{participantId}/assessment': () => [
      ...plain(() => `/api/assistance/countries/${PUBLISHED}/assessment`)(),
      ...confidential(
        'unpublished assessment',
        (_r, who) => `/api/assistance/countries/${STATE[who]}/assessment`,
        (who) => ASSISTANCE_SECRETS.assessment[who],
      )(),
    ],
    'POST /api/assistance/countries/{participantId}/assessment': perState((who) =>
      write('', owner(who), `State ${who}'s assessment`, async () => ({
        url: `/api/assistance/countries/${STATE[who]}/assessment`,
        payload: { assessedOn: '2026-03-06', entries: [{ provision: 'UNTOC 6', status: 'not_in_place' }] },
      }))(),
    ),
    'POST /api/assistance/countries/{participantId}/assessment/publication': perState((who) =>
      write('', owner(who), `State ${who}'s publication`, async () => ({
        url: `/api/assistance/countries/${STATE[who]}/assessment/publication`,
        payload: { published: false },
      }))(),
    ),
    'GET /api/assistance/countries/{participantId}/chain': perState((who) => ({
      label: `State ${who}'s chain`,
      ok: 200,
      build: async () => ({ url: `/api/assistance/countries/${STATE[who]}/chain` }),
    })),
    'GET /api/assistance/requests': () => [
      { label: 'unfiltered', ok: 200, build: async () => ({ url: '/api/assistance/requests' }) },
      ...(['A', 'B'] as const).map((who) => ({
        label: `State ${who}'s rows`,
        ok: 200,
        build: async () => ({ url: `/api/assistance/requests?participantId=${STATE[who]}` }),
      })),
    ],
    'GET /api/assistance/requests/{id}': perState((who) => ({
      label: `State ${who}'s request`,
      owners: owner(who),
      ok: 200,
      secret: ASSISTANCE_SECRETS.request[who],
      build: async () => ({ url: `/api/assistance/requests/${(await records()).request[who]}` }),
    })),
    'POST /api/assistance/requests': perState((who) =>
      write('', owner(who), `State ${who}'s request`, async () => ({
        url: '/api/assistance/requests',
        payload: request(STATE[who], `matrix request ${fresh()}`),
      }))(),
    ),
    'POST /api/assistance/requests/{id}/steps': perState((who) =>
      write('', owner(who), `submit State ${who}'s draft`, async () => {
        const ctx = t().ctx('test-setup');
        const id = await inWrite(ctx, (db) =>
          createRequest(ctx, db, request(STATE[who], `draft ${fresh()}`)),
        );
        return { url: `/api/assistance/requests/${id}/steps`, payload: { to: 'submitted' } };
      })(),
    ),
    'GET /api/assistance/offers': plain(() => '/api/assistance/offers'),
    'POST /api/assistance/offers': () => [
      ...(['X', 'Y'] as const).map((who) =>
        write('', [{ donor: who === 'X' ? DONOR_X : DONOR_Y }], `donor ${who}'s offer`, async () => ({
          url: '/api/assistance/offers',
          payload: {
            donorId: who === 'X' ? DONOR_X : DONOR_Y,
            amount: '10.00',
            description: `matrix offer ${fresh()}`,
          },
        }))(),
      ),
      ...(['A', 'B'] as const).map((who) =>
        write('', owner(who), `State ${who}'s offer as a partner`, async () => ({
          url: '/api/assistance/offers',
          payload: { partnerId: STATE[who], inKind: 'mentors', description: `matrix offer ${fresh()}` },
        }))(),
      ),
    ],
    'GET /api/assistance/matches': plain(() => '/api/assistance/matches'),
    'GET /api/assistance/projects': plain(() => '/api/assistance/projects'),
    'GET /api/assistance/projects/{id}': projectRead(''),
    'GET /api/assistance/iati.xml': plain(() => '/api/assistance/iati.xml'),
    'GET /api/assistance/projects/{id}/iati.xml': projectRead('/iati.xml'),
    'POST /api/assistance/projects': () => [
      write('', undefined, '', async () => {
        const ctx = t().ctx('test-setup');
        const id = await inWrite(ctx, (db) => approve(ctx, db, A, `to become a project ${fresh()}`));
        return { url: '/api/assistance/projects', payload: project(id, `matrix project ${fresh()}`) };
      })(),
    ],
    ...Object.fromEntries(
      [
        'POST /api/assistance/projects/{id}/activities',
        'POST /api/assistance/projects/{id}/results',
        'POST /api/assistance/projects/{id}/results/{resultId}/measurements',
        'POST /api/assistance/projects/{id}/outcomes',
        'POST /api/assistance/projects/{id}/funding',
        'POST /api/assistance/projects/{id}/expenditures',
      ].map((key) => [key, () => [write(key)()]]),
    ),
    'POST /api/assistance/projects/{id}/completion': () => [
      write('', undefined, '', async () => ({
        url: `/api/assistance/projects/${await projectInProgress(t(), `to complete ${fresh()}`)}/completion`,
        payload: {},
      }))(),
    ],
  };
}
