// Erasure of participants' personal data, on both stores: five years after an event (to the day) names,
// titles, functions, e-mails, reasons and the notes verbales' bytes are gone from every delegations table,
// the figures (States and people per category and status) are unchanged, one audit row per event is
// written (once, when two runs meet), and a second run finds nothing to do. A dry run and the day before the limit change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { fixedClock } from '../../src/common/clock.ts';
import type { Attendance } from '../../src/events/delegation-contract.ts';
import { erasePersonalData, retentionYears } from '../../src/events/services/erasure.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { key, noteOf, openSeminar, person, samplePdf } from './delegations-support.ts';

let t: TestApp;
let event: number;
const NAMES =
  /Aminata|Diallo|Moussa|Ndiaye|Kwame|Asante|Ambassador|Ministry of Justice|example\.org|note-verbale-sen/i;

const post = (url: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...t.auth, 'idempotency-key': key() },
    payload: payload as Record<string, unknown>,
  });

async function register(state: string, people: unknown[]): Promise<number[]> {
  const res = await post(`/api/events/${event}/delegations`, {
    state,
    delegates: people,
    noteVerbale: noteOf(samplePdf(`${state} 2026`), `note-verbale-${state.toLowerCase()}.pdf`),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return (res.json() as { delegates: Array<{ id: number }> }).delegates.map((d) => d.id);
}

/** Every row of the delegations tables, as text: where a name could hide. */
async function everyText(): Promise<string> {
  const tables = [
    'event_delegations',
    'event_delegates',
    'event_delegation_log',
    'event_capacities',
  ] as const;
  const rows = [];
  for (const table of tables) {
    const all = await t.store.db.selectFrom(table).selectAll().execute();
    rows.push(
      ...all.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v === 'string'))),
    );
  }
  return JSON.stringify(rows);
}

const attendance = async () =>
  (await t.app.inject({ url: `/api/events/${event}/attendance` })).json() as Attendance;
const at = (today: string) => ({ ...t.ctx('cli:test'), clock: fixedClock(today) });

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  event = await openSeminar(t, 'Seminar held in May 2026', undefined, ['2026-05-04', '2026-05-05']);
  const sen = await register('SEN', [
    {
      ...person('Aminata', 'Diallo', 'delegate', 'head'),
      title: 'Ambassador',
      email: 'a.diallo@example.org',
    },
    person('Moussa', 'Ndiaye', 'expert'),
  ]);
  const gha = await register('GHA', [person('Kwame', 'Asante', 'observer', 'head')]);
  const review = (id: number | undefined, decision: string, reason: string | null) =>
    post(`/api/events/${event}/delegates/${id}/review`, { decision, reason });
  await review(sen[0], 'approve', null);
  await review(sen[1], 'refuse', 'Mr Ndiaye is registered by another delegation');
  await review(gha[0], 'approve', null);
  for (const [status, revision] of [
    ['registration_closed', 2],
    ['held', 3],
  ] as const) {
    const res = await post(`/api/events/${event}/status`, { status, reason: null, revision });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
});
afterAll(async () => t.close());

