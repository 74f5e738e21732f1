// Funded participation through the API, on both stores: the Secretariat sets a seminar's budget, allocates
// money to it from donors' earmarks (the earmark's rules apply), pays approved participants' travel and DSA
// out of those allocations (13% programme support costs, rounded half to even, exact to the cent); every
// refusal is at its field with nothing written; a donor sees only what its own money paid, without names;
// the figures survive the erasure of personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/common/clock.ts';
import type { DelegationView } from '../../src/events/delegation-contract.ts';
import type { EventFundingView } from '../../src/events/funding-contract.ts';
import { erasePersonalData } from '../../src/events/services/erasure.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { openSeminar } from './delegations-support.ts';
import { fundedSeminar, type FundedSeminar } from './funding-support.ts';

let t: TestApp;
let s: FundedSeminar;
let ita: number;
let nor: number;

const funding = async (who: string | null, event = s.event) => s.api.get(who, `/api/events/${event}/funding`);
const view = async (who: string) => {
  const res = await funding(who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EventFundingView;
};
const pay = (body: Record<string, unknown>, expected?: number, event = s.event) =>
  s.api.send('admin', `/api/events/${event}/funding/payments`, body, expected);
const travel = (delegateId: number, amount: string, allocationId = ita) => ({
  delegateId,
  kind: 'travel',
  allocationId,
  amount,
  bookedOn: '2026-06-20',
});

async function counts(): Promise<number[]> {
  const n = async (table: 'ledger_transactions' | 'event_funded_costs' | 'event_budgets' | 'audit_log') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return [
    await n('ledger_transactions'),
    await n('event_funded_costs'),
    await n('event_budgets'),
    await n('audit_log'),
  ];
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  s = await fundedSeminar(t);
  const budget = await t.app.inject({
    method: 'PUT',
    url: `/api/events/${s.event}/funding/budget`,
    headers: { ...t.auth, 'idempotency-key': 'budget-1' },
    payload: { amount: '20000.00' },
  });
  expect(budget.statusCode, budget.body).toBe(200);
  const allocate = async (donorId: string, earmarkId: string, amount: string) =>
    (
      (
        await s.api.send(
          'admin',
          `/api/events/${s.event}/funding/allocations`,
          { donorId, earmarkId, amount, bookedOn: '2026-06-01' },
          201,
        )
      ).json() as { allocationId: number }
    ).allocationId;
  ita = await allocate('ITA', 'SEM-AFRICA', '10000.00');
  nor = await allocate('NOR', 'GENERAL', '3000.00');
}, 60_000);
afterAll(async () => t?.close());

