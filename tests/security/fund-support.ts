// The fund ledger in the security suites: records of donor X and donor Y (a pledge, a payment, an allocation
// each, with text a denial must never reveal), a valid body for every fund write, the matrix's sample request
// for every fund operation, and the check that a donor's read holds no row of another donor.
import type { Principal } from '../../src/auth/domain/policy.ts';
import { recordPayment } from '../../src/funds/services/payments.ts';
import { recordPledge } from '../../src/funds/services/pledges.ts';
import { allocate } from '../../src/funds/services/uses.ts';
import type { TestApp } from '../helpers/app.ts';
import { inWrite, setUpFund, tipAfrica } from '../funds/support.ts';
import type { MatrixCase, ValidBodies } from './support.ts';

/** The donors that the donor X and donor Y accounts of the matrix act for. */
export const DONOR_X = 'DX';
export const DONOR_Y = 'DY';
export const SEC_EARMARK = 'SEC-TIP';
type Who = 'X' | 'Y';
const DONOR: Record<Who, string> = { X: DONOR_X, Y: DONOR_Y };

export interface FundRecords {
  pledge: Record<Who, number>;
  payment: Record<Who, number>;
  allocation: Record<Who, number>;
  /** Text inside each donor's records (pledge conditions, payment memo, allocation description). */
  secret: Record<Who, string>;
}

/** A payment of `amount` USD from `donor` into the security earmark (a transaction to reverse, say). */
async function pay(t: TestApp, donor: string, amount: string, memo: string | null = null): Promise<number> {
  const ctx = t.ctx('test-setup');
  return inWrite(ctx, (db) =>
    recordPayment(ctx, db, {
      donorId: donor,
      receivedOn: '2026-03-10',
      currency: 'USD',
      amount,
      earmarkId: SEC_EARMARK,
      memo,
    }),
  );
}

const created = new WeakMap<TestApp, FundRecords>();

