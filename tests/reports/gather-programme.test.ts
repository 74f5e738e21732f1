// Sections III and IV of the report to the Commission, gathered from events and assistance records built
// through the API (both stores): events held in the period (first and last day included) and outside it, a
// cancelled and a non-public one, delegations attending, commitments made and one met by a registry action;
// requests received, approved, declined and pending, a published and an unpublished project, results. Every
// figure of the two sections is checked, and a confidential request is never named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { PROGRAMME_FIGURES } from '../../src/reports/services/gather-programme.ts';
import {
  gatherProgramme,
  programmeRecords,
  resolveProgrammeFigure,
  type ProgrammeData,
} from '../../src/reports/services/gather-programme.ts';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { movableClock } from '../auth/helpers.ts';
import { noteOf, person, samplePdf, seminarInput } from '../events/delegations-support.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const clock = movableClock('2026-07-05T12:00:00.000Z');
let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const AS_AT = '2026-06-30';

/** What the writes used here answer, as far as the test reads it. */
interface Answer {
  id: number;
  delegates: Array<{ id: number }>;
  action: { id: number };
  commitment: { id: number };
  outcomes: Array<{ id: number }>;
}

async function send(who: string, url: string, payload: unknown, expected = 201): Promise<Answer> {
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { ...as[who], 'idempotency-key': `gather-${process.pid}-${++n}` },
    payload: payload as Record<string, unknown>,
  });
  expect(res.statusCode, `POST ${url}: ${res.body}`).toBe(expected);
  return res.json() as Answer;
}
const at = (day: string) => clock.set(`${day}T12:00:00.000Z`);

/** A seminar as the delegation tests have it, of another kind and visibility, in Bangkok for Eastern Asia. */
const eventInput = (title: string, kind: string, start: string, end: string, isPublic = true) => ({
  ...seminarInput(title, start, end),
  kind,
  public: isPublic,
  venue: { city: 'Bangkok', country: 'THA', online: false },
  hosts: ['THA'],
  targets: [{ kind: 'subregion', value: 'Eastern Asia' }],
});

async function status(id: number, to: string, reason: string | null = null): Promise<void> {
  const { revision } = (await t.app.inject({ url: `/api/events/${id}`, headers: as.admin })).json() as {
    revision: number;
  };
  await send('admin', `/api/events/${id}/status`, { status: to, reason, revision }, 200);
}

/** An event moved to `final` (held, cancelled), with the States whose delegations attend it. */
async function event(
  input: ReturnType<typeof eventInput>,
  final: 'held' | 'cancelled',
  attending: string[] = [],
): Promise<number> {
  const { id } = await send('admin', '/api/events', input);
  if (final === 'cancelled') {
    await status(id, 'cancelled', 'no host');
    return id;
  }
  await status(id, 'registration_open');
  for (const state of attending) {
    const d = await send('admin', `/api/events/${id}/delegations`, {
      state,
      delegates: [person('Given', `Family ${state}`, 'delegate', 'head')],
      noteVerbale: noteOf(samplePdf()),
    });
    for (const delegate of d.delegates)
      await send(
        'admin',
        `/api/events/${id}/delegates/${delegate.id}/review`,
        { decision: 'approve', reason: null },
        200,
      );
  }
  await status(id, 'registration_closed');
  await status(id, 'held');
  return id;
}

/** A request drafted on `requestedOn`, then taken through `steps`, each on its day. */
async function request(
  participantId: string,
  title: string,
  requestedOn: string,
  steps: Array<[string, string]>,
): Promise<number> {
  at('2026-07-05');
  const { id } = await send('admin', '/api/assistance/requests', {
    participantId,
    kind: 'implementation',
    title,
    description: `${title}: legislative drafting.`,
    provisions: ['UNTOC 5'],
    assistance: ['legislative_drafting'],
    estimatedCost: '50000.00',
    requestedOn,
  });
  for (const [to, day] of steps) {
    at(day);
    await send('admin', `/api/assistance/requests/${id}/steps`, {
      to,
      ...(to === 'declined' || to === 'withdrawn' ? { reason: 'not now' } : {}),
    });
  }
  at('2026-07-05');
  return id;
}

