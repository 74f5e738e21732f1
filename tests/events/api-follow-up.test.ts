// The follow-up through the API, on both stores, with the real data: the Bamako seminar of 2003 (attendance
// not recorded) shows Western Africa's consents in the 12 months before and after, as the pure computation's
// golden table has them; the regional seminars of 2004 pooled; assistance requests only in the Secretariat's
// view; refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFollowUpView, KindFollowUpView } from '../../src/events/follow-up-contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
const get = (who: 'admin' | null, url: string) => t.app.inject({ url, headers: who ? t.auth : {} });

let bamako: number;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  const list = (await get(null, '/api/events?from=2003-11-01&to=2003-11-30')).json();
  bamako = list.events.find((e: { title: string }) => e.title.startsWith('Sub-Regional Seminar')).id;
});
afterAll(async () => t.close());

describe('one event', () => {
  it('compares the target States’ consents before and after when attendance is not recorded', async () => {
    const res = await get(null, `/api/events/${bamako}/follow-up?asOf=2014-07-10`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as EventFollowUpView;
    expect(body.assistanceRequests).toBe(false);
    const f = body.followUp;
    if (f.mode !== 'region') throw new Error(`expected the region mode, got ${f.mode}`);
    expect(f.targetStates).toBe(16);
    expect(f.shown).toMatch(/12 months before the event and in the 12 months after it/);
    expect(f.shown).not.toMatch(/because/i);
    const untoc = f.byInstrument.find((i) => i.instrumentId === 'UNTOC');
    expect(untoc).toEqual({
      instrumentId: 'UNTOC',
      before: ['GMB', 'SEN'],
      during: [],
      after: ['BEN', 'CPV', 'GIN', 'LBR', 'NER', 'TGO'],
    });
    expect(f.totals).toEqual({ before: 6, during: 0, after: 17 });
  });

  it('takes assistance requests into account in the Secretariat’s view only', async () => {
    expect((await get('admin', `/api/events/${bamako}/follow-up`)).json().assistanceRequests).toBe(true);
    expect((await get(null, `/api/events/${bamako}/follow-up`)).json().assistanceRequests).toBe(false);
  });

  it('refuses an as-at day in the future, at its field', async () => {
    const res = await get(null, `/api/events/${bamako}/follow-up?asOf=2026-07-02`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('asOf');
    expect((await get(null, `/api/events/${bamako}/follow-up?windowDays=0`)).statusCode).toBe(422);
    expect((await get(null, '/api/events/999999/follow-up')).statusCode).toBe(404);
  });
});

describe('events of one kind', () => {
  it('pools the four regional seminars of 2004, each State and instrument once per event', async () => {
    const res = await get(null, '/api/events/follow-up?kind=regional_seminar&asOf=2014-07-10');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as KindFollowUpView;
    expect([body.events, body.regionEvents, body.attendanceEvents]).toEqual([4, 4, 0]);
    // Addis Ababa 24/2/35, Bangkok 14/0/8, San José 23/0/26, Beirut 9/0/6 (tests/events/follow-up-real-data).
    expect(body.region.totals).toEqual({ before: 70, during: 2, after: 75 });
  });

  it('says so when no event of the kind was held', async () => {
    const body = (await get(null, '/api/events/follow-up?kind=expert_group')).json() as KindFollowUpView;
    expect(body.events).toBe(0);
    expect(body.shown).toMatch(/No expert group was held/);
  });
});
