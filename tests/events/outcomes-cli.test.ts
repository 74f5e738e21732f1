// `palermo commitments list` as users run it: a real process on a store (both stores) holding a seminar of 2004
// with two commitments; the status is as at the real today, so "by June 2004" is overdue. Bad options give one
// line on stderr and a non-zero exit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/common/clock.ts';
import type { ServiceContext } from '../../src/context.ts';
import { recordCommitment } from '../../src/events/services/commitments.ts';
import { changeEventStatus, createEvent, eventView } from '../../src/events/services/events.ts';
import { prepareStore } from '../../src/server/prepare-store.ts';
import { scopeTargets } from '../../src/server/scope-targets.ts';
import { inWrite } from '../funds/support.ts';
import { palermoOn } from '../helpers/cli.ts';
import { TEST_TODAY, testStoreOptions } from '../helpers/store.ts';

const { options, cleanup } = testStoreOptions();
let eventId = 0;

const palermo = palermoOn(options);

beforeAll(async () => {
  const clock = fixedClock(TEST_TODAY);
  const { store, registry } = await prepareStore(options, clock);
  const ctx: ServiceContext = { store, registry, clock, actor: 'test-setup', scopeTargets };
  try {
    eventId = await inWrite(ctx, async (db) => {
      const id = await createEvent(ctx, db, {
        kind: 'pre_ratification_seminar',
        title: 'Seminar on the Firearms Protocol, Bangkok',
        start: '2004-03-10',
        end: '2004-03-12',
        venue: { city: 'Bangkok', country: 'THA', online: false },
        hosts: ['THA'],
        coOrganisers: [],
        targets: [{ kind: 'subregion', value: 'Eastern Asia' }],
        instruments: ['FIREARMS'],
        agenda: [],
        languages: ['en'],
        interpretation: false,
        public: true,
        registrationDeadline: null,
        description: '',
      });
      for (const status of ['registration_open', 'registration_closed', 'held'] as const) {
        const { revision } = await eventView(db, { kind: 'secretariat' }, id);
        await changeEventStatus(ctx, db, id, { status, reason: null, revision });
      }
      const base = { instrumentId: 'FIREARMS', what: 'ratification' as const };
      await recordCommitment(ctx, db, id, {
        ...base,
        stateId: 'JPN',
        text: 'intends to deposit its instrument of ratification by June 2004',
        due: '2004-06',
      });
      await recordCommitment(ctx, db, id, {
        ...base,
        stateId: 'THA',
        text: '=will consider accession',
        due: null,
      });
      return id;
    });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(async () => {
  await cleanup();
});

describe('palermo commitments list', () => {
  it('prints a table with the status as at today', () => {
    const r = palermo('commitments', 'list', '--event', String(eventId));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+event\s+event start\s+state\s+instrument\s+what\s+due\s+status/);
    expect(lines.slice(1).map((l) => l.match(/\b(JPN|THA)\b.*\b(open|overdue)\b/)?.slice(1))).toEqual([
      ['JPN', 'overdue'],
      ['THA', 'open'],
    ]);
  });

  it('filters by State and writes CSV with formula cells neutralised', () => {
    const r = palermo('commitments', 'list', '--state', 'tha', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\r\n');
    expect(rows[0]).toBe('id,event,event start,state,instrument,what,due,status,met by,text');
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toMatch(/,THA,FIREARMS,ratification,,open,,'=will consider accession$/);
  });

  it('refuses a bad State code or an unknown event with one line on stderr and a non-zero exit', () => {
    const bad = palermo('commitments', 'list', '--state', 'J1');
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^validation: state: must be a three-letter code/);
    const unknown = palermo('commitments', 'list', '--event', '999999');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split('\n')).toEqual(['not_found: event "999999" does not exist']);
  });
});