describe('erasure of personal data', () => {
  it('changes nothing in a dry run, nor the day before the retention period ends', async () => {
    const before = await everyText();
    expect(before).toMatch(/Diallo/);
    const dry = await erasePersonalData(at('2031-05-06'), { years: 5, dryRun: true });
    expect(dry.events.map((e) => [e.id, e.people, e.delegations])).toEqual([[event, 3, 2]]);
    const early = await erasePersonalData(at('2031-05-05'), { years: 5, dryRun: false });
    expect(early.events).toEqual([]);
    expect(await everyText()).toBe(before);
  });

  it('erases names, notes verbales and reasons, keeps the figures, audits once per event', async () => {
    const figures = await attendance();
    expect(figures).toMatchObject({
      statesRegistered: 2,
      statesAttending: 2,
      approved: { delegate: 1, observer: 1 },
    });
    // Two server processes run the daily job at once: one erases, the other finds nothing left. (Two open
    // connections first, so that on PostgreSQL neither run waits for a connection and they truly overlap.)
    await Promise.all(
      [1, 2].map(() =>
        t.store.db.transaction().execute((trx) => trx.selectFrom('events').select('id').execute()),
      ),
    );
    const reports = await Promise.all([
      erasePersonalData(at('2031-05-06'), { years: 5, dryRun: false }),
      erasePersonalData(at('2031-05-06'), { years: 5, dryRun: false }),
    ]);
    expect(reports.map((r) => r.before)).toEqual(['2026-05-06', '2026-05-06']);
    expect(reports.flatMap((r) => r.events.map((e) => e.id))).toEqual([event]);
    const logged = await t.store.db
      .selectFrom('event_delegation_log')
      .select('delegation_id')
      .where('change', '=', 'personal_data_erased')
      .execute();
    expect(logged).toHaveLength(2);
    expect(await attendance()).toEqual(figures);
    expect(await everyText()).not.toMatch(NAMES);
    // Append-only rows never held a name: the audit trail and the stored answers of idempotent writes.
    const kept = [
      await t.store.db.selectFrom('audit_log').selectAll().execute(),
      await t.store.db.selectFrom('idempotency_keys').selectAll().execute(),
    ];
    const found = JSON.stringify(kept).match(new RegExp(`.{200}(${NAMES.source}).{100}`, 'i'));
    expect(found?.[0]).toBeUndefined();
    const notes = await t.store.db
      .selectFrom('event_delegations')
      .select(['note_pdf', 'note_sha256', 'note_size'])
      .execute();
    expect(
      notes.every((n) => n.note_pdf === null && /^[0-9a-f]{64}$/.test(n.note_sha256) && n.note_size > 0),
    ).toBe(true);
    const audited = await t.store.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after_json'])
      .where('action', '=', 'event.personal_data_erased')
      .execute();
    expect(audited.map((a) => a.entity_id)).toEqual([String(event)]);
    const people = await t.store.db
      .selectFrom('event_delegates')
      .select(['category', 'status', 'erased_at'])
      .execute();
    expect(people.map((p) => [p.category, p.status])).toEqual([
      ['delegate', 'approved'],
      ['expert', 'refused'],
      ['observer', 'approved'],
    ]);
    expect(people.every((p) => p.erased_at !== null)).toBe(true);
  });

  it('finds nothing to do the second time, and the API answers for erased data', async () => {
    const before = await everyText();
    expect((await erasePersonalData(at('2031-05-07'), { years: 5, dryRun: false })).events).toEqual([]);
    expect(await everyText()).toBe(before);
    const list = await t.app.inject({ url: `/api/events/${event}/delegations`, headers: t.auth });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(NAMES);
    const id = (list.json() as { delegations: Array<{ id: number }> }).delegations[0]?.id;
    const note = await t.app.inject({
      url: `/api/events/${event}/delegations/${id}/note-verbale.pdf`,
      headers: t.auth,
    });
    expect(note.statusCode).toBe(404);
    const csv = await t.app.inject({ url: `/api/events/${event}/participants.csv`, headers: t.auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toMatch(/\(erased\)/);
    expect(csv.body).not.toMatch(NAMES);
  });

  it('refuses a log row edited other than by clearing its reason', async () => {
    await expect(
      t.store.db.updateTable('event_delegation_log').set({ change: 'approved' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.store.db.deleteFrom('event_delegation_log').execute()).rejects.toThrow(/append-only/);
    await expect(
      t.store.db.updateTable('event_delegation_log').set({ reason: 'put back' }).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('reads its settings and options, refusing what is not a number of years', async () => {
    expect(retentionYears({})).toBe(5);
    expect(retentionYears({ PALERMO_EVENT_DATA_RETENTION_YEARS: '7' })).toBe(7);
    expect(() => retentionYears({ PALERMO_EVENT_DATA_RETENTION_YEARS: '5y' })).toThrow(/whole number/);
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (stderr.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect(await runCli(['events', 'erase-personal-data', '--older-than', 'five'])).not.toBe(0);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toMatch(/--older-than: "five" is not a number of years/);
  });
});
