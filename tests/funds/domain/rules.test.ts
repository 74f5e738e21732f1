// The pure ledger, earmark and pledge rules, table-driven: entries from postings, the per-currency balance
// check, reversing entries, the non-negative Fund accounts, what earmarked money may pay for, and a pledge's
// standing (paid, written off, outstanding, overdue) as at a date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/common/errors.ts';
import {
  checkEarmark,
  earmarkRefusal,
  type Earmark,
  type Purpose,
} from '../../../src/funds/domain/earmarks.ts';
import {
  account,
  applyEntries,
  balanceKey,
  checkBalanced,
  mustStayNonNegative,
  reversingEntries,
  toEntries,
} from '../../../src/funds/domain/ledger.ts';
import { MAX_MINOR } from '../../../src/funds/domain/money.ts';
import { instalmentProblem, pledgeStanding, type PledgeFacts } from '../../../src/funds/domain/pledges.ts';

describe('ledger', () => {
  it('turns postings into entries that sum to zero per currency', () => {
    const entries = toEntries([
      { from: 'donor/ITA', to: 'fx', currency: 'EUR', amount: 100n },
      { from: 'fx', to: 'available/GENERAL/ITA', currency: 'USD', amount: 108n },
    ]);
    expect(entries).toEqual([
      { account: 'donor/ITA', currency: 'EUR', amount: -100n },
      { account: 'fx', currency: 'EUR', amount: 100n },
      { account: 'fx', currency: 'USD', amount: -108n },
      { account: 'available/GENERAL/ITA', currency: 'USD', amount: 108n },
    ]);
    expect(() => checkBalanced(entries)).not.toThrow();
    expect(reversingEntries(entries).map((e) => e.amount)).toEqual([100n, -100n, 108n, -108n]);
  });

  it.each([
    [0n, /more than zero/],
    [-5n, /more than zero/],
  ])('refuses a posting of %i', (amount, message) => {
    expect(() => toEntries([{ from: 'a', to: 'b', currency: 'USD', amount }])).toThrow(message);
  });

  it('refuses a posting from an account to itself', () => {
    expect(() => toEntries([{ from: 'fx', to: 'fx', currency: 'USD', amount: 1n }])).toThrow(DomainError);
  });

  it.each([
    [[], /needs entries/],
    [[{ account: 'a', currency: 'USD', amount: 5n }], /USD entries sum to 5/],
    [
      // Balanced in total, but not per currency: currencies never net against each other.
      [
        { account: 'a', currency: 'USD', amount: 5n },
        { account: 'b', currency: 'EUR', amount: -5n },
      ],
      /unbalanced/,
    ],
  ])('checkBalanced refuses unbalanced entries (case %#)', (entries, message) => {
    expect(() => checkBalanced(entries)).toThrow(message);
  });

  it.each([
    ['available/GENERAL/ITA', true],
    ['allocated/7', true],
    ['donor/ITA', false],
    ['fx', false],
    ['income/interest', false],
    ['spent/7', false],
    ['psc/7', false],
  ])('%s must stay non-negative: %s', (name, yes) => {
    expect(mustStayNonNegative(name)).toBe(yes);
  });

  const balances = new Map([
    [balanceKey(account.available('GENERAL', 'ITA'), 'USD'), 1000n],
    [balanceKey(account.allocated(1), 'USD'), 50n],
  ]);

  it('applies entries to balances, keeping before and after', () => {
    const changes = applyEntries(
      toEntries([
        {
          from: account.available('GENERAL', 'ITA'),
          to: account.allocated(1),
          currency: 'USD',
          amount: 1000n,
        },
      ]),
      balances,
    );
    expect(changes).toEqual([
      { account: 'available/GENERAL/ITA', currency: 'USD', before: 1000n, after: 0n },
      { account: 'allocated/1', currency: 'USD', before: 50n, after: 1050n },
    ]);
  });

  it('refuses to take a Fund account below zero, saying what it holds and what is needed', () => {
    const spend = toEntries([
      { from: account.allocated(1), to: account.spent(1), currency: 'USD', amount: 40n },
      { from: account.allocated(1), to: account.psc(1), currency: 'USD', amount: 11n },
    ]);
    try {
      applyEntries(spend, balances, (a) => `the account ${a}`);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('rule_violation');
      expect((err as DomainError).message).toBe(
        'the account allocated/1 holds 50 USD minor units; this needs 51 USD minor units',
      );
    }
    // Outside accounts may go negative: a donor's account is what it gave.
    const pay = toEntries([
      { from: account.donor('ITA'), to: account.available('X1', 'ITA'), currency: 'USD', amount: 5n },
    ]);
    expect(applyEntries(pay, new Map())[0]?.after).toBe(-5n);
  });

  it('refuses a balance beyond what can be kept exactly (2^53 − 1)', () => {
    const full = new Map([[balanceKey('fx', 'USD'), MAX_MINOR]]);
    expect(() =>
      applyEntries(toEntries([{ from: 'donor/A', to: 'fx', currency: 'USD', amount: 1n }]), full),
    ).toThrow(/exceed what can be kept exactly/);
  });
});

