// `palermo events funding <event>` as users run it, on both stores: a seminar with a budget, an allocation
// from a donor's earmark and two participants paid for (travel and DSA with 13% support costs), printed as a
// table and as JSON; an unknown event or a bad number gives one line on stderr and a non-zero exit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/domain/policy.ts';
import { fixedClock } from '../../src/common/clock.ts';
import type { ServiceContext } from '../../src/context.ts';
import { EventInputSchema } from '../../src/events/contract.ts';
import type { EventFundingView } from '../../src/events/funding-contract.ts';
import { registerDelegation } from '../../src/events/services/delegations.ts';
import { reviewDelegate } from '../../src/events/services/delegations-review.ts';
import { changeEventStatus, createEvent } from '../../src/events/services/events.ts';
import { allocateToEvent, payParticipant, setEventBudget } from '../../src/events/services/funding.ts';
import { recordPayment } from '../../src/funds/services/payments.ts';
import { prepareStore } from '../../src/server/prepare-store.ts';
import { scopeTargets } from '../../src/server/scope-targets.ts';
import { inWrite, setUpFund } from '../funds/support.ts';
import { palermoOn } from '../helpers/cli.ts';
import { TEST_TODAY, testStoreOptions } from '../helpers/store.ts';
import { noteOf, person, samplePdf, seminarInput } from './delegations-support.ts';

const { options, cleanup } = testStoreOptions();
const palermo = palermoOn(options);
const ADMIN: Principal = { userId: null, role: 'admin', states: [], donors: [], via: 'token' };
let eventId = 0;

beforeAll(async () => {
  const clock = fixedClock(TEST_TODAY);
  const { store, registry } = await prepareStore(options, clock);
  const ctx: ServiceContext = { store, registry, clock, actor: 'test-setup', scopeTargets, principal: ADMIN };
  try {
    await setUpFund(ctx, { donors: [{ id: 'ITA' }] });
    eventId = await inWrite(ctx, async (db) => {
      await recordPayment(ctx, db, {
        donorId: 'ITA',
        receivedOn: '2026-02-01',
        currency: 'USD',
        amount: '20000.00',
        earmarkId: 'GENERAL',
      });
      const id = await createEvent(ctx, db, EventInputSchema.parse(seminarInput('Firearms seminar, Dakar')));
      await changeEventStatus(ctx, db, id, { status: 'registration_open', reason: null, revision: 1 });
      const r = await registerDelegation(ctx, db, id, {
        state: 'SEN',
        delegates: [person('Aminata', 'Diallo', 'delegate', 'head'), person('Moussa', 'Ndiaye', 'expert')],
        noteVerbale: noteOf(samplePdf()),
      });
      const [a = 0, b = 0] = r.delegates.map((d) => d.id);
      for (const d of [a, b]) await reviewDelegate(ctx, db, id, d, { decision: 'approve', reason: null });
      await setEventBudget(ctx, db, id, { amount: '6000.00' });
      const { allocationId } = await allocateToEvent(ctx, db, id, {
        donorId: 'ITA',
        earmarkId: 'GENERAL',
        amount: '5000.00',
        bookedOn: '2026-06-01',
      });
      const paid = { allocationId, bookedOn: '2026-06-15' };
      await payParticipant(ctx, db, id, { ...paid, delegateId: a, kind: 'travel', amount: '1012.50' });
      await payParticipant(ctx, db, id, { ...paid, delegateId: a, kind: 'dsa', amount: '300.00' });
      await payParticipant(ctx, db, id, { ...paid, delegateId: b, kind: 'travel', amount: '700.00' });
      return id;
    });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(async () => {
  await cleanup();
});

describe('palermo events funding', () => {
  it('prints budget against actual, the allocation and each participant', () => {
    const r = palermo('events', 'funding', String(eventId));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // 1012.50 + 300.00 + 700.00 = 2012.50; 13%: 131.62 (half to even) + 39.00 + 91.00 = 261.62
    expect(r.stdout).toMatch(/budget\s+6000\.00\n/);
    expect(r.stdout).toMatch(/spent\s+2012\.50\n/);
    expect(r.stdout).toMatch(/support costs\s+261\.62\n/);
    expect(r.stdout).toMatch(/remaining \(budget - actual\)\s+3725\.88\n/);
    expect(r.stdout).toMatch(/\bITA\s+GENERAL\s+5000\.00\s+2012\.50\s+261\.62\s+2725\.88\n/);
    expect(r.stdout).toMatch(
      /\bSEN\s+delegate\s+1012\.50\s+300\.00\s+170\.62\s+1483\.12\s+Mr\. Aminata Diallo/,
    );
    expect(r.stdout).toMatch(/\bSEN\s+expert\s+700\.00\s+0\.00\s+91\.00\s+791\.00\s+Mr\. Moussa Ndiaye/);
  });

  it('gives the same view as JSON', () => {
    const r = palermo('events', 'funding', String(eventId), '--format', 'json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as EventFundingView;
    expect(v).toMatchObject({ budget: '6000.00', actual: '2274.12', unspent: '2725.88', scope: 'all' });
    expect(v.participants).toHaveLength(2);
  });

  it('refuses an unknown event or a bad number with one line on stderr', () => {
    const unknown = palermo('events', 'funding', '999999');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^not_found: /);
    const bad = palermo('events', 'funding', 'twelve');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toEqual(['validation: event: "twelve" is not an event number']);
  });
});
