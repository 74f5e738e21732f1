// Donor confidentiality: what the public (and any account not entitled to the ledger's detail) can learn
// from the published fund figures. An attacker who bisects `to` on /api/fund/contributions or on
// /api/fund/statement would rebuild each payment (its day and amount); one who reads an earmark given by a
// single donor, or subtracts the shown earmark lines from the totals, would read that donor's amount. Each
// attack is run here and must fail; the Secretariat still sees every day, and a donor its own statement.
//
// The ledger (USD; today 2026-06-30, so 2025 is the last closed year):
//   DA 2025-02-10 1,000.00 GENERAL   2025-05-03 250.00 SOLO (DA alone)   2025-09-01 300.00 GENERAL
//   DB 2025-03-15 2,000.00 GENERAL   2025-07-07 400.00 TIP
//   DC 2025-04-20 1,500.00 GENERAL   2025-08-08 600.00 TIP
//   DD 2025-06-06   700.00 TIP       2025-10-10  50.00 GENERAL
//   DA 2026-02-02   999.00 GENERAL   (the current year: never published)
// The same, with other amounts, for illustrative donors (the other dataset).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { addDays } from '../../src/common/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { getter, poster, setUpFund, tipAfrica } from '../funds/support.ts';
import { determinedByEquations } from '../funds/domain/equations.ts';
import { isProblem } from './support.ts';

let t: TestApp;
let get: ReturnType<typeof getter>;
let donorA: Record<string, string>;
const PUBLIC = {};

type Pay = [donor: string, on: string, amount: string, earmark: string];
const PAYMENTS: Pay[] = [
  ['DA', '2025-02-10', '1000.00', 'GENERAL'],
  ['DB', '2025-03-15', '2000.00', 'GENERAL'],
  ['DC', '2025-04-20', '1500.00', 'GENERAL'],
  ['DA', '2025-05-03', '250.00', 'SOLO'],
  ['DD', '2025-06-06', '700.00', 'TIP'],
  ['DB', '2025-07-07', '400.00', 'TIP'],
  ['DC', '2025-08-08', '600.00', 'TIP'],
  ['DA', '2025-09-01', '300.00', 'GENERAL'],
  ['DD', '2025-10-10', '50.00', 'GENERAL'],
  ['DA', '2026-02-02', '999.00', 'GENERAL'],
];
const DEMO: Pay[] = PAYMENTS.map(([d, on, amount, e]) => [
  `DEMO-${d}`,
  on,
  (Number(amount) + 7).toFixed(2),
  e,
]);

beforeAll(async () => {
  t = await createTestApp();
  get = getter(t);
  const post = poster(t);
  await setUpFund(t.ctx(), {
    donors: ['DA', 'DB', 'DC', 'DD'].flatMap((id) => [{ id }, { id: `DEMO-${id}`, illustrative: true }]),
    earmarks: [tipAfrica('TIP'), tipAfrica('SOLO')],
  });
  for (const [donorId, receivedOn, amount, earmarkId] of [...PAYMENTS, ...DEMO]) {
    const res = await post('/api/fund/payments', { donorId, receivedOn, currency: 'USD', amount, earmarkId });
    if (res.statusCode !== 201) throw new Error(`setup: ${res.body}`);
  }
  const { token } = await issueToken(t.ctx('test-setup'), { name: 'donor A', role: 'donor', donors: ['DA'] });
  donorA = { authorization: `Bearer ${token}` };
});
afterAll(async () => t?.close());

/** Every day of a year, as an attacker would ask for them. */
const days = (year: number): string[] => {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(d);
  return out;
};

type Row = { year: string; donorId: string; amount: string };
const cents = (s: string) => BigInt(s.replace('.', ''));

