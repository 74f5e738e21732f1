// What events leave behind, through the API on both stores: a seminar is held, its conclusions recorded, a
// State commits to ratify the Firearms Protocol "by June"; the commitment is open, then overdue once today
// passes June, then met by the ratification recorded in the registry after the event (which the suggestion
// endpoint finds first). Refusals at their field with nothing written; documents per language; who may see
// the commitments of a non-public event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { EventView } from '../../src/events/contract.ts';
import type {
  CommitmentDetail,
  CommitmentList,
  CommitmentSuggestions,
  EventDocumentView,
  OutcomeView,
} from '../../src/events/outcome-contract.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { movableClock } from '../auth/helpers.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const clock = movableClock('2026-05-15T12:00:00.000Z');
let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;

const send = (who: string, url: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...as[who], 'idempotency-key': `outcomes-${process.pid}-${++n}` },
    payload: payload as Record<string, unknown>,
  });
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

const seminar = (title: string, isPublic = true) => ({
  kind: 'pre_ratification_seminar',
  title,
  start: '2026-03-10',
  end: '2026-03-12',
  venue: { city: 'Bangkok', country: 'THA', online: false },
  hosts: ['THA'],
  coOrganisers: [],
  targets: [{ kind: 'subregion', value: 'Eastern Asia' }],
  instruments: ['FIREARMS'],
  agenda: [{ title: 'Ratification of the Firearms Protocol', instrumentId: 'FIREARMS', articles: ['5'] }],
  languages: ['en', 'fr'],
  interpretation: true,
  public: isPublic,
  registrationDeadline: null,
  description: 'For the authorities that will apply the Protocol.',
});

const TABLES = [
  'commitments',
  'commitment_history',
  'event_outcomes',
  'event_documents',
  'audit_log',
] as const;
async function counts(): Promise<number[]> {
  const out: number[] = [];
  for (const table of TABLES) {
    const row = await t.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out.push(Number(row.n));
  }
  return out;
}

