// Events through the API on both stores, with the real data: the reference events are there with their
// provenance; the Secretariat records a seminar for West African States, corrects it (every version kept),
// invites the States of the sub-region (one note verbale reference each) and moves it along its life cycle;
// bad input is refused at its field with nothing written; who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { EventView, InvitationView } from '../../src/events/contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;

const send = (who: string, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...as[who], 'idempotency-key': `events-${process.pid}-${++n}` },
    payload: payload as Record<string, unknown>,
  });
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

const seminar = {
  kind: 'pre_ratification_seminar',
  title: 'Pre-ratification seminar on the Firearms Protocol for West African States',
  start: '2026-09-14',
  end: '2026-09-16',
  venue: { city: 'Dakar', country: 'SEN', online: false },
  hosts: ['SEN'],
  coOrganisers: ['ECOWAS Commission'],
  targets: [{ kind: 'intermediate_region', value: 'Western Africa' }],
  instruments: ['FIREARMS'],
  agenda: [
    { title: 'Marking and record-keeping', instrumentId: 'FIREARMS', articles: ['7', '8'] },
    { title: 'Ratification procedures', instrumentId: null, articles: [] },
  ],
  languages: ['en', 'fr'],
  interpretation: true,
  public: true,
  registrationDeadline: '2026-09-01',
  description: 'For the authorities that will apply the Protocol.',
};

async function count(table: 'events' | 'event_revisions' | 'event_invitations'): Promise<number> {
  const row = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  as.admin = t.auth;
  for (const [name, input] of Object.entries({
    programme: { role: 'programme_officer' as const },
    fund: { role: 'fund_officer' as const },
    senegal: { role: 'focal_point' as const, states: ['SEN'] },
    france: { role: 'focal_point' as const, states: ['FRA'] },
  })) {
    const { token } = await issueToken(t.ctx('test-setup'), { name, ...input });
    as[name] = { authorization: `Bearer ${token}` };
  }
});
afterAll(async () => t.close());

