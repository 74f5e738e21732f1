// Delegations in the security suites: an event open for registration with State A's delegation (a name only
// the Secretariat and State A may read, and its note verbale), a held event with an approved participant of
// State A (the certificate), a valid body for every delegations write, and the matrix's sample requests.
import type { Principal } from '../../src/auth/domain/policy.ts';
import type { ServiceContext } from '../../src/context.ts';
import { registerDelegation } from '../../src/events/services/delegations.ts';
import { reviewDelegate } from '../../src/events/services/delegations-review.ts';
import { changeEventStatus, createEvent } from '../../src/events/services/events.ts';
import type { TestApp } from '../helpers/app.ts';
import { noteOf, person, samplePdf } from '../events/delegations-support.ts';
import { inWrite } from '../funds/support.ts';
import { eventInput } from './events-support.ts';
import { STATE_A, type MatrixCase, type ValidBodies } from './support.ts';

/** A delegate's family name that nobody but the Secretariat and State A may read. */
export const DELEGATE_SECRET = 'Hovhannisyan-4be1';

const ADMIN: Principal = { userId: null, role: 'admin', states: [], donors: [], via: 'token' };
const setup = (t: TestApp): ServiceContext => ({ ...t.ctx('test-setup'), principal: ADMIN });

export const registration = (state: string, familyName: string) => ({
  state,
  delegates: [person('Anna', familyName, 'delegate', 'head')],
  noteVerbale: noteOf(samplePdf(`${state} note`)),
});

/** A public event open for registration; with `held`, one that took place, its person approved. */
async function openEvent(t: TestApp, title: string, held = false): Promise<number> {
  const ctx = setup(t);
  return inWrite(ctx, async (db) => {
    const dates = held ? { start: '2026-05-04', end: '2026-05-05', registrationDeadline: null } : {};
    const id = await createEvent(ctx, db, { ...eventInput(title), ...dates });
    await changeEventStatus(ctx, db, id, { status: 'registration_open', reason: null, revision: 1 });
    return id;
  });
}

export interface DelegationRecords {
  event: number;
  delegation: number;
  delegate: number;
  heldEvent: number;
  heldDelegate: number;
}

const cache = new WeakMap<TestApp, Promise<DelegationRecords>>();

async function registered(t: TestApp, event: number, familyName: string) {
  const ctx = setup(t);
  return inWrite(ctx, (db) => registerDelegation(ctx, db, event, registration(STATE_A, familyName)));
}

async function create(t: TestApp): Promise<DelegationRecords> {
  const ctx = setup(t);
  const event = await openEvent(t, 'Seminar with delegations of the security tests');
  const a = await registered(t, event, DELEGATE_SECRET);
  const heldEvent = await openEvent(t, 'Held seminar of the security tests', true);
  const h = await registered(t, heldEvent, `${DELEGATE_SECRET}-held`);
  const heldDelegate = h.delegates[0]?.id ?? 0;
  await inWrite(ctx, async (db) => {
    await reviewDelegate(ctx, db, heldEvent, heldDelegate, { decision: 'approve', reason: null });
    await changeEventStatus(ctx, db, heldEvent, { status: 'registration_closed', reason: null, revision: 2 });
    await changeEventStatus(ctx, db, heldEvent, { status: 'held', reason: null, revision: 3 });
  });
  return { event, delegation: a.delegationId, delegate: a.delegates[0]?.id ?? 0, heldEvent, heldDelegate };
}

export function delegationRecords(t: TestApp): Promise<DelegationRecords> {
  let records = cache.get(t);
  if (!records) {
    records = create(t);
    cache.set(t, records);
  }
  return records;
}

export async function delegationValidBodies(t: TestApp): Promise<ValidBodies> {
  const r = await delegationRecords(t);
  const event = await openEvent(t, 'Seminar of the valid bodies');
  return {
    'POST /api/events/{id}/delegations': {
      url: `/api/events/${event}/delegations`,
      body: registration(STATE_A, 'Valid'),
    },
    'POST /api/events/{id}/delegates/{delegateId}/review': {
      url: `/api/events/${r.event}/delegates/${r.delegate}/review`,
      body: { decision: 'request_changes', reason: 'a valid reason' },
    },
    'PUT /api/events/{id}/capacity': {
      url: `/api/events/${r.event}/capacity`,
      body: {
        overall: 100,
        categories: { delegate: 50, adviser: null, expert: null, observer: null, press: 5 },
      },
    },
  };
}

/** One sample request per delegations operation; `fresh()` gives a new number for every call. */
export function delegationSamples(t: () => TestApp, fresh: () => number): Record<string, () => MatrixCase[]> {
  const A = { state: STATE_A };
  const read = (url: (r: DelegationRecords) => string, owned: boolean) => (): MatrixCase[] => [
    {
      label: owned ? "State A's delegation" : '',
      ok: 200,
      ...(owned ? { owners: [A], secret: DELEGATE_SECRET } : {}),
      build: async () => ({ url: url(await delegationRecords(t())) }),
    },
  ];
  return {
    'GET /api/events/{id}/delegations': read((r) => `/api/events/${r.event}/delegations`, false),
    'GET /api/events/{id}/delegations/{delegationId}/note-verbale.pdf': read(
      (r) => `/api/events/${r.event}/delegations/${r.delegation}/note-verbale.pdf`,
      true,
    ),
    'GET /api/events/{id}/delegates/{delegateId}/certificate.pdf': read(
      (r) => `/api/events/${r.heldEvent}/delegates/${r.heldDelegate}/certificate.pdf`,
      true,
    ),
    'GET /api/events/{id}/attendance': read((r) => `/api/events/${r.event}/attendance`, false),
    'GET /api/delegations/queue': read(() => '/api/delegations/queue', false),
    'GET /api/events/{id}/participants.csv': read((r) => `/api/events/${r.event}/participants.csv`, false),
    'GET /api/events/{id}/participants.xlsx': read((r) => `/api/events/${r.event}/participants.xlsx`, false),
    'POST /api/events/{id}/delegations': () => [
      {
        label: "State A's delegation",
        owners: [A],
        ok: 201,
        build: async () => ({
          url: `/api/events/${await openEvent(t(), `To register ${fresh()}`)}/delegations`,
          payload: registration(STATE_A, `Matrix ${fresh()}`),
        }),
      },
    ],
    'POST /api/events/{id}/delegates/{delegateId}/review': () => [
      {
        label: '',
        ok: 200,
        build: async () => {
          const event = await openEvent(t(), `To review ${fresh()}`);
          const r = await registered(t(), event, `Review ${fresh()}`);
          return {
            url: `/api/events/${event}/delegates/${r.delegates[0]?.id}/review`,
            payload: { decision: 'approve', reason: null },
          };
        },
      },
    ],
    'PUT /api/events/{id}/capacity': () => [
      {
        label: '',
        ok: 200,
        build: async () => ({
          url: `/api/events/${await openEvent(t(), `To limit ${fresh()}`)}/capacity`,
          payload: {
            overall: 10,
            categories: { delegate: 5, adviser: null, expert: null, observer: null, press: null },
          },
        }),
      },
    ],
  };
}
