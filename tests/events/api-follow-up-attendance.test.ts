// The follow-up once attendance is recorded, through the API on both stores: a seminar for West African
// States is held; one State's delegation is approved (it attended), another's refused (it stayed away); the
// attending State ratifies the Firearms Protocol after the seminar. The follow-up compares attending States
// with invited States that did not attend, counts the ratification once, with its days after the event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventView } from '../../src/events/contract.ts';
import type { EventFollowUpView } from '../../src/events/follow-up-contract.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { noteOf, openSeminar, person, samplePdf } from './delegations-support.ts';

let t: TestApp;
let n = 0;
const post = (url: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...t.auth, 'idempotency-key': `attendance-${process.pid}-${++n}` },
    payload: payload as Record<string, unknown>,
  });
const ok = async (url: string, payload: unknown, status = 200) => {
  const res = await post(url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  return res.json();
};

let event: number;
let attending: string;
let away: string;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  event = await openSeminar(t, 'Seminar on the Firearms Protocol, held', undefined, [
    '2026-03-10',
    '2026-03-12',
  ]);
  const view = (await t.app.inject({ url: `/api/events/${event}`, headers: t.auth })).json() as EventView;
  // Two States of the region that had not consented to the Protocol by then (the registry decides which).
  const parties = new Set(
    (await listActionRecords(t.store.db, { instrumentId: 'FIREARMS' }))
      .filter((a) => a.kind !== 'signature' && a.correction === null)
      .map((a) => a.participantId),
  );
  const candidates = view.targetStates.map((s) => s.id).filter((id) => !parties.has(id));
  expect(candidates.length).toBeGreaterThanOrEqual(2);
  [attending, away] = candidates as [string, string];
  await ok(
    `/api/events/${event}/invitations`,
    { invite: [{ kind: 'intermediate_region', value: 'Western Africa' }], sentOn: '2026-03-01' },
    201,
  );
  const registered: Record<string, number> = {};
  for (const state of [attending, away]) {
    const r = await ok(
      `/api/events/${event}/delegations`,
      {
        state,
        delegates: [person('Awa', `Head of ${state}`, 'delegate', 'head')],
        noteVerbale: noteOf(samplePdf(state)),
      },
      201,
    );
    registered[state] = r.delegates[0].id;
  }
  await ok(`/api/events/${event}/delegates/${registered[attending]}/review`, {
    decision: 'approve',
    reason: null,
  });
  await ok(`/api/events/${event}/delegates/${registered[away]}/review`, {
    decision: 'refuse',
    reason: 'registered after the deadline',
  });
  for (const status of ['registration_closed', 'held']) {
    const { revision } = (
      await t.app.inject({ url: `/api/events/${event}`, headers: t.auth })
    ).json() as EventView;
    await ok(`/api/events/${event}/status`, { status, reason: null, revision });
  }
  await ok(
    '/api/actions',
    {
      instrumentId: 'FIREARMS',
      participantId: attending,
      kind: 'ratification',
      date: '2026-05-01',
      source: 'test: the depositary notification',
    },
    201,
  );
});
afterAll(async () => t.close());

describe('follow-up with attendance recorded', () => {
  it('compares the attending State with the invited States that stayed away', async () => {
    const res = await t.app.inject({ url: `/api/events/${event}/follow-up`, headers: t.auth });
    expect(res.statusCode, res.body).toBe(200);
    const f = (res.json() as EventFollowUpView).followUp;
    if (f.mode !== 'attendance') throw new Error(`expected the attendance mode, got ${f.mode}`);
    expect(f.comparisonFrom).toBe('invited');
    expect(f.attendees.map((a) => a.participantId)).toEqual([attending]);
    expect(f.comparison.map((c) => c.participantId)).toContain(away);
    expect(f.comparison.map((c) => c.participantId)).not.toContain(attending);
    const consent = f.attendees[0]?.instruments.find((i) => i.instrumentId === 'FIREARMS')?.consent;
    expect(consent).toMatchObject({ on: '2026-05-01', daysAfterEnd: 50, withinWindow: true });
    expect(f.curves.attendees.all).toMatchObject({ atRiskAtStart: 1, consented: 1, finalShare: 1 });
    expect(f.curves.comparison.all.consented).toBe(0);
    expect(f.shown).not.toMatch(/because/i);
  });

  it('shows the public neither which States attended nor the curve of so small a group', async () => {
    const res = await t.app.inject({ url: `/api/events/${event}/follow-up` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as EventFollowUpView;
    const f = body.followUp;
    if (f.mode !== 'attendance') throw new Error(`expected the attendance mode, got ${f.mode}`);
    expect([f.attendees, f.comparison]).toEqual([[], []]);
    expect(f.curves.attendees.all).toMatchObject({ atRiskAtStart: 0, consented: 0, steps: [] });
    expect(body.withheld).toMatch(/which States attended is shown to the Secretariat only; the curves too/);
    expect(res.body).not.toContain(`"${attending}"`);
    expect(res.body).not.toMatch(/Head of/);
    const secretariat = (
      await t.app.inject({ url: `/api/events/${event}/follow-up`, headers: t.auth })
    ).json();
    expect(secretariat.withheld).toBeNull();
  });
});