describe('reference events', () => {
  it('loads the eleven dated events of 2000-2004 with their sources, held and public', async () => {
    const res = await get(null, '/api/events?to=2004-12-31');
    expect(res.statusCode).toBe(200);
    const list = res.json() as {
      events: Array<{ id: number; title: string; status: string }>;
      total: number;
    };
    expect(list.total).toBe(11);
    expect(list.events.every((e) => e.status === 'held')).toBe(true);
    const bamako = list.events.find((e) => e.title.startsWith('Sub-Regional Seminar'));
    const one = (await get(null, `/api/events/${bamako?.id}`)).json() as EventView;
    expect(one.start).toBe('2003-11-25');
    expect(one.hosts).toEqual([{ id: 'MLI', name: 'Mali' }]);
    expect(one.provenance?.source).toMatch(/^https:\/\/unis\.unvienna\.org\//);
    expect(one.provenance?.participants).toMatch(/20 countries/);
    expect(one.targetStates.map((s) => s.id)).toContain('GHA');
    expect(one.targetStates.map((s) => s.id)).not.toContain('KEN');
  });
});

describe('an event through its life cycle', () => {
  let id: number;

  it('records a planned seminar with the States it is for', async () => {
    const res = await send('programme', 'POST', '/api/events', seminar);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as EventView;
    id = e.id;
    expect(e.status).toBe('planned');
    expect(e.revision).toBe(1);
    expect(e.targetStates.length).toBe(16);
    expect(e.nextStatuses).toContain('cancelled');
  });

  it('keeps every version when corrected, and refuses a correction of an older revision', async () => {
    const res = await send('programme', 'PUT', `/api/events/${id}`, {
      ...seminar,
      end: '2026-09-17',
      revision: 1,
      reason: 'one more day for the mock legislative drafting',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as EventView).revision).toBe(2);
    const stale = await send('programme', 'PUT', `/api/events/${id}`, {
      ...seminar,
      revision: 1,
      reason: 'again',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].field).toBe('revision');
    const revisions = (await get(null, `/api/events/${id}/revisions`)).json() as Array<{
      revision: number;
      change: string;
      reason: string | null;
      recordedBy: string;
      event: { end: string };
    }>;
    expect(revisions.map((r) => [r.revision, r.change, r.event.end])).toEqual([
      [1, 'created', '2026-09-16'],
      [2, 'corrected', '2026-09-17'],
    ]);
    expect(revisions[1]?.reason).toMatch(/mock legislative/);
    // The public does not learn who in the Secretariat made a change.
    expect(revisions.every((r) => r.recordedBy === 'Secretariat')).toBe(true);
  });

  it('invites the States of Western Africa, one note verbale reference each, never twice', async () => {
    const res = await send('programme', 'POST', `/api/events/${id}/invitations`, {
      invite: [{ kind: 'intermediate_region', value: 'Western Africa' }],
      sentOn: '2026-07-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { invited: InvitationView[]; alreadyInvited: string[] };
    expect(body.invited.length).toBe(16);
    expect(new Set(body.invited.map((i) => i.reference)).size).toBe(16);
    expect(body.invited.find((i) => i.state.id === 'GHA')?.reference).toBe(`UNODC/EVT/${id}/GHA`);
    const again = await send('programme', 'POST', `/api/events/${id}/invitations`, {
      invite: [
        { kind: 'state', value: 'GHA' },
        { kind: 'state', value: 'CPV' },
      ],
      sentOn: '2026-07-01',
    });
    expect(again.json()).toMatchObject({ invited: [], alreadyInvited: ['CPV', 'GHA'] });
    const e = (await get('programme', `/api/events/${id}`)).json() as EventView;
    expect(e.status).toBe('invitations_sent');
    expect(e.invitations).toBe(16);
  });

  it('shows a focal point its own invitation only', async () => {
    const res = await get('senegal', `/api/events/${id}/invitations`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { invitations: InvitationView[] }).invitations.map((i) => i.state.id)).toEqual([
      'SEN',
    ]);
    expect((await get(null, `/api/events/${id}/invitations`)).statusCode).toBe(401);
    expect((await get('france', `/api/events/${id}/invitations`)).json()).toEqual({ invitations: [] });
  });

  it('moves along the life cycle and refuses a step out of order, with the allowed ones named', async () => {
    const rev = () => get('programme', `/api/events/${id}`).then((r) => (r.json() as EventView).revision);
    const open = await send('programme', 'POST', `/api/events/${id}/status`, {
      status: 'registration_open',
      reason: null,
      revision: await rev(),
    });
    expect(open.statusCode, open.body).toBe(200);
    const held = await send('programme', 'POST', `/api/events/${id}/status`, {
      status: 'held',
      reason: null,
      revision: await rev(),
    });
    expect(held.statusCode).toBe(409);
    expect(held.json().detail).toMatch(
      /registration open cannot become held \(it can become: registration_closed/,
    );
    const noReason = await send('programme', 'POST', `/api/events/${id}/status`, {
      status: 'postponed',
      reason: null,
      revision: await rev(),
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].field).toBe('reason');
    const closed = await send('programme', 'POST', `/api/events/${id}/status`, {
      status: 'registration_closed',
      reason: null,
      revision: await rev(),
    });
    expect(closed.statusCode).toBe(200);
    // The seminar ends on 2026-09-17; today is 2026-07-01.
    const early = await send('programme', 'POST', `/api/events/${id}/status`, {
      status: 'held',
      reason: null,
      revision: await rev(),
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toMatch(/cannot be recorded as held before then/);
  });
});

describe('bad input', () => {
  it.each([
    [{ ...seminar, end: '2026-09-10' }, 'end', /ends .* before it starts/],
    [{ ...seminar, hosts: ['SEN', 'SEN'] }, 'hosts[1]', /named twice/],
    [{ ...seminar, hosts: ['XXX'] }, 'hosts[0]', /does not exist/],
    [{ ...seminar, targets: [{ kind: 'region', value: 'Atlantis' }] }, 'targets[0].value', /one of: Africa/],
    [{ ...seminar, instruments: ['UNCAC'] }, 'instruments[0]', /does not exist/],
    [
      { ...seminar, agenda: [{ title: 'Smuggling', instrumentId: 'SOM', articles: ['6'] }] },
      'agenda[0].instrumentId',
      /not among the event's instruments/,
    ],
    [{ ...seminar, registrationDeadline: '2026-10-01' }, 'registrationDeadline', /after the event ends/],
    [{ ...seminar, start: '2026-01-01', end: '2026-12-31' }, 'end', /at most 62 days/],
    [{ ...seminar, venue: { city: null, country: null, online: false } }, 'venue', /city or country/],
    [{ ...seminar, start: '2026-02-30' }, 'start', /real calendar day/],
    [{ ...seminar, kind: 'party' }, 'kind', /./],
    [{ ...seminar, title: 'two\nlines' }, 'title', /one line/],
    [{ ...seminar, secret: 1 }, '', /./],
  ])('refuses %#, at its field, writing nothing', async (payload, field, message) => {
    const before = [await count('events'), await count('event_revisions')];
    const res = await send('programme', 'POST', '/api/events', payload);
    // A name the store does not hold is a 404 at its field, as everywhere in the API; the rest 422.
    expect(res.statusCode, res.body).toBe(/does not exist/.test(String(message)) ? 404 : 422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json() as { detail: string; errors?: Array<{ field: string; message: string }> };
    if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(JSON.stringify(problem)).toMatch(message);
    expect([await count('events'), await count('event_revisions')]).toEqual(before);
  });

  it('refuses an invitation to a cancelled event and dated after today', async () => {
    const created = (await send('programme', 'POST', '/api/events', seminar)).json() as EventView;
    const late = await send('programme', 'POST', `/api/events/${created.id}/invitations`, {
      invite: [{ kind: 'state', value: 'GHA' }],
      sentOn: '2026-07-02',
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0].field).toBe('sentOn');
    await send('programme', 'POST', `/api/events/${created.id}/status`, {
      status: 'cancelled',
      reason: 'the host asked to hold it next year',
      revision: 1,
    });
    const before = await count('event_invitations');
    const res = await send('programme', 'POST', `/api/events/${created.id}/invitations`, {
      invite: [{ kind: 'state', value: 'GHA' }],
      sentOn: '2026-07-01',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/the event is cancelled/);
    expect(await count('event_invitations')).toBe(before);
  });
});

describe('who may see and do what', () => {
  it('hides a non-public event from the public and from States not invited, and shows it to invited ones', async () => {
    const created = (
      await send('admin', 'POST', '/api/events', { ...seminar, public: false })
    ).json() as EventView;
    expect((await get(null, `/api/events/${created.id}`)).statusCode).toBe(404);
    expect((await get('senegal', `/api/events/${created.id}`)).statusCode).toBe(404);
    const listed = (await get(null, '/api/events?from=2026-01-01')).json() as {
      events: Array<{ id: number }>;
    };
    expect(listed.events.map((e) => e.id)).not.toContain(created.id);
    await send('admin', 'POST', `/api/events/${created.id}/invitations`, {
      invite: [{ kind: 'state', value: 'SEN' }],
      sentOn: '2026-07-01',
    });
    expect((await get('senegal', `/api/events/${created.id}`)).statusCode).toBe(200);
    expect((await get('france', `/api/events/${created.id}`)).statusCode).toBe(404);
    const mine = (await get('senegal', '/api/events?from=2026-01-01')).json() as {
      events: Array<{ id: number }>;
    };
    expect(mine.events.map((e) => e.id)).toContain(created.id);
  });

  it('lets neither focal points nor fund officers record events', async () => {
    expect((await send('senegal', 'POST', '/api/events', seminar)).statusCode).toBe(403);
    expect((await send('fund', 'POST', '/api/events', seminar)).statusCode).toBe(403);
  });
});
