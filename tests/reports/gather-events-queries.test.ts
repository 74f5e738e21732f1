// Section III of the report to the Commission reads its events' details, attendance and follow-up for all
// of them at once: the number of queries it runs does not grow with the number of events (both stores).
// Counted through a Kysely plugin on the store's handle; the events are recorded through the services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventInputSchema } from '../../src/events/contract.ts';
import type { EventStatus } from '../../src/events/domain/events.ts';
import { changeEventStatus, createEvent } from '../../src/events/services/events.ts';
import { gatherEvents, type EventsSection } from '../../src/reports/services/gather-events.ts';
import { seminarInput } from '../events/delegations-support.ts';
import { countingQueries } from '../helpers/query-counter.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;
let recorded = 0;
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const AS_AT = '2026-06-30';
const HELD: EventStatus[] = ['registration_open', 'registration_closed', 'held'];

beforeAll(async () => {
  t = await createTestStore();
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** Records `count` more public events held in the period: seminars and conferences alternately. */
async function recordHeld(count: number): Promise<void> {
  const ctx = t.ctx('admin');
  for (let i = 0; i < count; i++, recorded++) {
    const day = String((recorded % 28) + 1).padStart(2, '0');
    const month = String((recorded % 5) + 1).padStart(2, '0');
    const input = EventInputSchema.parse({
      ...seminarInput(`Seminar ${recorded}`, `2026-${month}-${day}`, `2026-${month}-${day}`),
      kind: recorded % 2 === 0 ? 'pre_ratification_seminar' : 'regional_ministerial_conference',
    });
    await t.store.db.transaction().execute(async (db) => {
      const id = await createEvent(ctx, db, input);
      for (const [r, status] of HELD.entries())
        await changeEventStatus(ctx, db, id, { status, reason: null, revision: r + 1 });
    });
  }
}

/** Section III gathered, with the number of queries it ran. */
async function counted(): Promise<{ section: EventsSection; queries: number }> {
  const counting = countingQueries(t.store.db);
  const section = await gatherEvents(counting.db, PERIOD, AS_AT);
  return { section, queries: counting.count() };
}

describe('section III: queries', () => {
  it('runs the same number of queries for 5 events as for 50', async () => {
    await recordHeld(5);
    const five = await counted();
    expect(five.section.totals.held).toBe(5);
    await recordHeld(45);
    const fifty = await counted();
    expect(fifty.section.totals.held).toBe(50);
    expect(fifty.section.promotion.map((e) => e.followUp.mode)).toHaveLength(50);
    expect(fifty.queries).toBe(five.queries);
    // A few queries per kind of record read, not per event.
    expect(five.queries).toBeLessThan(40);
  }, 120_000);
});