describe('funded participation', () => {
  it('pays travel and DSA exactly, with 13% support costs rounded half to even', async () => {
    const [a, b, c] = s.sen;
    // 1012.50 × 13% = 131.625: half to even gives 131.62 (half up would give 131.63).
    const first = await pay(travel(a as number, '1012.50'), 201);
    expect(first.json()).toMatchObject({ amount: '1012.50', supportCosts: '131.62', kind: 'travel' });
    await pay(travel(b as number, '1234.57'), 201); // 160.4941 → 160.49
    await pay(travel(c as number, '999.99'), 201); // 129.9987 → 130.00
    await pay({ ...travel(a as number, '450.00'), kind: 'dsa' }, 201); // 58.50
    await pay(travel(s.gha, '800.00', nor), 201); // 104.00

    const v = await view('admin');
    expect(v.scope).toBe('all');
    expect(v.budget).toBe('20000.00');
    expect(v.allocated).toBe('13000.00');
    // 1012.50 + 1234.57 + 999.99 + 450.00 + 800.00 = 4497.06; support 131.62 + 160.49 + 130.00 + 58.50 + 104.00
    expect(v.spent).toBe('4497.06');
    expect(v.supportCosts).toBe('584.61');
    expect(v.actual).toBe('5081.67');
    expect(v.remaining).toBe('14918.33');
    expect(v.unspent).toBe('7918.33');
    expect(v.unallocated).toBe('7000.00');
    const itaLine = v.allocations.find((l) => l.id === ita);
    expect(itaLine).toMatchObject({
      donor: { id: 'ITA', name: 'Italy' },
      earmark: { id: 'SEM-AFRICA' },
      allocated: '10000.00',
      spent: '3697.06',
      supportCosts: '480.61',
      balance: '5822.33',
      bookedOn: '2026-06-01',
      pscPercent: '13',
    });
    const head = v.participants.find((p) => p.delegateId === a);
    expect(head).toMatchObject({
      state: { id: 'SEN' },
      name: 'Mr. Aminata Diallo',
      travel: '1012.50',
      dsa: '450.00',
      supportCosts: '190.12',
      total: '1652.62',
    });
    expect(v.participants).toHaveLength(4);

    const delegations = (await s.api.get('admin', `/api/events/${s.event}/delegations`)).json() as {
      delegations: DelegationView[];
    };
    const funded = delegations.delegations.flatMap((d) =>
      d.delegates.filter((p) => p.funded).map((p) => p.id),
    );
    expect(funded.sort()).toEqual([...s.sen, s.gha].sort());
  });

  it('refuses each bad payment at its field, with nothing written', async () => {
    const other = await openSeminar(t, 'Another seminar');
    const [otherSemDelegate] = (
      await s.api.send(
        'admin',
        `/api/events/${other}/delegations`,
        {
          state: 'MLI',
          delegates: [
            {
              position: 'head',
              category: 'delegate',
              title: null,
              givenName: 'Oumar',
              familyName: 'Traore',
              function: null,
              email: null,
            },
          ],
          noteVerbale: {
            filename: 'n.pdf',
            contentBase64: (await import('./delegations-support.ts')).samplePdf().toString('base64'),
          },
        },
        201,
      )
    ).json().delegates as Array<{ id: number }>;
    const before = await counts();
    const cases: Array<[string, Record<string, unknown>, number, string, number?]> = [
      ['a pending participant', travel(s.pending, '100.00'), 422, 'delegateId'],
      ['a participant of another event', travel(otherSemDelegate?.id ?? 0, '100.00'), 422, 'delegateId'],
      ['a delegate who does not exist', travel(999_999, '100.00'), 422, 'delegateId'],
      ['an allocation of no event of this', travel(s.gha, '100.00', 999_999), 422, 'allocationId'],
      ['more than the allocation holds', travel(s.gha, '9000.00', nor), 422, 'amount'],
      ['a zero amount', travel(s.gha, '0.00'), 422, 'amount'],
      ['a cost kind that is not one', { ...travel(s.gha, '10.00'), kind: 'hotel' }, 422, 'kind'],
    ];
    // The other event's allocation, from ITA's money: it does not fund this event.
    const otherAllocation = (
      await s.api.send(
        'admin',
        `/api/events/${other}/funding/allocations`,
        { donorId: 'ITA', earmarkId: 'SEM-AFRICA', amount: '100.00', bookedOn: '2026-06-01' },
        201,
      )
    ).json() as { allocationId: number };
    const afterSetup = await counts();
    cases.push([
      'an allocation of another event',
      travel(s.gha, '10.00', otherAllocation.allocationId),
      422,
      'allocationId',
    ]);
    for (const [what, body, status, field] of cases) {
      const res = await pay(body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(res.json().errors[0].field, `${what}: ${res.body}`).toBe(field);
    }
    expect(await counts()).toEqual(afterSetup);
    expect(afterSetup[1]).toBe(before[1]);
  });

  it('applies the earmark and refuses a cancelled event, at their fields', async () => {
    const before = await counts();
    const asia = await s.api.send('admin', `/api/events/${s.event}/funding/allocations`, {
      donorId: 'NOR',
      earmarkId: 'SEM-ASIA',
      amount: '100.00',
      bookedOn: '2026-06-01',
    });
    expect(asia.statusCode, asia.body).toBe(422);
    expect(asia.json().errors[0].field).toBe('earmarkId');
    const notOnAgenda = await s.api.send('admin', `/api/events/${s.event}/funding/allocations`, {
      donorId: 'ITA',
      earmarkId: 'SEM-AFRICA',
      amount: '100.00',
      bookedOn: '2026-06-01',
      instrumentId: 'TIP',
    });
    expect(notOnAgenda.statusCode, notOnAgenda.body).toBe(422);
    expect(notOnAgenda.json().errors[0].field).toBe('instrumentId');

    const cancelled = await openSeminar(t, 'A seminar called off');
    const cancel = await s.api.send('admin', `/api/events/${cancelled}/status`, {
      status: 'cancelled',
      reason: 'No host',
      revision: 2,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const mid = await counts();
    for (const [url, method, body] of [
      [
        'allocations',
        'POST',
        { donorId: 'ITA', earmarkId: 'SEM-AFRICA', amount: '100.00', bookedOn: '2026-06-01' },
      ],
      ['budget', 'PUT', { amount: '100.00' }],
    ] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/events/${cancelled}/funding/${url}`,
        headers: t.auth,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().errors[0].field).toBe('event.status');
    }
    expect(await counts()).toEqual(mid);
    expect(mid[0]).toBe(before[0]);
  });

  it('shows a donor only what its own money paid, without names or budget', async () => {
    const mine = await view('ita');
    expect(mine.scope).toBe('own');
    expect(mine.budget).toBeNull();
    expect(mine.allocations.map((a) => a.donor.id)).toEqual(['ITA']);
    expect(mine.participants.map((p) => p.state.id).sort()).toEqual(['SEN', 'SEN', 'SEN']);
    expect(mine.participants.every((p) => p.name === null)).toBe(true);
    expect(mine.allocated).toBe('10000.00');
    expect(JSON.stringify(mine)).not.toMatch(/Diallo|Asante|NOR/);
    const norway = await view('nor');
    expect(norway.participants.map((p) => [p.state.id, p.travel])).toEqual([['GHA', '800.00']]);
    // A donor whose money paid nothing, a focal point, the public: nothing to see.
    expect((await funding('jpn')).statusCode).toBe(404);
    expect((await funding('senFp')).statusCode).toBe(404);
    expect((await funding(null)).statusCode).toBe(401);
    expect((await funding('admin', 999_999)).statusCode).toBe(404);
    const officer = await view('officer');
    expect(officer.scope).toBe('all');
    // Writes are the fund officers' and administrators'.
    const refused = await s.api.send('officer', `/api/events/${s.event}/funding/allocations`, {
      donorId: 'ITA',
      earmarkId: 'SEM-AFRICA',
      amount: '1.00',
      bookedOn: '2026-06-01',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('keeps every amount after the personal data are erased, names gone', async () => {
    const before = await view('admin');
    const ctx = { ...t.ctx('cli:test'), clock: fixedClock('2032-01-01') };
    const report = await erasePersonalData(ctx, { years: 5, dryRun: false });
    expect(report.events.map((e) => e.id)).toContain(s.event);
    const after = await view('admin');
    expect(after.participants.every((p) => p.name === null)).toBe(true);
    const amounts = (v: EventFundingView) => ({
      ...v,
      participants: v.participants.map((p) => ({ ...p, name: null })),
    });
    expect(amounts(after)).toEqual(amounts(before));
    expect(JSON.stringify(after)).not.toMatch(/Diallo|Ndiaye|Sarr|Asante/);
  });
});
