// Donor X and donor Y: a donor account sees the pledges, transactions, allocations and statement of the
// donors it acts for and nothing of any other — lists included — and is told "not found" (404, the same
// answer as for a record that does not exist) for another donor's record. The matrix checks every cell
// against the policy; this checks that the lists a donor gets are its own rows and not empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { recordInterest } from '../../src/funds/services/payments.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { getter, inWrite, poster } from '../funds/support.ts';
import { DONOR_X, DONOR_Y, fundRecords, type FundRecords } from './fund-support.ts';
import { createPrincipals, type MatrixPrincipal, type PrincipalKey } from './support.ts';

let t: TestApp;
let r: FundRecords;
let as: Record<PrincipalKey, Record<string, string>>;
let both: Record<string, string>;
let interestId = 0;

beforeAll(async () => {
  t = await createTestApp();
  r = await fundRecords(t);
  const principals: MatrixPrincipal[] = await createPrincipals(t);
  as = Object.fromEntries(principals.map((p) => [p.key, p.headers])) as typeof as;
  const { token } = await issueToken(t.ctx('test-setup'), {
    name: 'acts for X and Y',
    role: 'donor',
    donors: [DONOR_X, DONOR_Y],
  });
  both = { authorization: `Bearer ${token}` };
  const ctx = t.ctx('test-setup');
  interestId = await inWrite(ctx, (db) =>
    recordInterest(ctx, db, {
      bookedOn: '2026-03-31',
      amount: '10.00',
      earmarkId: 'GENERAL',
      donorId: 'FUND',
    }),
  );
});
afterAll(async () => t?.close());

const donorsOf = (rows: Array<{ donorId: string }>) => [...new Set(rows.map((x) => x.donorId))].sort();

describe(`donor X sees its own fund records only (${STORE_KIND})`, () => {
  // The ledger is paged, its rows under `transactions`; the other two lists are JSON arrays.
  it.each([
    ['/api/fund/pledges', null],
    ['/api/fund/transactions', 'transactions'],
    ['/api/fund/allocations', null],
  ] as const)(
    '%s: donor X gets its rows, none of Y; a donor of both gets both; the Secretariat all',
    async (url, field) => {
      const get = getter(t);
      const rows = async (path: string, who: Parameters<typeof get>[1]) => {
        const body = (await get(path, who)).json() as unknown;
        return (field ? (body as Record<string, unknown>)[field] : body) as Array<{ donorId: string }>;
      };
      const x = await get(url, as.donor_X);
      expect(x.statusCode, x.body).toBe(200);
      expect((await rows(url, as.donor_X)).length).toBeGreaterThan(0);
      expect(donorsOf(await rows(url, as.donor_X))).toEqual([DONOR_X]);
      expect(donorsOf(await rows(url, as.donor_Y))).toEqual([DONOR_Y]);
      expect(donorsOf(await rows(url, both))).toEqual([DONOR_X, DONOR_Y]);
      expect(donorsOf(await rows(url, as.programme_officer))).toEqual(
        expect.arrayContaining([DONOR_X, DONOR_Y]),
      );
      // Filtering on another donor is refused as if there were nothing: 404.
      expect((await get(`${url}?donorId=${DONOR_Y}`, as.donor_X)).statusCode).toBe(404);
      expect(donorsOf(await rows(`${url}?donorId=${DONOR_X}`, as.donor_X))).toEqual([DONOR_X]);
    },
  );

  it('a donor sees who recorded its transactions as null; the Secretariat sees the internal id', async () => {
    const get = getter(t);
    const mine = (
      (await get('/api/fund/transactions', as.donor_X)).json() as {
        transactions: Array<{ recordedBy: unknown }>;
      }
    ).transactions;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.recordedBy === null)).toBe(true);
    const one = await get(`/api/fund/transactions/${r.payment.X}`, as.donor_X);
    expect(one.json()).toMatchObject({ recordedBy: null });
    const staff = await get(`/api/fund/transactions/${r.payment.X}`, as.programme_officer);
    expect((staff.json() as { recordedBy: unknown }).recordedBy).toEqual(expect.any(String));
  });

  it("donor X asking for the transactions of Y's allocation gets none", async () => {
    const res = await getter(t)(`/api/fund/transactions?allocationId=${r.allocation.Y}`, as.donor_X);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ transactions: [], next: null });
  });

  it.each([
    ['pledge', (id: FundRecords) => `/api/fund/pledges/${id.pledge.Y}`, '/api/fund/pledges/999999'],
    [
      'transaction',
      (id: FundRecords) => `/api/fund/transactions/${id.payment.Y}`,
      '/api/fund/transactions/999999',
    ],
    [
      'allocation',
      (id: FundRecords) => `/api/fund/allocations/${id.allocation.Y}`,
      '/api/fund/allocations/999999',
    ],
  ])("Y's %s: 404 for donor X, shaped like a record that does not exist", async (what, url, missing) => {
    const get = getter(t);
    const denied = await get(url(r), as.donor_X);
    const absent = await get(missing, as.donor_X);
    expect(denied.statusCode).toBe(404);
    expect(absent.statusCode).toBe(404);
    expect(denied.body).not.toContain(r.secret.Y);
    expect(denied.body).not.toContain(DONOR_Y);
    const shape = (body: string) => body.replace(/\d+/g, 'N');
    expect(shape(denied.body)).toBe(shape(absent.body));
    expect(denied.json().detail).toMatch(new RegExp(`^${what} "\\d+" does not exist$`));
    expect((await get(url(r), as.donor_Y)).statusCode).toBe(200);
  });

  it("the Fund's own interest is no donor's to read", async () => {
    const get = getter(t);
    expect((await get(`/api/fund/transactions/${interestId}`, as.donor_X)).statusCode).toBe(404);
    expect((await get(`/api/fund/transactions/${interestId}`, as.fund_officer)).statusCode).toBe(200);
  });

  it.each(['json', 'csv', 'xlsx'])("statements (%s): X's own, not Y's", async (format) => {
    const get = getter(t);
    const own = await get(`/api/fund/donors/${DONOR_X}/statement?format=${format}`, as.donor_X);
    expect(own.statusCode).toBe(200);
    const other = await get(`/api/fund/donors/${DONOR_Y}/statement?format=${format}`, as.donor_X);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    expect(other.body).not.toContain(r.secret.Y);
    if (format === 'json') expect(donorsOf(own.json().pledgeList)).toEqual([DONOR_X]);
  });

  it('focal points and anonymous callers read no donor records; donors record nothing', async () => {
    const get = getter(t);
    expect((await get('/api/fund/pledges', as.focal_A)).statusCode).toBe(404);
    expect((await get(`/api/fund/donors/${DONOR_X}/statement`, as.focal_B)).statusCode).toBe(404);
    expect((await get('/api/fund/transactions', as.anonymous)).statusCode).toBe(401);
    const post = poster(t);
    const pay = {
      donorId: DONOR_X,
      receivedOn: '2026-03-10',
      currency: 'USD',
      amount: '1.00',
      earmarkId: 'GENERAL',
    };
    expect((await post('/api/fund/payments', pay, undefined, as.donor_X)).statusCode).toBe(403);
    expect((await post('/api/fund/payments', pay, undefined, as.programme_officer)).statusCode).toBe(403);
    expect((await post('/api/fund/payments', pay, undefined, as.fund_officer)).statusCode).toBe(201);
  });
});