describe(`published fund figures (${STORE_KIND})`, () => {
  it.each([
    ['the public', PUBLIC],
    ["another donor's account", 'donorA'],
  ] as const)(
    '%s cannot rebuild a payment by bisecting `to` on /api/fund/contributions',
    async (_who, as) => {
      const headers = as === 'donorA' ? donorA : PUBLIC;
      for (const dataset of ['real', 'illustrative'] as const) {
        // The attacker asks for every day of 2025 and of 2026 so far, and keeps each donor's figure per day.
        const seen = new Map<string, Set<string>>();
        for (const day of [...days(2025), ...days(2026).filter((d) => d <= '2026-06-30')]) {
          const res = await get(`/api/fund/contributions?to=${day}&dataset=${dataset}`, headers);
          if (res.statusCode !== 200) {
            expect(res.statusCode, res.body).toBe(422);
            expect(isProblem(res)).toBe(true);
            expect(res.json().errors[0].field).toBe('to');
            continue;
          }
          for (const r of res.json().rows as Row[]) {
            const key = `${r.year} ${r.donorId}`;
            seen.set(key, new Set([...(seen.get(key) ?? []), r.amount]));
          }
        }
        // A payment shows up as a change of a donor's figure between two days: there is none to see.
        for (const [key, amounts] of seen) expect([...amounts], key).toHaveLength(1);
        // And the current year is not published at all.
        expect([...seen.keys()].filter((k) => k.startsWith('2026'))).toEqual([]);
      }
    },
  );

  it('publishes each donor’s total for the closed year, by default and for its last day', async () => {
    const byDefault = (await get('/api/fund/contributions', PUBLIC)).json();
    const asked = (await get('/api/fund/contributions?to=2025-12-31', PUBLIC)).json();
    expect(byDefault).toEqual(asked);
    expect(asked.to).toBe('2025-12-31');
    expect(asked.published).toBe(true);
    expect(asked.rows.map((r: Row) => [r.year, r.donorId, r.amount])).toEqual([
      ['2025', 'DA', '1550.00'],
      ['2025', 'DB', '2400.00'],
      ['2025', 'DC', '2100.00'],
      ['2025', 'DD', '750.00'],
    ]);
  });

  it('refuses any public period but a whole closed year, at the field', async () => {
    for (const [query, field] of [
      ['to=2025-06-30', 'to'],
      ['to=2026-12-31', 'to'],
      ['from=2025-03-01&to=2025-12-31', 'from'],
      ['from=2024-01-01&to=2025-12-31', 'from'],
      ['from=2026-01-01', 'from'],
      ['to=1999-12-31', 'to'],
    ] as const) {
      const res = await get(`/api/fund/statement?${query}`, PUBLIC);
      expect(res.statusCode, query).toBe(422);
      expect(isProblem(res)).toBe(true);
      expect(res.json().errors[0].field, query).toBe(field);
    }
    for (const dataset of ['real', 'illustrative']) {
      const seen = new Set<string>();
      for (const day of days(2025)) {
        const res = await get(`/api/fund/statement?to=${day}&dataset=${dataset}`, PUBLIC);
        if (res.statusCode === 200) seen.add(res.json().closingBalance);
        else expect(res.statusCode).toBe(422);
      }
      expect(seen.size).toBe(1);
    }
  });

  it.each(['real', 'illustrative'] as const)(
    'dataset %s: a single-donor earmark is merged, and nothing published gives back a donor’s amount',
    async (dataset) => {
      const prefix = dataset === 'real' ? '' : 'DEMO-';
      const s = (await get(`/api/fund/statement?dataset=${dataset}`, PUBLIC)).json();
      expect(s).toMatchObject({ from: '2025-01-01', to: '2025-12-31', published: true });
      const lines = new Map<string, { contributions: string; balance: string | null }>(
        s.byEarmark.map((l: { earmarkId: string }) => [l.earmarkId, l]),
      );
      expect([...lines.keys()]).not.toContain('SOLO');
      expect([...lines.keys()]).toContain('other');
      for (const l of lines.values()) expect(l.balance).toBeNull();
      // The attacker's equations: each donor's published total (chart), each earmark line shown apart.
      const chart = (await get(`/api/fund/contributions?dataset=${dataset}`, PUBLIC)).json();
      const truth = new Map<string, bigint>();
      for (const [d, on, amount, e] of dataset === 'real' ? PAYMENTS : DEMO)
        if (on < '2026') truth.set(`${d} ${e}`, (truth.get(`${d} ${e}`) ?? 0n) + cents(amount));
      const unknowns = [...truth.keys()];
      const rows: Array<{ sum: number[]; value: bigint }> = [];
      for (const r of chart.rows as Row[])
        rows.push({
          sum: unknowns.flatMap((u, i) => (u.startsWith(`${r.donorId} `) ? [i] : [])),
          value: cents(r.amount),
        });
      for (const [e, l] of lines)
        if (e !== 'other')
          rows.push({
            sum: unknowns.flatMap((u, i) => (u.endsWith(` ${e}`) ? [i] : [])),
            value: cents(l.contributions),
          });
      // The published figures are true (the equations hold) …
      for (const r of rows)
        expect(r.sum.reduce((a, i) => a + (truth.get(unknowns[i]!) ?? 0n), 0n)).toBe(r.value);
      const total = cents(s.sources.contributions);
      expect([...truth.values()].reduce((a, b) => a + b, 0n)).toBe(total);
      // … and no donor's amount to an earmark follows from them (for an outsider, or for a donor knowing its
      // own), beyond what its published total already says (a donor that gave to one earmark only).
      for (const observer of [null, ...['DA', 'DB', 'DC', 'DD'].map((d) => `${prefix}${d}`)]) {
        const mine = (u: string) => observer !== null && u.startsWith(`${observer} `);
        const keep = unknowns.flatMap((u, i) => (mine(u) ? [] : [i]));
        const remap = (sum: number[]) => sum.filter((i) => keep.includes(i)).map((i) => keep.indexOf(i));
        const totals = rows.slice(0, chart.rows.length).map((r) => remap(r.sum));
        const all = rows.map((r) => remap(r.sum));
        const before = determinedByEquations(totals, keep.length);
        const after = determinedByEquations(all, keep.length);
        const leaked = keep.filter((_, j) => after[j] && !before[j]).map((i) => unknowns[i]);
        expect(leaked, `observer ${observer}`).toEqual([]);
      }
    },
  );

  it('a donor account gets the published figures, and still its own full statement on any day', async () => {
    const pub = (await get('/api/fund/statement', donorA)).json();
    expect(pub.published).toBe(true);
    expect((await get('/api/fund/statement?to=2025-05-03', donorA)).statusCode).toBe(422);
    const own = (await get('/api/fund/donors/DA/statement?asOf=2025-05-03', donorA)).json();
    expect(own.totals.contributions).toBe('1250.00');
    expect(own.byEarmark.map((l: { earmarkId: string }) => l.earmarkId)).toEqual(['GENERAL', 'SOLO']);
  });

  it('the Secretariat sees any period, every earmark and its balances, as before', async () => {
    const s = (await get('/api/fund/statement?from=2025-05-01&to=2025-05-03')).json();
    expect(s.published).toBe(false);
    expect(s.sources.contributions).toBe('250.00');
    const solo = s.byEarmark.find((l: { earmarkId: string }) => l.earmarkId === 'SOLO');
    expect(solo).toMatchObject({ contributions: '250.00', balance: '250.00' });
    const c = (await get('/api/fund/contributions?to=2026-06-30')).json();
    expect(c.published).toBe(false);
    expect(c.rows).toContainEqual(expect.objectContaining({ year: '2026', donorId: 'DA', amount: '999.00' }));
  });
});
