// The statements of record the shipped data holds (reference/statements-partial.csv, statements-index.csv),
// loaded at first start by the reference-data update '2026-12-07-statements': counts per instrument and kind
// equal the files, every objection is linked to the statement it answers, "date not known" stays unknown,
// the summary is a summary (never the official text), and a second start changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStore } from '../../src/server/server.ts';
import { listActionRecords, type ActionRecord } from '../../src/treaties/repository.ts';
import { STATEMENT_KINDS } from '../../src/treaties/domain/types.ts';
import { listStatementIndex } from '../../src/treaties/statements-repository.ts';
import { readReferenceCsv, type ReferenceRow } from '../helpers/reference-csv.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

type Row = ReferenceRow;
const read = readReferenceCsv;
const partial = read('statements-partial.csv');
const index = read('statements-index.csv');

const tally = (items: Array<{ instrument: string; kind: string }>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const i of items) out[`${i.instrument} ${i.kind}`] = (out[`${i.instrument} ${i.kind}`] ?? 0) + 1;
  return out;
};

let t: TestStore;
let statements: ActionRecord[];

beforeAll(async () => {
  t = await createTestStore();
  statements = (await listActionRecords(t.store.db, { kinds: [...STATEMENT_KINDS] })).filter(
    (a) => a.correction === null,
  );
}, 180_000);
afterAll(async () => t?.close());

describe('statements of record at first start', () => {
  it('records every row of the file: counts per instrument and kind equal the file (133)', () => {
    expect(partial).toHaveLength(133);
    expect(statements).toHaveLength(133);
    expect(tally(statements.map((a) => ({ instrument: a.instrumentId, kind: a.kind })))).toEqual(
      tally(partial.map((r) => ({ instrument: r.instrument!, kind: r.kind! }))),
    );
    // The figures SOURCES.md gives.
    const byKind = tally(statements.map((a) => ({ instrument: '', kind: a.kind })));
    expect(byKind).toEqual({
      ' reservation': 45,
      ' declaration': 28,
      ' objection': 23,
      ' notification': 29,
      ' territorial_application': 8,
    });
  });

  it('keeps the summary as a summary with its source and confidence, never as the official text', () => {
    for (const a of statements) {
      expect(a.text).toBeNull();
      expect(a.summary).not.toBeNull();
      expect(a.source).not.toBe('');
      expect(a.recordedBy).toBe('reference-data');
    }
    const algeria = statements.find(
      (a) => a.instrumentId === 'UNTOC' && a.participantId === 'DZA' && a.kind === 'reservation',
    )!;
    expect(algeria).toMatchObject({ article: '35(2)', date: '2002-10-07', confidence: 'High' });
    // "As above" takes the confidence of the row it refers to (Saudi Arabia's TIP 6(3)(d) reservation: High).
    const saudi = statements.find(
      (a) => a.instrumentId === 'TIP' && a.participantId === 'SAU' && a.article === '7(1)',
    )!;
    expect(saudi.confidence).toBe('High');
    expect(statements.filter((a) => a.confidence === 'Low')).toHaveLength(1);
  });

  it('records a row without a date as "date not known", never a made-up date (19 rows)', () => {
    const undated = statements.filter((a) => a.datePrecision === 'unknown');
    expect(undated).toHaveLength(partial.filter((r) => r.date === '').length);
    expect(undated).toHaveLength(19);
    expect(undated.every((a) => a.date === null && a.notBefore === null && a.notAfter === null)).toBe(true);
  });

  it("links each of the 22 objections to Afghanistan's SoM art. 18 reservation, and Austria's to Belarus's declaration", () => {
    const reservation = statements.find((a) => a.instrumentId === 'SOM' && a.participantId === 'AFG')!;
    expect(reservation).toMatchObject({ kind: 'reservation', article: '18', date: '2017-02-02' });
    const objections = statements.filter((a) => a.kind === 'objection');
    expect(objections).toHaveLength(23);
    const toAfghanistan = objections.filter((o) => o.targetActionId === reservation.id);
    expect(toAfghanistan).toHaveLength(22);
    expect(toAfghanistan.every((o) => o.targetParticipantId === 'AFG' && o.date !== null)).toBe(true);
    const belarus = statements.find((a) => a.instrumentId === 'SOM' && a.participantId === 'BLR')!;
    const austria = objections.find((o) => o.participantId === 'AUT' && o.targetParticipantId === 'BLR')!;
    expect(austria.targetActionId).toBe(belarus.id);
    expect(objections.every((o) => o.targetActionId !== null)).toBe(true);
  });

  it('loads the index rows with their source (182)', async () => {
    const entries = await listStatementIndex(t.store.db);
    expect(entries).toHaveLength(index.length);
    expect(index).toHaveLength(182);
    expect(entries.every((e) => e.source.startsWith('http'))).toBe(true);
  });

  it('changes nothing at a second start', async () => {
    const before = await listActionRecords(t.store.db);
    const indexBefore = await listStatementIndex(t.store.db);
    const started = await prepareStore(t.options, t.clock);
    await started.store.close();
    expect(started.referenceUpdates).toEqual([]);
    expect(await listActionRecords(t.store.db)).toEqual(before);
    expect(await listStatementIndex(t.store.db)).toEqual(indexBefore);
  });
});
