// The obligations calendar on the real shipped data, through the API: what falls due for each party on its
// deposit date against figures this test computes from the shipped CSVs (reference/), nothing overdue while
// the Secretariat has not marked completeness, then a State marked complete (audited), an obligation shown
// overdue, and the matching notification recorded making it "made". Roles, bad input and the iCal feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { readReferenceCsv } from '../helpers/reference-csv.ts';

let t: TestApp;
let focalARM: Record<string, string>;
let programme: Record<string, string>;

interface Obligation {
  instrumentId: string;
  reference: string;
  timing: string;
  status: 'made' | 'outstanding' | 'not_recorded' | 'overdue';
  dueOn: string | null;
  opensOn: string | null;
  madeBy: { actionId: number; kind: string; date: string | null } | null;
  overdueSince: string | null;
}
interface Calendar {
  participantId: string;
  asOf: string;
  completeness: { completeSince: string | null; reason: string | null; recordedByName: string | null };
  counts: Record<string, number>;
  instruments: Array<{
    instrumentId: string;
    consentOn: string | null;
    entryIntoForce: string | null;
    obligations: Obligation[];
  }>;
}

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

// ---- figures computed here from the shipped files, independently of src/ ---------------------------------

const INSTRUMENT_FILES: Record<string, string> = {
  UNTOC: 'participants-untoc.csv',
  TIP: 'participants-tip.csv',
  SOM: 'participants-som.csv',
  FIREARMS: 'participants-firearms.csv',
};
/** The instruments' own entry into force (reference/SOURCES.md, entry-into-force check). */
const INSTRUMENT_EIF: Record<string, string> = {
  UNTOC: '2003-09-29',
  TIP: '2003-12-25',
  SOM: '2004-01-28',
  FIREARMS: '2005-07-03',
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Notifications due on deposit, per instrument, read from provisions.csv's words "(at … deposit)". */
function dueAtDeposit(): Map<string, string[]> {
  const byInstrument = new Map<string, string[]>();
  for (const row of readReferenceCsv('provisions.csv')) {
    if (!['mandatory', 'consider'].includes(row.obligation as string) || !row.notifications) continue;
    for (const item of (row.notifications as string).split(';')) {
      if (!/\(at (signature or )?deposit\)/.test(item)) continue;
      const ref = item.trim().split(':')[0] as string;
      byInstrument.set(row.instrument as string, [
        ...(byInstrument.get(row.instrument as string) ?? []),
        ref,
      ]);
    }
  }
  return byInstrument;
}

/** Each party's deposit day per instrument: the 2014 tables, then later deposits from the updates file. */
function deposits(): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>();
  const put = (instrument: string, iso3: string, date: string) => {
    const m = result.get(instrument) ?? new Map<string, string>();
    if (!m.has(iso3)) m.set(iso3, date);
    result.set(instrument, m);
  };
  for (const [instrument, file] of Object.entries(INSTRUMENT_FILES)) {
    for (const r of readReferenceCsv(file))
      if (DAY.test(r.consent_date ?? '')) put(instrument, r.iso3 as string, r.consent_date as string);
  }
  for (const r of readReferenceCsv('participants-updates-post2014.csv')) {
    if (DAY.test(r.consent_date ?? ''))
      put(r.instrument as string, r.iso3 as string, r.consent_date as string);
  }
  return result;
}

/** Calendar arithmetic by another method than src/common/dates.ts: UTC milliseconds, for the test only. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
function plusOneMonth(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** (iso3, instrument, paragraph) of every notification or declaration of record naming a paragraph. */
function recordedStatements(): Set<string> {
  const set = new Set<string>();
  for (const r of readReferenceCsv('statements-partial.csv')) {
    if (!['notification', 'declaration'].includes(r.kind as string) || !r.article) continue;
    for (const a of (r.article as string).split(';')) set.add(`${r.iso3} ${r.instrument} ${a.trim()}`);
  }
  return set;
}

