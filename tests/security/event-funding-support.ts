// An event's funding in the security suites: a seminar for West Africa on the Trafficking in Persons
// Protocol (so donor X's money under the TIP-Africa earmark may fund it), with an allocation of donor X's
// and an approved participant of State A paid from it; a valid body for every funding write; and the
// matrix's sample requests (donor X reads the funding its money paid, donor Y is answered 404).
import type { Principal } from '../../src/auth/domain/policy.ts';
import type { ServiceContext } from '../../src/context.ts';
import { registerDelegation } from '../../src/events/services/delegations.ts';
import { reviewDelegate } from '../../src/events/services/delegations-review.ts';
import { changeEventStatus, createEvent } from '../../src/events/services/events.ts';
import { allocateToEvent, payParticipant } from '../../src/events/services/funding.ts';
import type { TestApp } from '../helpers/app.ts';
import { inWrite } from '../funds/support.ts';
import { registration } from './delegations-support.ts';
import { eventInput } from './events-support.ts';
import { DONOR_X, fundRecords } from './fund-support.ts';
import { SEC_EARMARK } from './fund-support.ts';
import { STATE_A, type MatrixCase, type ValidBodies } from './support.ts';

const ADMIN: Principal = { userId: null, role: 'admin', states: [], donors: [], via: 'token' };
const setup = (t: TestApp): ServiceContext => ({ ...t.ctx('test-setup'), principal: ADMIN });
const BOOKED = '2026-04-03';

export interface FundingRecords {
  event: number;
  delegate: number;
  allocation: number;
}

const cache = new WeakMap<TestApp, Promise<FundingRecords>>();

async function fundedEvent(t: TestApp, title: string): Promise<FundingRecords> {
  await fundRecords(t);
  const ctx = setup(t);
  return inWrite(ctx, async (db) => {
    const event = await createEvent(ctx, db, {
      ...eventInput(title),
      targets: [{ kind: 'intermediate_region', value: 'Western Africa' }],
      instruments: ['TIP'],
      agenda: [],
    });
    await changeEventStatus(ctx, db, event, { status: 'registration_open', reason: null, revision: 1 });
    const r = await registerDelegation(ctx, db, event, registration(STATE_A, `Funded ${title}`));
    const delegate = r.delegates[0]?.id ?? 0;
    await reviewDelegate(ctx, db, event, delegate, { decision: 'approve', reason: null });
    const { allocationId } = await allocateToEvent(ctx, db, event, {
      donorId: DONOR_X,
      earmarkId: SEC_EARMARK,
      amount: '1000.00',
      bookedOn: BOOKED,
    });
    await payParticipant(ctx, db, event, {
      delegateId: delegate,
      kind: 'travel',
      allocationId,
      amount: '10.00',
      bookedOn: BOOKED,
    });
    return { event, delegate, allocation: allocationId };
  });
}

export function fundingRecords(t: TestApp): Promise<FundingRecords> {
  let records = cache.get(t);
  if (!records) {
    records = fundedEvent(t, 'Seminar funded in the security tests');
    cache.set(t, records);
  }
  return records;
}

const bodies = (r: FundingRecords): ValidBodies => ({
  'PUT /api/events/{id}/funding/budget': {
    url: `/api/events/${r.event}/funding/budget`,
    body: { amount: '5000.00' },
  },
  'POST /api/events/{id}/funding/allocations': {
    url: `/api/events/${r.event}/funding/allocations`,
    body: { donorId: DONOR_X, earmarkId: SEC_EARMARK, amount: '1.00', bookedOn: BOOKED },
  },
  'POST /api/events/{id}/funding/payments': {
    url: `/api/events/${r.event}/funding/payments`,
    body: {
      delegateId: r.delegate,
      kind: 'dsa',
      allocationId: r.allocation,
      amount: '0.01',
      bookedOn: BOOKED,
    },
  },
});

export async function fundingValidBodies(t: TestApp): Promise<ValidBodies> {
  return bodies(await fundingRecords(t));
}

/** One sample request per funding operation. */
export function fundingSamples(t: () => TestApp): Record<string, () => MatrixCase[]> {
  const write = (key: string, ok: number) => (): MatrixCase[] => [
    {
      label: '',
      ok,
      build: async () => {
        const b = bodies(await fundingRecords(t()))[key];
        if (!b) throw new Error(`no body for ${key}`);
        return { url: b.url, payload: b.body };
      },
    },
  ];
  return {
    'GET /api/events/{id}/funding': () => [
      {
        label: "donor X's money",
        owners: [{ donor: DONOR_X }],
        ok: 200,
        build: async () => ({ url: `/api/events/${(await fundingRecords(t())).event}/funding` }),
      },
    ],
    'PUT /api/events/{id}/funding/budget': write('PUT /api/events/{id}/funding/budget', 200),
    'POST /api/events/{id}/funding/allocations': write('POST /api/events/{id}/funding/allocations', 201),
    'POST /api/events/{id}/funding/payments': write('POST /api/events/{id}/funding/payments', 201),
  };
}
