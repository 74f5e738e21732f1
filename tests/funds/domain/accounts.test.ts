// Ledger account names: parseAccount (src/funds/domain/ledger.ts) reads back every name `account` builds, and
// refuses what the ledger does not keep, so services never split names by hand.
import { describe, expect, it } from 'vitest';
import { account, allocationOfAccount, parseAccount } from '../../../src/funds/domain/ledger.ts';

describe('parseAccount', () => {
  it.each([
    [account.donor('D1'), { kind: 'donor', donorId: 'D1' }],
    [account.interest, { kind: 'interest' }],
    [account.fx, { kind: 'fx' }],
    [account.available('E1', 'D1'), { kind: 'available', earmarkId: 'E1', donorId: 'D1' }],
    [account.allocated(7), { kind: 'allocated', allocationId: '7' }],
    [account.spent(7), { kind: 'spent', allocationId: '7' }],
    [account.psc(7), { kind: 'psc', allocationId: '7' }],
  ])('reads %s', (name, parsed) => {
    expect(parseAccount(name)).toEqual(parsed);
  });

  it.each([
    'donor',
    'donor/D1/x',
    'available/E1',
    'available/E1/D1/x',
    'allocated/7/8',
    'income/other',
    'fx/x',
    'savings/x',
    '',
  ])('refuses %j', (name) => {
    expect(parseAccount(name)).toBeNull();
  });

  it('names the allocation of allocated, spent and psc accounts only', () => {
    expect([account.allocated(3), account.spent(4), account.psc(5)].map(allocationOfAccount)).toEqual([
      3, 4, 5,
    ]);
    expect(allocationOfAccount(account.available('E1', 'D1'))).toBeNull();
    expect(allocationOfAccount(account.donor('D1'))).toBeNull();
  });
});
