// The notices of history for a database whose actions were stored before notifications existed (the
// reference-data update '2026-12-07-notifications'): each action in effect gets one, in the order recorded,
// under its depositary reference when it has one and none otherwise; a voided action gets none; running the
// update again adds nothing. Actions are written here straight through the treaty repository, as the
// releases before migration 019 did.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listNotifications } from '../../src/notifications/repository.ts';
import { referenceInstruments, referenceParticipants } from '../../src/reference/load-reference-data.ts';
import { notifyHistory } from '../../src/reference/notifications.ts';
import {
  insertAction,
  insertCorrection,
  insertInstrument,
  insertParticipants,
  type NewActionRow,
} from '../../src/treaties/repository.ts';
import { createTestStore, STORE_KIND, type TestStore } from '../helpers/store.ts';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore({ referenceData: false });
}, 120_000);
afterAll(async () => {
  await t.close();
});

const row = (participant_id: string, kind: string, more: Partial<NewActionRow> = {}): NewActionRow => ({
  instrument_id: 'UNTOC',
  participant_id,
  kind,
  date_text: '2003-05-20',
  date_precision: 'day',
  not_before: null,
  not_after: null,
  article: null,
  target_action_id: null,
  target_participant_id: null,
  territory: null,
  depositary_ref: null,
  text: null,
  summary: null,
  confidence: null,
  source: 'test: history.test.ts',
  notes: null,
  import_key: null,
  recorded_at: '2020-01-01T00:00:00.000Z',
  recorded_by: 'reference-data',
  ...more,
});

it(`notifies the actions stored before, without inventing a reference (${STORE_KIND})`, async () => {
  const db = t.store.db;
  await db.transaction().execute(async (trx) => {
    await insertParticipants(trx, referenceParticipants().participants);
    for (const i of referenceInstruments()) await insertInstrument(trx, i, `${i.adoptedOn}T00:00:00.000Z`);
  });
  const fra = await insertAction(
    db,
    row('FRA', 'ratification', { depositary_ref: 'C.N.123.2003.TREATIES-XVIII.12' }),
  );
  const qat = await insertAction(db, row('QAT', 'reservation', { article: '35(2)' }));
  const objection = await insertAction(
    db,
    row('FRA', 'objection', { target_action_id: qat, date_text: '2008', date_precision: 'year' }),
  );
  const voided = await insertAction(db, row('DEU', 'signature'));
  await insertCorrection(db, {
    actionId: voided,
    replacementActionId: null,
    reason: 'test',
    correctedAt: '2020-01-02T00:00:00.000Z',
    correctedBy: 'test',
  });

  const summary = await db.transaction().execute((trx) => notifyHistory(t.ctx('reference-data'), trx));
  expect(summary).toMatchObject({ candidates: 3, recorded: 3, alreadyPresent: 0 });
  const rows = await listNotifications(db, { since: 0, limit: 10 });
  expect(rows.map((r) => [Number(r.action_id), r.reference, r.reference_source, r.issued_on])).toEqual([
    [fra, 'C.N.123.2003.TREATIES-XVIII.12', 'depositary', null],
    [qat, null, 'none', null],
    [objection, null, 'none', null],
  ]);
  const obj = rows[2]!;
  expect([obj.target_participant_id, obj.target_kind, obj.action_date]).toEqual([
    'QAT',
    'reservation',
    '2008',
  ]);
  expect(rows.every((r) => r.recorded_at === '2020-01-01T00:00:00.000Z' && r.cn_number === null)).toBe(true);

  const again = await db.transaction().execute((trx) => notifyHistory(t.ctx('reference-data'), trx));
  expect(again).toMatchObject({ recorded: 0, alreadyPresent: 3 });
  expect(await listNotifications(db, { since: 0, limit: 10 })).toHaveLength(3);
});