const earmark = (targets: Partial<Earmark> = {}): Earmark => ({
  id: 'E',
  name: 'Test earmark',
  purpose: 'special',
  iatiCategory: 3,
  instrumentId: null,
  region: null,
  countryId: null,
  theme: null,
  projectRef: null,
  ...targets,
});
const purpose = (p: Partial<Purpose> = {}): Purpose => ({
  kind: 'project',
  ref: 'PRJ-1',
  instrumentId: 'TIP',
  region: 'Africa',
  countryId: 'NGA',
  theme: 'victims',
  ...p,
});

describe('earmarks', () => {
  it.each([
    [
      'general money pays for anything',
      earmark({ purpose: 'general', iatiCategory: 1 }),
      purpose({ instrumentId: null }),
      null,
    ],
    ['instrument met', earmark({ instrumentId: 'TIP' }), purpose(), null],
    ['instrument missed', earmark({ instrumentId: 'SOM' }), purpose(), /instrument SOM/],
    [
      'unknown instrument does not meet one',
      earmark({ instrumentId: 'TIP' }),
      purpose({ instrumentId: null }),
      /instrument TIP/,
    ],
    ['region met', earmark({ region: 'Africa' }), purpose(), null],
    ['region missed', earmark({ region: 'Asia' }), purpose(), /region Asia/],
    ['country met', earmark({ countryId: 'NGA' }), purpose(), null],
    ['country missed', earmark({ countryId: 'GHA' }), purpose(), /country GHA/],
    ['theme missed', earmark({ theme: 'witnesses' }), purpose(), /theme "witnesses"/],
    ['project met', earmark({ projectRef: 'PRJ-1' }), purpose(), null],
    [
      'project: an event is not the project',
      earmark({ projectRef: 'PRJ-1' }),
      purpose({ kind: 'event' }),
      /project PRJ-1/,
    ],
    [
      'every target must be met',
      earmark({ instrumentId: 'TIP', region: 'Asia', countryId: 'NGA' }),
      purpose(),
      /region Asia only$/,
    ],
    [
      'two misses are both named',
      earmark({ instrumentId: 'SOM', region: 'Asia' }),
      purpose(),
      /instrument SOM, region Asia only/,
    ],
  ] as const)('%s', (_name, e, p, expected) => {
    const refusal = earmarkRefusal(e, p);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it.each([
    [{ purpose: 'general', iatiCategory: 1 }, null],
    [{ purpose: 'general', iatiCategory: 1, region: 'Africa' }, 'region'],
    [{ purpose: 'general', iatiCategory: 2 }, 'iatiCategory'],
    [{ purpose: 'special', iatiCategory: 3 }, 'purpose'],
    [{ purpose: 'special', iatiCategory: 1, theme: 'x' }, 'iatiCategory'],
    [{ purpose: 'special', iatiCategory: 4, projectRef: 'P' }, null],
  ] as const)('checkEarmark(%j) → problem at %s', (e, field) => {
    const run = () => checkEarmark(earmark(e as Partial<Earmark>));
    if (field === null) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ field }) as Error);
  });
});