/** Sends a write that must be refused with `status` at `field`, and checks that nothing was written. */
async function refused(
  who: string,
  url: string,
  payload: unknown,
  status: number,
  field: string,
  message: RegExp,
): Promise<void> {
  const before = await counts();
  const res = await send(who, url, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json() as { detail: string; errors?: Array<{ field: string }> };
  expect(problem.errors?.map((e) => e.field)).toContain(field);
  expect(JSON.stringify(problem)).toMatch(message);
  expect(await counts()).toEqual(before);
}

/** Sends a write the caller may not make: refused with `status`, nothing written. */
async function denied(who: string, url: string, payload: unknown, status: number): Promise<void> {
  const before = await counts();
  const res = await send(who, url, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(await counts()).toEqual(before);
}

async function createHeld(title: string, isPublic = true, invite: string[] = []): Promise<number> {
  const created = await send('programme', '/api/events', seminar(title, isPublic));
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as EventView).id;
  if (invite.length > 0) {
    const invited = await send('programme', `/api/events/${id}/invitations`, {
      invite: invite.map((value) => ({ kind: 'state', value })),
      sentOn: '2026-02-01',
    });
    expect(invited.statusCode, invited.body).toBe(201);
  }
  for (const status of ['registration_open', 'registration_closed', 'held']) {
    const revision = ((await get('programme', `/api/events/${id}`)).json() as EventView).revision;
    const res = await send('programme', `/api/events/${id}/status`, { status, reason: null, revision });
    expect(res.statusCode, res.body).toBe(200);
  }
  return id;
}

const commitment = {
  stateId: 'JPN',
  instrumentId: 'FIREARMS',
  what: 'ratification',
  text: 'Japan intends to deposit its instrument of ratification of the Firearms Protocol by June 2026',
  due: '2026-06',
};

beforeAll(async () => {
  t = await createTestApp({ today: '2026-05-15', app: { clock } });
  as.admin = t.auth;
  for (const [name, input] of Object.entries({
    programme: { role: 'programme_officer' as const },
    fund: { role: 'fund_officer' as const },
    japan: { role: 'focal_point' as const, states: ['JPN'] },
    thailand: { role: 'focal_point' as const, states: ['THA'] },
  })) {
    const { token } = await issueToken(t.ctx('test-setup'), { name, ...input });
    as[name] = { authorization: `Bearer ${token}` };
  }
});
afterAll(async () => t.close());

describe('a held seminar, its conclusions and a commitment met by a ratification', () => {
  let eventId: number;
  let commitmentId: number;
  let ratificationId: number;

  it('refuses an outcome or a commitment for an event not yet held', async () => {
    const created = await send('programme', '/api/events', seminar('Not yet held'));
    const id = (created.json() as EventView).id;
    await refused(
      'programme',
      `/api/events/${id}/outcomes`,
      { kind: 'conclusions', title: 'Conclusions', text: 'Early.', adoptedOn: '2026-03-12' },
      409,
      'eventId',
      /only for an event that was held \(this one is planned\)/,
    );
    await refused('programme', `/api/events/${id}/commitments`, commitment, 409, 'eventId', /was held/);
  });

  it('records the conclusions of the held seminar, public like the event', async () => {
    eventId = await createHeld('Pre-ratification seminar on the Firearms Protocol for East Asia');
    const res = await send('programme', `/api/events/${eventId}/outcomes`, {
      kind: 'conclusions',
      title: 'Conclusions of the seminar',
      text: 'Participants agreed that the Firearms Protocol should be ratified without delay.',
      adoptedOn: '2026-03-12',
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await get(null, `/api/events/${eventId}/outcomes`)).json() as { outcomes: OutcomeView[] };
    expect(list.outcomes.map((o) => [o.kind, o.adoptedOn])).toEqual([['conclusions', '2026-03-12']]);
    await refused(
      'programme',
      `/api/events/${eventId}/outcomes`,
      { kind: 'declaration', title: 'Declaration', text: 'Before.', adoptedOn: '2026-03-09' },
      422,
      'adoptedOn',
      /before the event began/,
    );
  });

  it('records a commitment "by June", open as at today', async () => {
    const res = await send('programme', `/api/events/${eventId}/commitments`, commitment);
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json() as CommitmentDetail;
    commitmentId = detail.commitment.id;
    expect(detail.commitment).toMatchObject({
      state: { id: 'JPN', name: 'Japan' },
      due: '2026-06',
      dueBy: '2026-06-30',
      status: 'open',
      metBy: null,
    });
    const list = (await get(null, `/api/events/${eventId}/commitments`)).json() as CommitmentList;
    expect(list.asOf).toBe('2026-05-15');
    expect(list.commitments.map((c) => [c.id, c.status])).toEqual([[commitmentId, 'open']]);
  });

  it('refuses a due date before the event, an unknown State or instrument, at their field', async () => {
    const url = `/api/events/${eventId}/commitments`;
    await refused('programme', url, { ...commitment, due: '2026-02' }, 422, 'due', /before the event began/);
    await refused('programme', url, { ...commitment, due: '2026-03-09' }, 422, 'due', /before the event/);
    await refused('programme', url, { ...commitment, due: '2026-13' }, 422, 'due', /YYYY-MM/);
    await refused('programme', url, { ...commitment, stateId: 'XXX' }, 404, 'stateId', /does not exist/);
    await refused('programme', url, { ...commitment, instrumentId: 'UNCAC' }, 404, 'instrumentId', /not/);
    await denied('fund', url, commitment, 403);
    await denied('japan', url, commitment, 403);
  });

  it('is overdue once today passes the end of June', async () => {
    clock.set('2026-07-10T12:00:00.000Z');
    const list = (await get(null, '/api/commitments?state=JPN')).json() as CommitmentList;
    expect(list.asOf).toBe('2026-07-10');
    expect(list.commitments.find((c) => c.id === commitmentId)?.status).toBe('overdue');
    const overdue = (await get(null, '/api/commitments?status=overdue')).json() as CommitmentList;
    expect(overdue.commitments.map((c) => c.id)).toContain(commitmentId);
    const open = (await get(null, '/api/commitments?status=open')).json() as CommitmentList;
    expect(open.commitments.map((c) => c.id)).not.toContain(commitmentId);
  });

  it('suggests the ratification recorded in the registry after the event', async () => {
    const res = await send('admin', '/api/actions', {
      instrumentId: 'FIREARMS',
      participantId: 'JPN',
      kind: 'ratification',
      date: '2026-07-08',
      source: 'test: outcomes-api.test.ts',
    });
    expect(res.statusCode, res.body).toBe(201);
    ratificationId = (res.json() as { action: { id: number } }).action.id;
    const suggested = await get('programme', `/api/events/${eventId}/commitments/suggestions`);
    expect(suggested.statusCode, suggested.body).toBe(200);
    expect((suggested.json() as CommitmentSuggestions).suggestions).toEqual([
      { commitmentId, candidates: [{ actionId: ratificationId, kind: 'ratification', date: '2026-07-08' }] },
    ]);
    expect((await get(null, `/api/events/${eventId}/commitments/suggestions`)).statusCode).toBe(401);
    expect((await get('japan', `/api/events/${eventId}/commitments/suggestions`)).statusCode).toBe(403);
  });

  it('refuses an action of another State, of the wrong kind, or before the event, at actionId', async () => {
    const url = `/api/commitments/${commitmentId}/met`;
    const [algeria] = await listActionRecords(t.store.db, { participantId: 'DZA', instrumentId: 'FIREARMS' });
    const [signature] = await listActionRecords(t.store.db, {
      participantId: 'JPN',
      instrumentId: 'FIREARMS',
      kinds: ['signature'],
    });
    expect(algeria && signature).toBeTruthy();
    await refused('programme', url, { actionId: algeria?.id }, 422, 'actionId', /DZA's, not JPN's/);
    await refused('programme', url, { actionId: signature?.id }, 422, 'actionId', /does not fulfil/);
    await refused('programme', url, { actionId: 2_000_000_000 }, 404, 'actionId', /does not exist/);
    // Japan's acceptance of the Convention (2017) is a consent, but made long before this seminar.
    const untoc = await send('programme', `/api/events/${eventId}/commitments`, {
      ...commitment,
      instrumentId: 'UNTOC',
      text: 'Japan will confirm its consent to the Convention',
      due: null,
    });
    expect(untoc.statusCode, untoc.body).toBe(201);
    const untocId = (untoc.json() as CommitmentDetail).commitment.id;
    const [acceptance] = await listActionRecords(t.store.db, {
      participantId: 'JPN',
      instrumentId: 'UNTOC',
      kinds: ['acceptance'],
    });
    await refused(
      'programme',
      `/api/commitments/${untocId}/met`,
      { actionId: acceptance?.id },
      422,
      'actionId',
      /dated before the event began/,
    );
    // No due date: never overdue.
    const open = (await get(null, `/api/commitments/${untocId}`)).json() as CommitmentDetail;
    expect(open.commitment.status).toBe('open');
  });

  it('marks the commitment met by the ratification, with its history', async () => {
    const res = await send('programme', `/api/commitments/${commitmentId}/met`, { actionId: ratificationId });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json() as CommitmentDetail;
    expect(detail.commitment.status).toBe('met');
    expect(detail.commitment.metBy).toEqual({
      actionId: ratificationId,
      kind: 'ratification',
      date: '2026-07-08',
    });
    expect(detail.history.map((h) => [h.revision, h.change, h.status])).toEqual([
      [1, 'recorded', 'open'],
      [2, 'met', 'met'],
    ]);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'commitment')
      .where('entity_id', '=', String(commitmentId))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['commitment.record', 'commitment.met']);
    // The public sees the commitment met, not who in the Secretariat recorded it.
    const seen = (await get(null, `/api/commitments/${commitmentId}`)).json() as CommitmentDetail;
    expect(seen.commitment.status).toBe('met');
    expect(seen.history.every((h) => h.recordedBy === 'Secretariat')).toBe(true);
    // Met is final: neither met again nor withdrawn.
    await refused(
      'programme',
      `/api/commitments/${commitmentId}/met`,
      { actionId: ratificationId },
      409,
      'status',
      /met already/,
    );
    await refused(
      'programme',
      `/api/commitments/${commitmentId}/withdrawal`,
      { reason: 'x' },
      409,
      'status',
      /met already/,
    );
    const suggested = (await get('programme', `/api/events/${eventId}/commitments/suggestions`)).json();
    expect((suggested as CommitmentSuggestions).suggestions.map((s) => s.commitmentId)).not.toContain(
      commitmentId,
    );
  });

  it('withdraws a commitment only with a reason', async () => {
    const res = await send('programme', `/api/events/${eventId}/commitments`, {
      ...commitment,
      stateId: 'KOR',
      what: 'implementation',
      text: 'The Republic of Korea will introduce marking of firearms at import',
      due: '2027',
    });
    const id = (res.json() as CommitmentDetail).commitment.id;
    const url = `/api/commitments/${id}/withdrawal`;
    await refused('programme', url, { reason: '' }, 422, 'reason', /./);
    await refused('programme', url, {}, 422, 'reason', /./);
    const done = await send('programme', url, { reason: 'the report of the seminar was corrected' });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as CommitmentDetail).commitment).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'the report of the seminar was corrected',
    });
    const withdrawn = (
      await get(null, '/api/commitments?state=KOR&status=withdrawn')
    ).json() as CommitmentList;
    expect(withdrawn.commitments.map((c) => c.id)).toEqual([id]);
  });
  it('lets one of a simultaneous "met" and "withdrawn" through, and refuses the other', async () => {
    const res = await send('programme', `/api/events/${eventId}/commitments`, {
      ...commitment,
      text: 'Japan will deposit its instrument of ratification (recorded twice by mistake)',
    });
    const id = (res.json() as CommitmentDetail).commitment.id;
    const answers = await Promise.all([
      send('programme', `/api/commitments/${id}/met`, { actionId: ratificationId }),
      send('admin', `/api/commitments/${id}/withdrawal`, { reason: 'recorded twice' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const detail = (await get('programme', `/api/commitments/${id}`)).json() as CommitmentDetail;
    expect(detail.history).toHaveLength(2);
    expect(detail.history[1]?.status).toBe(detail.commitment.status);
  });
});

describe('documents per language', () => {
  it('adds documents in English and French and lists them per language', async () => {
    const created = await send('programme', '/api/events', seminar('A seminar with documents'));
    const id = (created.json() as EventView).id;
    for (const language of ['en', 'fr']) {
      const res = await send('programme', `/api/events/${id}/documents`, {
        language,
        kind: 'agenda',
        title: language === 'en' ? 'Provisional agenda' : 'Ordre du jour provisoire',
        symbol: `UNODC/SEM/2026/1`,
        url: `https://www.unodc.org/documents/seminar-2026/agenda-${language}.pdf`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const fr = (await get(null, `/api/events/${id}/documents?language=fr`)).json() as {
      documents: EventDocumentView[];
    };
    expect(fr.documents.map((d) => [d.language, d.title])).toEqual([['fr', 'Ordre du jour provisoire']]);
    const all = (await get(null, `/api/events/${id}/documents`)).json() as { documents: EventDocumentView[] };
    expect(all.documents.map((d) => d.language)).toEqual(['en', 'fr']);
    const url = `/api/events/${id}/documents`;
    const doc = {
      language: 'en',
      kind: 'report',
      title: 'Report',
      symbol: null,
      url: 'https://un.org/r.pdf',
    };
    await refused('programme', url, { ...doc, url: 'javascript:alert(1)' }, 422, 'url', /http or https/);
    await refused('programme', url, { ...doc, language: 'de' }, 422, 'language', /./);
    await denied('japan', url, doc, 403);
  });
});

describe('who may see what was left behind', () => {
  it('answers 404 to the public for the commitments of a non-public event, and shows them to its State', async () => {
    const id = await createHeld('Closed consultation on the Firearms Protocol', false, ['THA']);
    const res = await send('programme', `/api/events/${id}/commitments`, {
      ...commitment,
      stateId: 'THA',
      text: 'Thailand intends to accede to the Firearms Protocol',
      what: 'accession',
      due: '2027',
    });
    expect(res.statusCode, res.body).toBe(201);
    const cid = (res.json() as CommitmentDetail).commitment.id;
    for (const url of [
      `/api/events/${id}/commitments`,
      `/api/events/${id}/outcomes`,
      `/api/events/${id}/documents`,
      `/api/commitments/${cid}`,
      `/api/commitments?event=${id}`,
    ]) {
      expect((await get(null, url)).statusCode, url).toBe(404);
      expect((await get('japan', url)).statusCode, url).toBe(404);
      expect((await get('thailand', url)).statusCode, url).toBe(200);
      expect((await get('fund', url)).statusCode, url).toBe(200);
    }
    const publicList = (await get(null, '/api/commitments?state=THA')).json() as CommitmentList;
    expect(publicList.commitments.map((c) => c.id)).not.toContain(cid);
    expect(JSON.stringify(publicList)).not.toMatch(/Closed consultation/);
    const own = (await get('thailand', '/api/commitments?state=THA')).json() as CommitmentList;
    expect(own.commitments.map((c) => c.id)).toContain(cid);
  });
});