const ids: Record<string, number> = {};
let data: ProgrammeData;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-05', app: { clock } });
  as.admin = t.auth;
  const { token } = await issueToken(t.ctx('test-setup'), { name: 'fund', role: 'fund_officer' });
  as.fund = { authorization: `Bearer ${token}` };

  // Section III.
  ids.seminar = await event(
    eventInput('Seminar on the Firearms Protocol', 'pre_ratification_seminar', '2026-03-10', '2026-03-12'),
    'held',
    ['JPN', 'MNG'],
  );
  ids.conference = await event(
    eventInput(
      'Ministerial conference, Eastern Asia',
      'regional_ministerial_conference',
      '2026-06-28',
      '2026-06-30',
    ),
    'held',
    ['JPN', 'KOR'],
  );
  ids.expertGroup = await event(
    eventInput('Expert group on firearms marking', 'expert_group', '2025-12-30', '2026-01-01'),
    'held',
  );
  ids.before = await event(
    eventInput('Seminar of December', 'pre_ratification_seminar', '2025-12-29', '2025-12-31'),
    'held',
    ['CHN'],
  );
  ids.after = await event(
    eventInput('Seminar of July', 'pre_ratification_seminar', '2026-06-30', '2026-07-01'),
    'held',
    ['CHN'],
  );
  ids.cancelled = await event(
    eventInput('Seminar cancelled', 'pre_ratification_seminar', '2026-02-01', '2026-02-02'),
    'cancelled',
  );
  ids.closed = await event(
    eventInput('Closed seminar', 'pre_ratification_seminar', '2026-04-01', '2026-04-02', false),
    'held',
    ['CHN'],
  );
  const commit = (eventId: number, stateId: string, what: string, due: string | null) =>
    send('admin', `/api/events/${eventId}/commitments`, {
      stateId,
      instrumentId: 'FIREARMS',
      what,
      text: `${stateId} commits to ${what}`,
      due,
    });
  ids.japanCommits = (await commit(ids.seminar, 'JPN', 'ratification', '2026-12')).commitment.id;
  ids.mongoliaCommits = (await commit(ids.seminar, 'MNG', 'implementation', '2026-05')).commitment.id;
  ids.closedCommits = (await commit(ids.closed, 'CHN', 'implementation', null)).commitment.id;
  /** A consent to the Firearms Protocol recorded in the registry, meeting a commitment. */
  const meet = async (commitmentId: number, participantId: string, kind: string, date: string) => {
    const { action } = await send('admin', '/api/actions', {
      instrumentId: 'FIREARMS',
      participantId,
      kind,
      date,
      source: 'test: gather-programme.test.ts',
    });
    await send('admin', `/api/commitments/${commitmentId}/met`, { actionId: action.id }, 200);
    return action.id;
  };
  ids.ratification = await meet(ids.japanCommits, 'JPN', 'ratification', '2026-04-01');
  // A commitment made at the seminar of December, before the period, and met in it.
  ids.koreaCommits = (await commit(ids.before, 'PRK', 'accession', null)).commitment.id;
  await meet(ids.koreaCommits, 'PRK', 'accession', '2026-02-01');

  // Section IV. Received in the period: the first day, inside, the last day; before and after it; a draft.
  ids.approved = await request('MNG', 'Drafting a firearms law', '2026-02-01', [
    ['submitted', '2026-02-02'],
    ['assessed', '2026-02-05'],
    ['approved', '2026-02-10'],
  ]);
  ids.declined = await request('KEN', 'Training of judges', '2026-01-01', [
    ['submitted', '2026-01-02'],
    ['declined', '2026-03-01'],
  ]);
  ids.confidential = await request('NGA', 'Confidential plea of Nigeria', '2026-06-30', [
    ['submitted', '2026-06-30'],
  ]);
  ids.earlier = await request('SEN', 'Witness protection', '2025-12-31', [
    ['submitted', '2026-01-05'],
    ['assessed', '2026-01-10'],
    ['approved', '2026-01-15'],
  ]);
  ids.draft = await request('GHA', 'Only a draft', '2026-03-01', []);
  ids.later = await request('PER', 'Requested after', '2026-07-01', [['submitted', '2026-07-02']]);

  const project = (requestId: number, title: string, startsOn: string, published: boolean) =>
    send('admin', '/api/assistance/projects', {
      requestId,
      title,
      budget: '40000.00',
      startsOn,
      endsOn: '2026-12-31',
      implementingPartner: 'UNODC Regional Office',
      beneficiaries: 'Ministry of Justice',
      published,
    });
  ids.published = (await project(ids.approved, 'Firearms law for Mongolia', '2026-03-01', true)).id;
  ids.unpublished = (await project(ids.earlier, 'Witness protection in Senegal', '2025-06-01', false)).id;
  // The unpublished project is funded, under way and completed in the period.
  await send('admin', '/api/fund/donors', { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' });
  await send('fund', '/api/fund/payments', {
    donorId: 'ITA',
    receivedOn: '2026-01-02',
    currency: 'USD',
    amount: '50000.00',
    earmarkId: 'GENERAL',
  });
  await send('fund', `/api/assistance/projects/${ids.unpublished}/funding`, {
    donorId: 'ITA',
    earmarkId: 'GENERAL',
    amount: '40000.00',
    bookedOn: '2026-01-20',
  });
  at('2026-02-01');
  await send('admin', `/api/assistance/requests/${ids.earlier}/steps`, { to: 'in_progress' });
  at('2026-05-20');
  await send('admin', `/api/assistance/projects/${ids.unpublished}/completion`, {});
  at('2026-07-05');
  // The answer is the project: the outcome just recorded has its highest id.
  const outcome = async (projectId: number, body: Record<string, unknown>) =>
    Math.max(
      ...(await send('admin', `/api/assistance/projects/${projectId}/outcomes`, body)).outcomes.map(
        (o) => o.id,
      ),
    );
  ids.law = await outcome(ids.published, {
    kind: 'legislation_adopted',
    happenedOn: '2026-05-01',
    citation: 'Firearms Act 2026',
  });
  const [mongolia] = (
    await listActionRecords(t.store.db, { participantId: 'MNG', instrumentId: 'UNTOC' })
  ).filter((a) => a.kind === 'accession' || a.kind === 'ratification');
  ids.deposit = await outcome(ids.published, {
    kind: 'instrument_deposited',
    happenedOn: '2026-06-30',
    actionId: mongolia?.id,
  });
  ids.lawBefore = await outcome(ids.published, {
    kind: 'legislation_adopted',
    happenedOn: '2025-12-31',
    citation: 'Decree of 2025',
  });
  await outcome(ids.unpublished, {
    kind: 'legislation_adopted',
    happenedOn: '2026-05-02',
    citation: 'Witness Act of Senegal',
  });

  data = await gatherProgramme(t.store.db, { period: PERIOD, asAt: AS_AT });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const figure = (name: string) => resolveProgrammeFigure(data)(name, []);

describe('section III: events held in the period', () => {
  it('lists the conferences and seminars held, their last day within the period, first and last day included', () => {
    expect(data.events.promotion.map((e) => e.id)).toEqual([ids.seminar, ids.conference]);
    expect(data.events.other.map((e) => e.id)).toEqual([ids.expertGroup]);
    const seminar = data.events.promotion[0];
    expect(seminar).toMatchObject({
      kind: 'pre_ratification_seminar',
      title: 'Seminar on the Firearms Protocol',
      status: 'held',
      start: '2026-03-10',
      end: '2026-03-12',
      venue: { city: 'Bangkok', country: { id: 'THA', name: expect.any(String) }, online: false },
      hosts: [{ id: 'THA', name: expect.any(String) }],
      instruments: ['FIREARMS'],
      statesRegistered: 2,
      statesAttending: 2,
      commitmentsMade: 2,
      commitmentsMet: 1,
    });
    expect(seminar?.commitments.map((c) => [c.state.id, c.status, c.metBy?.actionId ?? null])).toEqual([
      ['JPN', 'met', ids.ratification],
      ['MNG', 'overdue', null],
    ]);
  });

  it('gives what followed as the public sees it: fewer than five States attended, so no curve', () => {
    expect(data.events.promotion[0]?.followUp).toEqual({
      mode: 'attendance',
      windowDays: 730,
      observedUntil: AS_AT,
      attendees: null,
      comparison: null,
    });
  });

  it('resolves every figure of section III with its records', () => {
    expect(figure('events.held')).toEqual({
      kind: 'count',
      value: 2,
      asAt: AS_AT,
      source: { kind: 'events.held', ref: `events:${ids.seminar},${ids.conference}` },
    });
    expect(figure('events.conferences')).toMatchObject({
      value: 1,
      source: { ref: `events:${ids.conference}` },
    });
    expect(figure('events.seminars')).toMatchObject({ value: 1, source: { ref: `events:${ids.seminar}` } });
    // JPN, MNG and KOR: Japan attended both, counted once.
    expect(figure('events.statesAttending').value).toBe(3);
    expect(figure('commitments.made')).toMatchObject({
      value: 2,
      source: { ref: `commitments:${ids.japanCommits},${ids.mongoliaCommits}` },
    });
    // Met in the period: Japan's, and the one made in December before it.
    expect(figure('commitments.met')).toMatchObject({
      value: 2,
      source: { ref: `commitments:${ids.japanCommits},${ids.koreaCommits}` },
    });
  });

  it('leaves a meeting action dated after the "as at" day out', async () => {
    const early = await gatherProgramme(t.store.db, {
      period: { from: '2026-01-01', to: '2026-03-31' },
      asAt: '2026-03-31',
    });
    expect(early.events.promotion.map((e) => e.id)).toEqual([ids.seminar]);
    expect(early.events.promotion[0]?.commitments.map((c) => c.status)).toEqual(['open', 'open']);
    expect(resolveProgrammeFigure(early)('commitments.met', []).value).toBe(1);
  });

  it('moves with the period: the seminar ending on 31 December falls in the period that ends then', async () => {
    const december = await gatherProgramme(t.store.db, {
      period: { from: '2025-12-31', to: '2025-12-31' },
      asAt: AS_AT,
    });
    expect(december.events.promotion.map((e) => e.id)).toEqual([ids.before]);
    expect(december.events.other).toEqual([]);
  });
});

describe('section III on the real events of 2003-2004 (attendance not recorded)', () => {
  it('counts the Bamako pre-ratification seminar of 2003 and follows its region', async () => {
    const y2003 = await gatherProgramme(t.store.db, {
      period: { from: '2003-01-01', to: '2003-12-31' },
      asAt: '2005-03-08',
    });
    expect(y2003.events.promotion.map((e) => [e.venue.city, e.kind, e.start])).toEqual([
      ['Bamako', 'pre_ratification_seminar', '2003-11-25'],
    ]);
    const bamako = y2003.events.promotion[0];
    expect(bamako).toMatchObject({ statesRegistered: 0, statesAttending: 0, commitmentsMade: 0 });
    expect(bamako?.followUp).toMatchObject({ mode: 'region', monthsAround: 12 });
    expect(bamako?.followUp.mode === 'region' && bamako.followUp.targetStates).toBeGreaterThan(10);
    expect(resolveProgrammeFigure(y2003)('events.seminars', []).value).toBe(1);
    expect(resolveProgrammeFigure(y2003)('events.statesAttending', []).value).toBe(0);
    // The panel and the treaty event of 2003 are of other kinds: listed apart, outside the figures.
    expect(y2003.events.other.map((e) => e.kind)).toEqual(['panel', 'treaty_event']);
  });

  it('lists the regional seminars and the Conference of the Parties of 2004 apart from the figures', async () => {
    const report14 = await gatherProgramme(t.store.db, {
      period: { from: '2004-03-01', to: '2005-03-08' },
      asAt: '2005-03-08',
    });
    expect(report14.events.promotion).toEqual([]);
    expect(report14.events.other.map((e) => [e.kind, e.start])).toEqual([
      ['regional_seminar', '2004-03-04'],
      ['regional_seminar', '2004-04-01'],
      ['regional_seminar', '2004-04-22'],
      ['regional_seminar', '2004-05-01'],
      ['conference_of_parties', '2004-06-28'],
    ]);
    expect(report14.events.otherTotals.held).toBe(5);
    expect(resolveProgrammeFigure(report14)('events.held', []).value).toBe(0);
  });
});

describe('section IV: technical assistance', () => {
  it('counts requests received in the period and their outcome as at the date', () => {
    expect(data.assistance.requests).toEqual({
      received: 3,
      outcome: { approved: 1, declined: 1, withdrawn: 0, pending: 1 },
      approvedInPeriod: 2,
      declinedInPeriod: 1,
    });
    expect(figure('requests.received')).toMatchObject({
      value: 3,
      source: { kind: 'requests.received', ref: 'assistance_requests:3 confidential (ids withheld)' },
    });
    expect(figure('requests.approved').value).toBe(2);
    expect(figure('requests.declined').value).toBe(1);
  });

  it('counts projects active and completed; lists and breaks down the published one only', () => {
    expect(figure('projects.active')).toMatchObject({
      value: 2,
      source: { ref: `projects:${ids.published} + 1 not published` },
    });
    expect(figure('projects.completed')).toMatchObject({
      value: 1,
      source: { ref: 'projects:none + 1 not published' },
    });
    const p = data.assistance.projects;
    expect(p.notPublished).toEqual({ active: 1, completed: 1 });
    expect(p.published.map((x) => [x.id, x.state.id, x.region, x.articles, x.activeInPeriod])).toEqual([
      [ids.published, 'MNG', 'Asia', ['UNTOC 5'], true],
    ]);
    expect(p.byRegion).toEqual([{ key: 'Asia', active: 1, completed: 0 }]);
    expect(p.byArticle).toEqual([{ key: 'UNTOC 5', active: 1, completed: 0 }]);
    expect(p.byTheme).toHaveLength(1);
  });

  it('counts the results of published projects dated in the period', () => {
    expect(figure('results.lawsAdopted')).toMatchObject({
      value: 1,
      source: { ref: `project_outcomes:${ids.law}` },
    });
    expect(figure('results.instrumentsDeposited')).toMatchObject({
      value: 1,
      source: { ref: `project_outcomes:${ids.deposit}` },
    });
  });

  it('never names a confidential request nor an unpublished project', () => {
    const { confidential: _hashedOnly, ...published } = data.assistance;
    const { attendingStates: _counted, ...events } = data.events;
    const figures = PROGRAMME_FIGURES.map((name) => figure(name));
    const shown = JSON.stringify({ events, published, figures });
    for (const secret of [
      'NGA',
      'Nigeria',
      'Confidential plea',
      'SEN',
      'Senegal',
      'Witness',
      'KEN',
      'Kenya',
      'Training of judges',
    ])
      expect(shown).not.toContain(secret);
    // Nor in the records hashed for the fingerprint beyond ids, dates and statuses.
    expect(programmeRecords(data)).not.toMatch(/Nigeria|Confidential plea|Witness/);
  });
});

describe('the figures and the fingerprint', () => {
  it('resolves every catalogue figure of sections III and IV, and nothing else', () => {
    const names = FIGURES.filter((f) => f.section === 'III' || f.section === 'IV').map((f) => f.name);
    expect([...PROGRAMME_FIGURES].sort()).toEqual([...names].sort());
    expect(() => figure('parties')).toThrow(RangeError);
    expect(() => resolveProgrammeFigure(data)('events.held', ['UNTOC'])).toThrow(RangeError);
  });

  it('gives the records in a canonical form: the same records, the same text; a change, another', async () => {
    const again = await gatherProgramme(t.store.db, { period: PERIOD, asAt: AS_AT });
    const text = programmeRecords(data);
    expect(programmeRecords(again)).toBe(text);
    // Strings, whole numbers, booleans and nulls only: no float, no object.
    for (const line of text.split('\n')) {
      const cells = JSON.parse(line) as unknown[];
      expect(Array.isArray(cells)).toBe(true);
      for (const c of cells)
        expect(c === null || ['string', 'boolean'].includes(typeof c) || Number.isSafeInteger(c), line).toBe(
          true,
        );
    }
    await send('admin', `/api/events/${ids.conference}/commitments`, {
      stateId: 'KOR',
      instrumentId: 'FIREARMS',
      what: 'implementation',
      text: 'KOR commits',
      due: null,
    });
    const changed = await gatherProgramme(t.store.db, { period: PERIOD, asAt: AS_AT });
    expect(programmeRecords(changed)).not.toBe(text);
    expect(resolveProgrammeFigure(changed)('commitments.made', []).value).toBe(3);
  });
});

describe('the empty case and bad input', () => {
  it('gathers a period with no events nor assistance: zero figures, empty lists', async () => {
    const empty = await gatherProgramme(t.store.db, {
      period: { from: '2010-01-01', to: '2010-12-31' },
      asAt: '2010-12-31',
    });
    expect(empty.events.promotion).toEqual([]);
    expect(empty.events.other).toEqual([]);
    expect(empty.assistance.projects.published).toEqual([]);
    expect(empty.assistance.results).toEqual([]);
    for (const name of PROGRAMME_FIGURES) {
      const f = resolveProgrammeFigure(empty)(name, []);
      expect(f.value, name).toBe(0);
      expect(f.source.ref, name).toMatch(/:none$|:0 confidential/);
    }
  });

  it('refuses a period that ends before it starts or after the "as at" date, at the field', async () => {
    await expect(
      gatherProgramme(t.store.db, { period: { from: '2026-02-01', to: '2026-01-31' }, asAt: AS_AT }),
    ).rejects.toMatchObject({ code: 'validation', field: 'period.to' });
    await expect(gatherProgramme(t.store.db, { period: PERIOD, asAt: '2026-06-29' })).rejects.toMatchObject({
      code: 'validation',
      field: 'period.to',
    });
    await expect(
      gatherProgramme(t.store.db, { period: { from: '2026-02-30', to: '2026-03-01' }, asAt: AS_AT }),
    ).rejects.toMatchObject({ code: 'validation', field: 'period.from' });
  });
});