const facts = (f: Partial<PledgeFacts> = {}): PledgeFacts => ({
  amount: 300n,
  instalments: [
    { dueOn: '2026-03-31', amount: 100n },
    { dueOn: '2027-03-31', amount: 100n },
    { dueOn: '2028-03-31', amount: 100n },
  ],
  agreementOn: null,
  paid: 0n,
  writtenOff: 0n,
  closedOn: null,
  ...f,
});

describe('pledges', () => {
  it.each([
    ['pledged, nothing due yet', facts(), '2026-01-01', 'pledged', 300n, 0n, null],
    [
      'committed, first instalment overdue',
      facts({ agreementOn: '2026-01-10' }),
      '2026-04-01',
      'committed',
      300n,
      100n,
      '2026-03-31',
    ],
    [
      'two overdue',
      facts({ agreementOn: '2026-01-10' }),
      '2027-04-01',
      'committed',
      300n,
      200n,
      '2026-03-31',
    ],
    [
      'partly paid covers the first',
      facts({ paid: 100n }),
      '2027-04-01',
      'partly_paid',
      200n,
      100n,
      '2027-03-31',
    ],
    [
      'partly paid covers part of the first',
      facts({ paid: 40n }),
      '2026-04-01',
      'partly_paid',
      260n,
      60n,
      '2026-03-31',
    ],
    ['paid in full', facts({ paid: 300n }), '2030-01-01', 'paid', 0n, 0n, null],
    [
      'written off in part counts as covered',
      facts({ paid: 100n, writtenOff: 100n }),
      '2027-04-01',
      'partly_paid',
      100n,
      0n,
      null,
    ],
    ['written off in full', facts({ writtenOff: 300n }), '2030-01-01', 'written_off', 0n, 0n, null],
    [
      'closed after a payment',
      facts({ paid: 100n, writtenOff: 200n, closedOn: '2027-01-01' }),
      '2030-01-01',
      'closed',
      0n,
      0n,
      null,
    ],
    [
      'closed unpaid = written off',
      facts({ writtenOff: 300n, closedOn: '2027-01-01' }),
      '2030-01-01',
      'written_off',
      0n,
      0n,
      null,
    ],
    ['no schedule: never overdue', facts({ instalments: [] }), '2030-01-01', 'pledged', 300n, 0n, null],
  ] as const)('%s', (_name, f, today, status, outstanding, overdue, since) => {
    expect(pledgeStanding(f, today)).toEqual({ status, outstanding, overdue, overdueSince: since });
  });

  it('overdue never exceeds what is outstanding, nor outstanding the pledge', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: 7000n }),
        fc.integer({ min: 2025, max: 2032 }),
        (amounts, paid, year) => {
          const instalments = amounts.map((amount, i) => ({ dueOn: `${2026 + i}-06-30`, amount }));
          const amount = amounts.reduce((a, b) => a + b, 0n);
          const s = pledgeStanding(
            facts({ amount, instalments, paid: paid > amount ? amount : paid }),
            `${year}-07-01`,
          );
          expect(s.overdue <= s.outstanding).toBe(true);
          expect(s.outstanding <= amount).toBe(true);
          expect(s.outstanding + (paid > amount ? amount : paid)).toBe(amount);
        },
      ),
    );
  });

  it.each([
    [300n, [], null],
    [300n, [{ dueOn: '2026-03-31', amount: 100n }], 'instalments'],
    [
      100n,
      [
        { dueOn: '2026-03-31', amount: 0n },
        { dueOn: '2026-04-30', amount: 100n },
      ],
      'instalments[0].amount',
    ],
    [
      200n,
      [
        { dueOn: '2027-03-31', amount: 100n },
        { dueOn: '2026-03-31', amount: 100n },
      ],
      'instalments[1].dueOn',
    ],
    [100n, [{ dueOn: '2025-12-31', amount: 100n }], 'instalments[0].dueOn'],
    [100n, [{ dueOn: '2029-01-01', amount: 100n }], 'instalments[0].dueOn'],
  ] as const)('instalments of a pledge of %i (case %#) → problem at %s', (amount, list, field) => {
    const problem = instalmentProblem(amount, list, { from: '2026-01-01', to: '2028-12-31' });
    expect(problem?.field ?? null).toBe(field);
  });
});