/** Donors X and Y with a pledge, a payment and an allocation each, created once per application. */
export async function fundRecords(t: TestApp): Promise<FundRecords> {
  const known = created.get(t);
  if (known) return known;
  const ctx = t.ctx('test-setup');
  await setUpFund(ctx, {
    donors: [{ id: DONOR_X }, { id: DONOR_Y }],
    earmarks: [tipAfrica(SEC_EARMARK)],
    months: ['2026-03'],
  });
  const out: FundRecords = {
    pledge: { X: 0, Y: 0 },
    payment: { X: 0, Y: 0 },
    allocation: { X: 0, Y: 0 },
    secret: { X: 'private-note-of-donor-X-7f3a', Y: 'private-note-of-donor-Y-2c9b' },
  };
  for (const who of ['X', 'Y'] as const) {
    const donorId = DONOR[who];
    const secret = out.secret[who];
    out.pledge[who] = await inWrite(ctx, (db) =>
      recordPledge(ctx, db, {
        donorId,
        pledgedOn: '2026-01-15',
        currency: 'USD',
        amount: '9000000.00',
        earmarkId: SEC_EARMARK,
        sourceOfFunds: 'voluntary',
        instalments: [],
        conditions: secret,
      }),
    );
    out.payment[who] = await pay(t, donorId, '5000000.00', secret);
    out.allocation[who] = (
      await inWrite(ctx, (db) =>
        allocate(ctx, db, {
          donorId,
          earmarkId: SEC_EARMARK,
          amount: '1000000.00',
          bookedOn: '2026-04-01',
          purpose: { kind: 'project', ref: `PRJ-${who}`, instrumentId: 'TIP', countryId: 'NGA' },
          description: secret,
          pscPercent: '0',
        }),
      )
    ).allocationId;
  }
  created.set(t, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Valid bodies (fuzz, mass assignment)

/** A valid body for every fund write; `reversible` is the transaction the reversal sample reverses. */
function fundBodies(r: FundRecords, reversible: number): ValidBodies {
  const x = r.allocation.X;
  return {
    'POST /api/fund/rates': {
      url: '/api/fund/rates',
      body: { currency: 'EUR', month: '2026-04', rate: '0.93', source: 'test: security' },
    },
    'POST /api/fund/donors': {
      url: '/api/fund/donors',
      body: { id: 'SEC-NEW', name: 'A new donor', kind: 'foundation' },
    },
    'POST /api/fund/earmarks': { url: '/api/fund/earmarks', body: { ...tipAfrica('SEC-NEW-EAR') } },
    'POST /api/fund/pledges': {
      url: '/api/fund/pledges',
      body: {
        donorId: DONOR_X,
        pledgedOn: '2026-02-01',
        currency: 'EUR',
        amount: '1000.00',
        earmarkId: SEC_EARMARK,
        sourceOfFunds: 'voluntary',
        instalments: [{ dueOn: '2026-12-31', amount: '1000.00' }],
        conditions: 'none',
      },
    },
    'POST /api/fund/pledges/{id}/events': {
      url: `/api/fund/pledges/${r.pledge.X}/events`,
      body: { kind: 'agreement', happenedOn: '2026-02-01', reference: 'AGR-SEC-1', pscPercent: '13' },
    },
    'POST /api/fund/payments': {
      url: '/api/fund/payments',
      body: {
        donorId: DONOR_X,
        receivedOn: '2026-03-12',
        currency: 'EUR',
        amount: '10.00',
        earmarkId: SEC_EARMARK,
        reference: 'REF-1',
        memo: 'a memo',
      },
    },
    'POST /api/fund/interest': {
      url: '/api/fund/interest',
      body: { bookedOn: '2026-03-31', amount: '1.00', reference: 'BANK-1' },
    },
    'POST /api/fund/allocations/{id}/expenditures': {
      url: `/api/fund/allocations/${x}/expenditures`,
      body: { amount: '1.00', bookedOn: '2026-04-02', reference: 'INV-1', memo: 'a memo' },
    },
    'POST /api/fund/allocations/{id}/releases': {
      url: `/api/fund/allocations/${x}/releases`,
      body: { amount: '1.00', bookedOn: '2026-04-02', reference: 'REL-1', memo: 'a memo' },
    },
    'POST /api/fund/refunds': {
      url: '/api/fund/refunds',
      body: { donorId: DONOR_X, earmarkId: SEC_EARMARK, amount: '1.00', bookedOn: '2026-04-03' },
    },
    'POST /api/fund/transfers': {
      url: '/api/fund/transfers',
      body: {
        donorId: DONOR_X,
        fromEarmarkId: SEC_EARMARK,
        toEarmarkId: 'GENERAL',
        amount: '1.00',
        bookedOn: '2026-04-03',
        agreementRef: 'LETTER-1',
      },
    },
    'POST /api/fund/transactions/{id}/reversal': {
      url: `/api/fund/transactions/${reversible}/reversal`,
      body: { bookedOn: '2026-04-04', reason: 'entered twice' },
    },
    'POST /api/fund/allocations': {
      url: '/api/fund/allocations',
      body: {
        donorId: DONOR_X,
        earmarkId: SEC_EARMARK,
        amount: '1.00',
        bookedOn: '2026-04-01',
        purpose: { kind: 'project', ref: 'PRJ-SEC', instrumentId: 'TIP', countryId: 'NGA' },
        description: 'a description',
      },
    },
  };
}

export async function fundValidBodies(t: TestApp): Promise<ValidBodies> {
  return fundBodies(await fundRecords(t), await pay(t, DONOR_X, '3.00'));
}

// ---------------------------------------------------------------------------------------------------------
// The authorization matrix

/** Rows of a fund read that belong to a donor the caller does not act for (donor accounts only). */
export function foreignDonorRows(body: unknown, principal: Principal | null): unknown[] {
  if (principal?.role !== 'donor') return [];
  const found: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const donorId = (v as Record<string, unknown>).donorId;
      if (donorId !== undefined && !(typeof donorId === 'string' && principal.donors.includes(donorId)))
        found.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(body);
  return found;
}

/** One sample request per fund operation; `fresh()` gives a new number for every call. */
export function fundSamples(t: () => TestApp, fresh: () => number): Record<string, () => MatrixCase[]> {
  const records = () => fundRecords(t());
  const body = async (key: string) => {
    const v = fundBodies(await records(), 0)[key];
    if (!v) throw new Error(`no valid body for ${key}`);
    return v;
  };
  const plain =
    (url: string): (() => MatrixCase[]) =>
    () => [{ label: '', ok: 200, build: async () => ({ url }) }];
  const write =
    (key: string, build?: () => Promise<{ url: string; payload: Record<string, unknown> }>) => () => [
      {
        label: '',
        ok: 201,
        build: async () => {
          if (build) return build();
          const v = await body(key);
          return { url: v.url, payload: v.body };
        },
      },
    ];
  /** A read of one donor's record, for each donor: only Secretariat roles and that donor may see it. */
  const owned = (what: string, url: (r: FundRecords, who: Who) => string) => () =>
    (['X', 'Y'] as const).map((who): MatrixCase => ({
      label: `donor ${who}'s ${what}`,
      owners: [{ donor: DONOR[who] }],
      ok: 200,
      secret: `private-note-of-donor-${who}`,
      build: async () => ({ url: url(await records(), who) }),
    }));
  /** A list: unfiltered (a donor gets its own rows), and filtered on each donor. */
  const list = (url: string) => () => [
    { label: 'unfiltered', ok: 200, build: async () => ({ url }) },
    ...owned(`${url} rows`, (_r, who) => `${url}?donorId=${DONOR[who]}`)(),
  ];
  return {
    'GET /api/fund/currencies': plain('/api/fund/currencies'),
    'GET /api/fund/rates': plain('/api/fund/rates?currency=EUR'),
    'POST /api/fund/rates': write('POST /api/fund/rates'),
    'POST /api/fund/rates/import': () => [
      {
        label: '',
        ok: 200,
        build: async () => ({
          url: '/api/fund/rates/import',
          contentType: 'text/csv',
          payload: 'currency,month,rate,source\nKWD,2026-05,0.3071,test: matrix\n',
        }),
      },
    ],
    'GET /api/fund/donors': plain('/api/fund/donors'),
    'POST /api/fund/donors': write('', async () => ({
      url: '/api/fund/donors',
      payload: { id: `MX${fresh()}`, name: 'Matrix donor', kind: 'private' },
    })),
    'GET /api/fund/earmarks': plain('/api/fund/earmarks'),
    'POST /api/fund/earmarks': write('', async () => ({
      url: '/api/fund/earmarks',
      payload: { ...tipAfrica(`MX-EAR${fresh()}`) },
    })),
    'GET /api/fund/pledges': list('/api/fund/pledges'),
    'GET /api/fund/pledges/{id}': owned('pledge', (r, who) => `/api/fund/pledges/${r.pledge[who]}`),
    'POST /api/fund/pledges': write('POST /api/fund/pledges'),
    'POST /api/fund/pledges/{id}/events': write('', async () => {
      const v = await body('POST /api/fund/pledges');
      const ctx = t().ctx('test-setup');
      const id = await inWrite(ctx, (db) => recordPledge(ctx, db, v.body as never));
      return {
        url: `/api/fund/pledges/${id}/events`,
        payload: { kind: 'agreement', happenedOn: '2026-02-03', reference: `AGR-${fresh()}` },
      };
    }),
    'POST /api/fund/payments': write('POST /api/fund/payments'),
    'POST /api/fund/interest': write('POST /api/fund/interest'),
    'POST /api/fund/allocations/{id}/expenditures': write('POST /api/fund/allocations/{id}/expenditures'),
    'POST /api/fund/allocations/{id}/releases': write('POST /api/fund/allocations/{id}/releases'),
    'POST /api/fund/refunds': write('POST /api/fund/refunds'),
    'POST /api/fund/transfers': write('POST /api/fund/transfers'),
    'POST /api/fund/transactions/{id}/reversal': write('', async () => ({
      url: `/api/fund/transactions/${await pay(t(), DONOR_X, '2.00')}/reversal`,
      payload: { bookedOn: '2026-04-05', reason: 'matrix' },
    })),
    'GET /api/fund/transactions': list('/api/fund/transactions'),
    'GET /api/fund/transactions/{id}': owned(
      'payment',
      (r, who) => `/api/fund/transactions/${r.payment[who]}`,
    ),
    'GET /api/fund/allocations': list('/api/fund/allocations'),
    'GET /api/fund/allocations/{id}': owned(
      'allocation',
      (r, who) => `/api/fund/allocations/${r.allocation[who]}`,
    ),
    'POST /api/fund/allocations': write('POST /api/fund/allocations'),
    'GET /api/fund/donors/{donorId}/statement': () =>
      (['json', 'csv', 'xlsx'] as const).flatMap((format) =>
        owned(
          `statement (${format})`,
          (_r, who) => `/api/fund/donors/${DONOR[who]}/statement?format=${format}`,
        )(),
      ),
    'GET /api/fund/statement': plain('/api/fund/statement?from=2025-01-01&to=2025-12-31'),
    'GET /api/fund/contributions': plain('/api/fund/contributions'),
    'GET /api/fund/reconciliation': plain('/api/fund/reconciliation'),
  };
}
