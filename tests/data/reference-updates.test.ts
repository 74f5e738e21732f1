// A database loaded with the reference data of an earlier release, and used since, gains what a data release
// adds at its next start: exactly once, never over what its users recorded, audited, in one transaction; a
// second start changes nothing (src/reference/reference-updates.ts, docs/operations.md "Upgrades").
import { afterAll, describe, expect, it } from 'vitest';
import { loadProvisionsIfEmpty } from '../../src/assistance/services/catalog.ts';
import { audit } from '../../src/audit/audit-log.ts';
import { loadFundReferenceIfEmpty } from '../../src/funds/services/catalog.ts';
import { prepareStore } from '../../src/server/server.ts';
import {
  officialPartyCounts,
  readReference,
  referenceInstruments,
  referenceParticipants,
} from '../../src/reference/load-reference-data.ts';
import { laterEventCandidates } from '../../src/reference/later-events.ts';
import { applyReferenceUpdates, REFERENCE_UPDATES } from '../../src/reference/reference-updates.ts';
import { statusAsAt } from '../../src/treaties/domain/status.ts';
import { STATEMENT_KINDS } from '../../src/treaties/domain/types.ts';
import {
  insertDevelopmentClasses,
  insertInstrument,
  insertParticipants,
  listActionRecords,
} from '../../src/treaties/repository.ts';
import { correctAction } from '../../src/treaties/services/correct-action.ts';
import { importCandidates, participantTableCandidates } from '../../src/treaties/services/import-csv.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

/** The rows of the later-events file that the release of December 2026 added. */
const NEW_ROWS = /^(TIP,Sierra Leone,SLE|TIP,Palau,PLW|SOM,Barbados,BRB|SOM,Comoros,COM),/;
const UPDATE_IDS = [
  '2026-12-06-later-events',
  '2026-12-07-events',
  '2026-12-07-statements',
  '2026-12-07-notifications',
];
const NEW_CONSENTS = [
  'SOM BRB ratification',
  'SOM COM accession',
  'TIP PLW accession',
  'TIP SLE ratification',
];

/** The later-events file as the earlier release shipped it: today's without the four new rows. */
function laterEventsAsReleasedBefore(): string {
  const lines = readReference('participants-updates-post2014.csv').split('\n');
  const kept = lines.filter((l) => !NEW_ROWS.test(l));
  expect(lines.length - kept.length).toBe(4);
  return kept.join('\n');
}

/**
 * What the first start of the earlier release wrote: the participants, instruments and 2014 tables, then the
 * later-events file of the time with the bounds it derived, in one transaction (as its loader did); then the
 * fund and assistance catalogues.
 */
async function loadAsReleasedBefore(t: TestStore): Promise<void> {
  const ctx = t.ctx('reference-data');
  const { participants, classes } = referenceParticipants();
  const instruments = referenceInstruments();
  const official = officialPartyCounts();
  await t.store.db.transaction().execute(async (trx) => {
    await insertParticipants(trx, participants);
    await insertDevelopmentClasses(trx, classes);
    for (const i of instruments) await insertInstrument(trx, i, `${i.adoptedOn}T00:00:00.000Z`);
    await audit(ctx, trx, { action: 'reference.load', entity: 'reference-data', entityId: null });
    for (const [instrumentId, file] of [
      ['UNTOC', 'participants-untoc.csv'],
      ['TIP', 'participants-tip.csv'],
      ['SOM', 'participants-som.csv'],
      ['FIREARMS', 'participants-firearms.csv'],
    ] as const) {
      await importCandidates(ctx, trx, participantTableCandidates(readReference(file), { instrumentId }));
    }
    const later = participantTableCandidates(laterEventsAsReleasedBefore(), {
      notBeforeUndated: '2014-07-11',
      notAfterUndated: Object.fromEntries(Object.entries(official).map(([id, o]) => [id, o.asOf])),
    });
    expect((await importCandidates(ctx, trx, later)).recorded).toBe(56);
  });
  await loadFundReferenceIfEmpty(ctx);
  await loadProvisionsIfEmpty(ctx);
}

const stores: TestStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
});

/** A database of the earlier release (schema of today, no update applied), with a user's work in it. */
async function databaseOfEarlierRelease(): Promise<TestStore> {
  const t = await createTestStore({ referenceData: false });
  stores.push(t);
  await loadAsReleasedBefore(t);
  const user = t.ctx('user-1');
  await recordAction(user, {
    instrumentId: 'UNTOC',
    participantId: 'IRN',
    kind: 'ratification',
    date: '2026-01-10',
    source: 'a user, after the first start',
  });
  // A user's correction of a row the earlier release loaded: an update must never bring the old one back.
  const [korea] = (await listActionRecords(t.store.db, { instrumentId: 'TIP', participantId: 'KOR' })).filter(
    (a) => a.kind === 'ratification',
  );
  await correctAction(user, korea!.id, {
    reason: 'the depositary notification gives the next day',
    replacement: {
      instrumentId: 'TIP',
      participantId: 'KOR',
      kind: 'ratification',
      date: '2015-11-06',
      source: 'a user, after the first start',
    },
  });
  return t;
}

