// The four official entry-into-force dates, computed from the real participant tables and read through the
// API. Each explanation names the 40th deposit (reference/SOURCES.md, "Entry-into-force check").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/common/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

interface ComputedDate {
  on: string | null;
  earliest: string | null;
  latest: string | null;
  explanation: string;
}
interface InstrumentView {
  id: string;
  officialEifOn: string | null;
  entryIntoForce: ComputedDate | null;
  entryIntoForceExplanation: string;
}

const OFFICIAL: Array<{ id: string; eif: string; explanation: string | RegExp }> = [
  {
    id: 'UNTOC',
    eif: '2003-09-29',
    explanation: '40th instrument deposited 2003-07-01 (Armenia); art. 38(1): 90th day after → 2003-09-29',
  },
  {
    id: 'TIP',
    eif: '2003-12-25',
    // Four instruments were deposited on 2003-09-26, taking the count from 36 to 40; deposits of one day
    // have no order among them, so the explanation names all four.
    explanation:
      /^40th instrument deposited 2003-09-26 \(4 instruments that day: Belize, Lao People's Democratic Republic, Poland, Rwanda\); art\. 17\(1\): 90th day after → 2003-12-25$/,
  },
  {
    id: 'SOM',
    eif: '2004-01-28',
    // UNIS/CP/449: Azerbaijan deposited the 40th instrument.
    explanation: '40th instrument deposited 2003-10-30 (Azerbaijan); art. 22(1): 90th day after → 2004-01-28',
  },
  {
    id: 'FIREARMS',
    eif: '2005-07-03',
    explanation: '40th instrument deposited 2005-04-04 (Poland); art. 18(1): 90th day after → 2005-07-03',
  },
];

let t: TestApp;
let list: InstrumentView[];

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/instruments' });
  expect(res.statusCode).toBe(200);
  list = (res.json() as { instruments: InstrumentView[] }).instruments;
});

afterAll(async () => {
  await t?.close();
});

describe.each(OFFICIAL)('$id enters into force on $eif', ({ id, eif, explanation }) => {
  const check = (view: InstrumentView | undefined): void => {
    expect(view, `${id} is listed`).toBeDefined();
    const v = view as InstrumentView;
    expect(v.officialEifOn).toBe(eif);
    expect(v.entryIntoForce).toEqual({
      on: eif,
      earliest: eif,
      latest: eif,
      explanation: expect.any(String),
    });
    expect(v.entryIntoForce?.on).toBe(v.officialEifOn);
    if (typeof explanation === 'string') {
      expect(v.entryIntoForce?.explanation).toBe(explanation);
      expect(v.entryIntoForceExplanation).toBe(explanation);
    } else {
      expect(v.entryIntoForce?.explanation).toMatch(explanation);
      expect(v.entryIntoForceExplanation).toMatch(explanation);
    }
    // "Xth day after" = deposit + X days: the date in the explanation is the 40th deposit.
    const deposit = /deposited (\d{4}-\d{2}-\d{2})/.exec(v.entryIntoForceExplanation)?.[1];
    expect(deposit && addDays(deposit, 90)).toBe(eif);
  };

  it('in the list of instruments', () => {
    check(list.find((i) => i.id === id));
  });

  it(`at /api/instruments/${id}`, async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/instruments/${id}` });
    expect(res.statusCode).toBe(200);
    check(res.json() as InstrumentView);
  });

  it('the status says "not in force" the day before and "in force" on the day', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: `/api/instruments/${id}/status?asOf=${addDays(eif, -1)}`,
    });
    const on = await t.app.inject({ method: 'GET', url: `/api/instruments/${id}/status?asOf=${eif}` });
    expect(before.json().instrumentInForce).toBe('no');
    expect(on.json().instrumentInForce).toBe('yes');
    expect(before.json().counts.partiesInForce).toBe(0);
    expect(on.json().counts.partiesInForce).toBeGreaterThanOrEqual(40);
  });
});
