// CSV exports (OWASP CSV injection): a value can never begin a row of its own, nor run as a formula on any of
// its lines; values with ";" are quoted for spreadsheets that split on it. Single-line fields (names, titles)
// refuse line breaks at input.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/common/csv.ts';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const ATTACKS = [
  'Evil\n=1+1',
  'Evil\r=HYPERLINK("http://evil.example")',
  'Evil\r\n+cmd|calc',
  'line one\n@SUM(A1)',
  'a;b;=2+2',
  '=1+1',
  '\tindented',
  'multi\n-2+3\nthird',
];

describe('toCsv', () => {
  const text = toCsv(
    ['id', 'value'],
    ATTACKS.map((v, i) => [i, v]),
  );

  it('keeps each value in its own row and cell', () => {
    const rows = parse(text, { relax_quotes: false }) as string[][];
    expect(rows).toHaveLength(ATTACKS.length + 1);
    expect(rows.every((r) => r.length === 2)).toBe(true);
    // No row begins with the attacker's text, even for a reader that splits on every line break.
    for (const row of rows) expect(row[0]).toMatch(/^(id|\d+)$/);
    for (const line of text.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^[=+\-@\t]/);
  });

  it('neutralises a formula after every line break, and quotes values holding ";"', () => {
    const rows = parse(text) as string[][];
    const values = rows.slice(1).map((r) => r[1] as string);
    expect(values[0]).toBe("Evil\n'=1+1");
    expect(values[1]).toBe('Evil\r\'=HYPERLINK("http://evil.example")');
    expect(values[2]).toBe("Evil\r\n'+cmd|calc");
    expect(values[3]).toBe("line one\n'@SUM(A1)");
    expect(values[7]).toBe("multi\n'-2+3\nthird");
    for (const value of values) {
      for (const line of value.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^[=+\-@\t]/);
    }
    expect(text).toContain('"a;b;=2+2"');
    expect(toCsv(['n'], [['-1250.00']])).toBe('n\r\n-1250.00\r\n');
  });
});

describe('single-line fields refuse line breaks at input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ referenceData: false });
  });
  afterAll(() => t.close());

  const post = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...t.auth, 'idempotency-key': `k-${Math.random()}` },
      payload: body as object,
    });

  it('a donor or earmark name with a line break is refused (422), naming the field', async () => {
    for (const [url, body] of [
      ['/api/fund/donors', { id: 'EVIL', name: 'Evil\n=1+1', kind: 'other' }],
      ['/api/fund/donors', { id: 'EVIL', name: 'Evil\r=1+1', kind: 'other' }],
      ['/api/fund/earmarks', { id: 'EVIL', name: 'Evil\n=1+1', purpose: 'general', iatiCategory: 1 }],
    ] as const) {
      const res = await post(url, body);
      expect(res.statusCode, res.body).toBe(422);
      const p = res.json() as Problem;
      expect(p.errors?.[0]).toMatchObject({ field: 'name', message: 'must be one line (no line breaks)' });
    }
  });
});