/** Starts the application on the database, as `palermo serve` and `palermo migrate` do. */
async function start(t: TestStore) {
  const started = await prepareStore(t.options, t.clock);
  await started.store.close();
  return started.referenceUpdates;
}

async function snapshotOf(t: TestStore) {
  const actions = await listActionRecords(t.store.db);
  const updates = await t.store.db.selectFrom('reference_updates').selectAll().execute();
  const audits = await t.store.db.selectFrom('audit_log').select(['seq', 'action', 'entity_id']).execute();
  return { actions, updates, audits };
}

async function countsAt(t: TestStore, instrumentId: string, asOf: string) {
  const snapshot = await t.registry.snapshot();
  return statusAsAt(snapshot.computations.get(instrumentId)!, asOf).counts;
}

describe('reference-data updates into a database of an earlier release', { timeout: 180_000 }, () => {
  it('gains exactly the four new consents at its next start, once, audited, keeping what users recorded', async () => {
    const t = await databaseOfEarlierRelease();
    const before = await snapshotOf(t);
    expect((await countsAt(t, 'TIP', '2024-04-20')).contractingParties).toBe(179);
    expect((await countsAt(t, 'SOM', '2024-04-26')).contractingParties).toBe(144);

    const applied = await start(t);
    const after = await snapshotOf(t);
    const newRows = after.actions.filter((a) => !before.actions.some((b) => b.id === a.id));
    // The statements of record came with a later release (statements-partial.csv, 133 rows): apart here.
    const added = newRows.filter((a) => !(STATEMENT_KINDS as readonly string[]).includes(a.kind));
    expect(added.map((a) => `${a.instrumentId} ${a.participantId} ${a.kind}`).sort()).toEqual(NEW_CONSENTS);
    expect(newRows.length - added.length).toBe(133);
    expect(applied.map((u) => u.id)).toEqual(UPDATE_IDS);
    expect(applied[2]!.files).toEqual([
      expect.objectContaining({
        file: 'statements-partial.csv',
        candidates: 133,
        recorded: 133,
        skipped: [],
      }),
      expect.objectContaining({ file: 'statements-index.csv', candidates: 182, recorded: 182, skipped: [] }),
    ]);
    expect(applied[0]!.files).toEqual([expect.objectContaining({ recorded: 4, skipped: [] })]);
    // The events of 2000-2004 came with the same release (reference/events.csv).
    expect(applied[1]!.files).toEqual([
      expect.objectContaining({ file: 'events.csv', recorded: 11, skipped: [] }),
    ]);
    expect(newRows.every((a) => a.recordedBy === 'reference-data' && a.correction === null)).toBe(true);
    // Everything that was there is there unchanged, the user's correction included.
    expect(after.actions.filter((a) => a.id <= Math.max(...before.actions.map((b) => b.id)))).toEqual(
      before.actions,
    );
    // Audited: one row per action and one for the update, with what it did.
    const newAudits = after.audits.filter((a) => !before.audits.some((b) => b.seq === a.seq));
    expect(newAudits.map((a) => a.action).sort()).toEqual([
      ...Array(4 + 133).fill('action.import'),
      ...Array(11).fill('event.load'),
      'reference.update',
      'reference.update',
      'reference.update',
      'reference.update',
      'statement-index.import',
    ]);
    expect(newAudits.filter((a) => a.action === 'reference.update').map((a) => a.entity_id)).toEqual(
      UPDATE_IDS,
    );
    expect(after.updates.map((u) => u.id)).toEqual(UPDATE_IDS);

    // Palau's TIP accession has no day: it stays undated, within the window its source gives.
    const palau = added.find((a) => a.instrumentId === 'TIP' && a.participantId === 'PLW')!;
    expect([palau.date, palau.notBefore, palau.notAfter]).toEqual([null, '2019-04-01', '2020-03-31']);

    t.registry.invalidate();
    expect((await countsAt(t, 'TIP', '2024-04-20')).contractingParties).toBe(181);
    expect((await countsAt(t, 'SOM', '2024-04-26')).contractingParties).toBe(146);

    // The next start, and the update path run again, change nothing.
    expect(await start(t)).toEqual([]);
    expect(await applyReferenceUpdates(t.ctx('reference-data'))).toEqual([]);
    expect(await snapshotOf(t)).toEqual(after);
  });

  it('leaves out a consent a user recorded already, keeping the user’s record, and says so', async () => {
    const t = await databaseOfEarlierRelease();
    const { action } = await recordAction(t.ctx('user-2'), {
      instrumentId: 'SOM',
      participantId: 'COM',
      kind: 'accession',
      date: '2020-06-15',
      source: 'a user, from the depositary notification',
    });
    const applied = await start(t);
    const file = applied[0]!.files[0]!;
    expect(file.recorded).toBe(3);
    expect(file.skipped).toEqual([
      {
        line: 61,
        instrumentId: 'SOM',
        participantId: 'COM',
        kind: 'accession',
        reason: `already recorded here as action #${action!.id} (accession 2020-06-15, recorded by user-2); that record is kept`,
      },
    ]);
    const coms = (await listActionRecords(t.store.db, { instrumentId: 'SOM', participantId: 'COM' })).filter(
      (a) => a.kind === 'accession',
    );
    expect(coms.map((a) => [a.id, a.date])).toEqual([[action!.id, '2020-06-15']]);
    expect(await start(t)).toEqual([]);
  });

  it("leaves out a statement a user recorded already; the objections answer the user's record", async () => {
    const t = await databaseOfEarlierRelease();
    const { action } = await recordAction(t.ctx('user-2'), {
      instrumentId: 'SOM',
      participantId: 'AFG',
      kind: 'reservation',
      date: '2017-02-02',
      article: '18',
      summary: "a user's own summary of the reservation",
      source: 'a user, from the depositary notification',
    });
    const applied = await start(t);
    const statements = applied[2]!.files[0]!;
    expect(statements).toMatchObject({ file: 'statements-partial.csv', recorded: 132 });
    expect(statements.skipped).toEqual([
      expect.objectContaining({
        line: 62,
        participantId: 'AFG',
        kind: 'reservation',
        reason: expect.stringContaining(`already recorded here as action #${action!.id}`),
      }),
    ]);
    const objections = (
      await listActionRecords(t.store.db, { instrumentId: 'SOM', kinds: ['objection'] })
    ).filter((o) => o.targetParticipantId === 'AFG');
    expect(objections).toHaveLength(22);
    expect(objections.every((o) => o.targetActionId === action!.id)).toBe(true);
    const [afg] = await listActionRecords(t.store.db, { ids: [action!.id] });
    expect(afg!.summary).toBe("a user's own summary of the reservation");
    expect(await start(t)).toEqual([]);
  });

  it('writes an update whole or not at all, and never one another process has claimed', async () => {
    const t = await databaseOfEarlierRelease();
    const untouched = await snapshotOf(t);
    const failing = {
      ...REFERENCE_UPDATES[0]!,
      apply: async (...args: Parameters<(typeof REFERENCE_UPDATES)[number]['apply']>) => {
        expect((await REFERENCE_UPDATES[0]!.apply(...args))[0]!.recorded).toBe(4);
        throw new Error('fails after recording its rows');
      },
    };
    await expect(applyReferenceUpdates(t.ctx('reference-data'), [failing])).rejects.toThrow(
      'fails after recording its rows',
    );
    expect(await snapshotOf(t)).toEqual(untouched);

    for (const update of REFERENCE_UPDATES) {
      await t.store.db
        .insertInto('reference_updates')
        .values({
          id: update.id,
          title: 'applied by another process',
          applied_at: '2026-06-30T12:00:00.000Z',
          applied_by: 'reference-data',
          summary_json: null,
        })
        .execute();
    }
    const before = await listActionRecords(t.store.db);
    expect(await applyReferenceUpdates(t.ctx('reference-data'))).toEqual([]);
    expect(await listActionRecords(t.store.db)).toEqual(before);
  });

  it('a new database gets the whole later-events file by the same path, nothing left out', async () => {
    const t = await createTestStore({ referenceData: false });
    stores.push(t);
    const applied = await start(t);
    expect(applied.map((u) => u.id)).toEqual(UPDATE_IDS);
    // 60 rows: their 60 consents are recorded; their 20 signatures are those of the 2014 tables.
    expect(applied[0]!.files).toEqual([
      {
        file: 'participants-updates-post2014.csv',
        candidates: 80,
        recorded: 60,
        alreadyPresent: 20,
        skipped: [],
      },
    ]);
    expect(await start(t)).toEqual([]);
  });

  it('bounds by the window of its note only Palau’s TIP accession, of all the file’s rows', () => {
    const bounded = laterEventCandidates()
      .filter((c) => c.input.notBefore && c.input.notBefore !== '2014-07-11')
      .map((c) => [
        c.input.instrumentId,
        c.input.participantId,
        c.input.date,
        c.input.notBefore,
        c.input.notAfter,
      ]);
    expect(bounded).toEqual([['TIP', 'PLW', null, '2019-04-01', '2020-03-31']]);
  });
});