beforeAll(async () => {
  t = await createTestApp();
  const focal = await issueToken(t.ctx('test-setup'), {
    name: 'Armenia focal point',
    role: 'focal_point',
    states: ['ARM'],
  });
  focalARM = { authorization: `Bearer ${focal.token}` };
  const po = await issueToken(t.ctx('test-setup'), { name: 'programme officer', role: 'programme_officer' });
  programme = { authorization: `Bearer ${po.token}` };
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function calendarOf(id: string, headers = t.auth): Promise<Calendar> {
  const res = await get(`/api/participants/${id}/obligations`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Calendar;
}

describe('the calendar on the shipped data', () => {
  it('what falls due on each party’s deposit day, SoM 8(6) a month after entry into force, nothing overdue', async () => {
    const atDeposit = dueAtDeposit();
    expect(atDeposit.get('UNTOC')).toEqual(['5(3)', '16(5)(a)', '18(13)', '18(14)']);
    const recorded = recordedStatements();
    let checkedParties = 0;
    let checkedDue = 0;
    let made = 0;
    for (const [instrument, parties] of deposits()) {
      for (const [iso3, deposit] of parties) {
        const calendar = await calendarOf(iso3);
        const mine = calendar.instruments.find((i) => i.instrumentId === instrument);
        expect(mine, `${iso3} ${instrument}`).toBeDefined();
        expect(mine?.consentOn, `${iso3} ${instrument}`).toBe(deposit);
        const obligations = mine?.obligations ?? [];
        const dueThen = obligations.filter((o) => o.dueOn === deposit && o.timing !== 'within_months');
        expect(dueThen.map((o) => o.reference).sort(), `${iso3} ${instrument}`).toEqual(
          [...(atDeposit.get(instrument) ?? [])].sort(),
        );
        checkedDue += dueThen.length;
        if (instrument === 'SOM') {
          // Later party: the 30th day after deposit, or the Protocol's own date, whichever is later (art. 22(2)).
          const later = plusDays(deposit, 30);
          const eif = later > INSTRUMENT_EIF.SOM! ? later : INSTRUMENT_EIF.SOM!;
          const som = obligations.find((o) => o.reference === '8(6)');
          expect(som?.dueOn, `${iso3} SOM 8(6)`).toBe(plusOneMonth(eif));
        }
        for (const o of obligations) {
          expect(o.status, `${iso3} ${instrument} ${o.reference}`).not.toBe('overdue');
          const isRecorded = recorded.has(`${iso3} ${instrument} ${o.reference}`);
          expect(o.status === 'made', `${iso3} ${instrument} ${o.reference} made`).toBe(isRecorded);
          if (o.status === 'made') made += 1;
        }
        checkedParties += 1;
      }
    }
    // 179 + 159 + 138 + 109 consents in the 2014 tables, plus the later ones with a day.
    expect(checkedParties).toBe(626);
    expect(checkedDue).toBeGreaterThan(700);
    expect(made).toBeGreaterThanOrEqual(10);
    const overdue = await get('/api/obligations/overdue', t.auth);
    expect(overdue.statusCode).toBe(200);
    expect(overdue.json()).toMatchObject({ statesKeptComplete: 0, items: [] });
  }, 300_000);

  it('a signatory that has not deposited owes nothing yet', async () => {
    // A UNTOC signatory with no deposit in the 2014 table nor in the later updates.
    const later = new Set(
      readReferenceCsv('participants-updates-post2014.csv')
        .filter((r) => r.instrument === 'UNTOC')
        .map((r) => r.iso3),
    );
    const row = readReferenceCsv('participants-untoc.csv').find(
      (r) => r.signature_date && !r.consent_date && !later.has(r.iso3),
    );
    expect(row).toBeDefined();
    const calendar = await calendarOf(row?.iso3 as string);
    const untoc = calendar.instruments.find((i) => i.instrumentId === 'UNTOC');
    expect(untoc?.consentOn).toBeNull();
    expect(untoc?.obligations.every((o) => o.status === 'outstanding' && o.dueOn === null)).toBe(true);
  });
});

describe('when the Secretariat keeps a State complete', () => {
  it('an obligation due after the date with no record is overdue; the notification makes it made', async () => {
    const before = await calendarOf('ALB');
    const untoc = before.instruments.find((i) => i.instrumentId === 'UNTOC');
    const deposit = untoc?.consentOn as string;
    expect(deposit).toMatch(DAY);
    expect(untoc?.obligations.find((o) => o.reference === '18(13)')?.status).toBe('not_recorded');

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/participants/ALB/obligations/completeness',
      headers: programme,
      payload: {
        completeSince: deposit,
        reason: 'all notifications of Albania re-keyed from the depositary',
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      completeSince: deposit,
      recordedByName: expect.stringContaining('programme officer'),
    });
    const audited = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'obligations.completeness')
      .execute();
    expect(audited).toEqual([{ action: 'obligations.completeness', entity_id: 'ALB' }]);
    // The decisions are a history: the store refuses to rewrite or remove one (migration 020's triggers).
    await expect(
      t.store.db.updateTable('notification_completeness').set({ reason: 'rewritten' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.store.db.deleteFrom('notification_completeness').execute()).rejects.toThrow(/append-only/);

    const after = await calendarOf('ALB');
    const o1813 = after.instruments
      .find((i) => i.instrumentId === 'UNTOC')
      ?.obligations.find((o) => o.reference === '18(13)');
    expect(o1813).toMatchObject({ status: 'overdue', overdueSince: deposit, dueOn: deposit });
    // Conditional duties are never overdue; standing ones kept since they arose are outstanding.
    const o53 = after.instruments[0]?.obligations.find((o) => o.reference === '5(3)');
    expect(o53?.status).toBe('not_recorded');
    const o62d = after.instruments[0]?.obligations.find((o) => o.reference === '6(2)(d)');
    expect(o62d?.status).toBe('outstanding');
    expect(after.counts.overdue).toBeGreaterThanOrEqual(2);

    const list = (await get('/api/obligations/overdue?instrument=UNTOC', t.auth)).json() as {
      statesKeptComplete: number;
      items: Array<{ participantId: string; reference: string; region: string | null; overdueSince: string }>;
    };
    expect(list.statesKeptComplete).toBe(1);
    const alb = list.items.find((i) => i.participantId === 'ALB' && i.reference === '18(13)');
    expect(alb).toMatchObject({ overdueSince: deposit });
    const region = alb?.region as string;
    expect(
      (await get(`/api/obligations/overdue?region=${encodeURIComponent(region)}`, t.auth)).json().items
        .length,
    ).toBeGreaterThan(0);
    expect((await get('/api/obligations/overdue?region=Nowhere', t.auth)).json().items).toEqual([]);
    expect(
      (await get('/api/obligations/overdue?instrument=TIP', t.auth))
        .json()
        .items.every((i: { instrumentId: string }) => i.instrumentId === 'TIP'),
    ).toBe(true);

    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/actions',
      headers: t.auth,
      payload: {
        instrumentId: 'UNTOC',
        participantId: 'ALB',
        kind: 'notification',
        article: '18(13)',
        date: '2026-06-01',
        source: 'test: obligations-api',
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const actionId = recorded.json().action.id as number;
    const made = (await calendarOf('ALB')).instruments[0]?.obligations.find((o) => o.reference === '18(13)');
    expect(made).toMatchObject({
      status: 'made',
      madeBy: { actionId, kind: 'notification', date: '2026-06-01' },
    });
    const publicView = await get('/api/participants/ALB/obligations/made');
    expect(publicView.statusCode).toBe(200);
    expect(
      publicView.json().items.find((i: { reference: string }) => i.reference === '18(13)'),
    ).toMatchObject({ made: true, madeBy: { actionId } });
    expect(JSON.stringify(publicView.json())).not.toMatch(/overdue|not_recorded/);

    // Withdrawn: back to "not recorded here" for what has no record.
    const withdraw = await t.app.inject({
      method: 'PUT',
      url: '/api/participants/ALB/obligations/completeness',
      headers: t.auth,
      payload: { completeSince: null, reason: 'withdrawn: re-keying incomplete' },
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    const back = (await calendarOf('ALB')).instruments[0]?.obligations.find((o) => o.reference === '18(14)');
    expect(back?.status).toBe('not_recorded');
  });
});

describe('who sees what', () => {
  it('a State’s focal point sees its own calendar; another State’s is 404; the public view is public', async () => {
    expect((await get('/api/participants/ARM/obligations', focalARM)).statusCode).toBe(200);
    const other = await get('/api/participants/MEX/obligations', focalARM);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    expect((await get('/api/participants/MEX/obligations.ics', focalARM)).statusCode).toBe(404);
    expect((await get('/api/participants/MEX/obligations')).statusCode).toBe(401);
    expect((await get('/api/participants/MEX/obligations/made')).statusCode).toBe(200);
    expect((await get('/api/obligations/overdue', focalARM)).statusCode).toBe(403);
    expect((await get('/api/obligations/overdue', programme)).statusCode).toBe(200);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/participants/ARM/obligations/completeness',
      headers: focalARM,
      payload: { completeSince: '2020-01-01', reason: 'mine' },
    });
    expect(put.statusCode).toBe(403);
  });

  it('bad input: a day that does not exist, an unknown State, an unknown field', async () => {
    const put = (url: string, payload: unknown) =>
      t.app.inject({ method: 'PUT', url, headers: t.auth, payload: payload as Record<string, unknown> });
    const bad = await put('/api/participants/ARM/obligations/completeness', {
      completeSince: '2004-02-30',
      reason: 'x',
    });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().errors)).toMatch(/completeSince/);
    expect(
      (
        await put('/api/participants/ARM/obligations/completeness', {
          completeSince: null,
          reason: 'x',
          by: 'me',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (await put('/api/participants/XXX/obligations/completeness', { completeSince: null, reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await get('/api/participants/XXX/obligations', t.auth)).statusCode).toBe(404);
    expect((await get('/api/participants/arm/obligations', t.auth)).statusCode).toBe(422);
  });
});

describe('the iCalendar feed', () => {
  it('parses back: one all-day event per due day, folded lines of ≤ 75 octets, CRLF', async () => {
    const res = await get('/api/participants/MEX/obligations.ics', t.auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const text = res.body;
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.split('\r\n').slice(0, -1);
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    // Unfold (RFC 5545 §3.1) and read properties.
    const lines = text
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    const events: Array<Record<string, string>> = [];
    let current: Record<string, string> | null = null;
    for (const line of lines) {
      if (line === 'BEGIN:VEVENT') current = {};
      else if (line === 'END:VEVENT') {
        events.push(current as Record<string, string>);
        current = null;
      } else if (current) {
        const colon = line.indexOf(':');
        current[line.slice(0, colon)] = line.slice(colon + 1);
      }
    }
    const calendar = await calendarOf('MEX');
    const dated = calendar.instruments.flatMap((i) => i.obligations.filter((o) => o.dueOn !== null));
    expect(events).toHaveLength(dated.length);
    expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
    for (const o of dated) {
      const e = events.find((x) => x.SUMMARY?.startsWith(`${o.instrumentId} art. ${o.reference}:`));
      expect(e, `${o.instrumentId} ${o.reference}`).toBeDefined();
      expect(e?.['DTSTART;VALUE=DATE']).toBe((o.dueOn as string).replace(/-/g, ''));
      expect(e?.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    }
    const made1813 = events.find((e) => e.SUMMARY?.startsWith('UNTOC art. 18(13):'));
    expect(made1813?.SUMMARY).toBe('UNTOC art. 18(13): made');
    // Stable UIDs, one per State, instrument and paragraph: a client replaces the event when its status moves.
    expect(made1813?.UID).toBe('obligation-MEX-UNTOC-18.13@localhost:3000');
  });
});
