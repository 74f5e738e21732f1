// Bad input to a report, on both stores: each refusal says why at its field (an "as at" date in the future
// or before the Convention, a period backwards, dates outside 0001-9999, an unknown placeholder with its line
// and column…) and writes nothing. And two people saving the same draft at once: one version is saved, the
// other writer is told who saved which version when, and nothing is overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { ReportDraftInput, ReportView } from '../../src/reports/contract.ts';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { draftInput, fakeProducer } from './records-support.ts';

let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;
let report: number;

const send = (who: string, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...as[who], 'idempotency-key': `reports-input-${process.pid}-${++n}` },
    payload: payload as Record<string, unknown>,
  });

async function versions(): Promise<number> {
  const rows = await t.store.db.selectFrom('report_versions').select('id').execute();
  return rows.length;
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01', app: { reportProducer: fakeProducer() } });
  as.admin = t.auth;
  const { token } = await issueToken(t.ctx('test-setup'), { name: 'Ms Editor', role: 'programme_officer' });
  as.editor = { authorization: `Bearer ${token}` };
  const res = await send('admin', 'POST', '/api/reports', draftInput());
  report = (res.json() as ReportView).id;
});
afterAll(async () => t.close());

const withParagraph = (locale: 'en' | 'fr', slot: 'status' | 'summary', text: string): ReportDraftInput => {
  const d = draftInput();
  d.texts[locale].paragraphs[slot] = text;
  return d;
};
const resource = (amount: string, currency: string): ReportDraftInput =>
  draftInput({
    resources: [
      {
        posts: null,
        amount: { amount, currency },
        description: { en: 'Budget', fr: 'Budget' },
        source: { en: 'A/59/6', fr: 'A/59/6' },
      },
    ],
  });

// [what, body, field, message]
const BAD: Array<[string, ReportDraftInput, string, RegExp]> = [
  [
    '"as at" in the future',
    draftInput({ asAt: '2026-07-02', date: '2026-07-02' }),
    'asAt',
    /2026-07-02 is in the future \(today is 2026-07-01\)/,
  ],
  [
    '"as at" before the Convention was adopted',
    draftInput({ asAt: '2000-11-14' }),
    'asAt',
    /before the Convention was adopted \(2000-11-15\)/,
  ],
  [
    'a period that ends before it starts',
    draftInput({ period: { from: '2004-06-01', to: '2004-05-31' } }),
    'period.to',
    /the period ends \(2004-05-31\) before it starts \(2004-06-01\)/,
  ],
  [
    'a period that ends after the "as at" date',
    draftInput({ period: { to: '2005-03-09' } }),
    'period.to',
    /after the "as at" date \(2005-03-08\)/,
  ],
  [
    'a period from before the Convention',
    draftInput({ period: { from: '1999-12-31' } }),
    'period.from',
    /before the Convention was adopted/,
  ],
  [
    'a session that ends before it starts',
    draftInput({
      session: {
        number: 14,
        from: '2005-05-27',
        to: '2005-05-23',
        agendaItem: 4,
        agendaSymbol: 'E/CN.15/2005/1',
      },
    }),
    'session.to',
    /the session ends \(2005-05-23\) before it starts/,
  ],
  ['a five-digit year', draftInput({ asAt: '10000-01-01' }), 'asAt', /real calendar day/],
  ['year 0000', draftInput({ period: { from: '0000-12-31' } }), 'period.from', /real calendar day/],
  ['a day that does not exist', draftInput({ date: '2005-02-29' }), 'date', /real calendar day/],
  [
    'a document dated before its "as at" date',
    draftInput({ date: '2005-03-07' }),
    'date',
    /before its "as at"/,
  ],
  ['a malformed symbol', draftInput({ symbol: 'E/CN.15/05/8' }), 'symbol', /E\/CN\.15\/2005\/8/],
  [
    'an unknown placeholder',
    withParagraph('en', 'status', 'As at {{asAt}},\n  {{partys UNTOC}} States.'),
    'texts.en.paragraphs.status',
    /^line 2, column 5: there is no figure "partys" \(did you mean "parties"\?\)/,
  ],
  [
    'an unknown instrument',
    withParagraph('fr', 'summary', 'Au {{asAt}}, {{parties UNTC}}.'),
    'texts.fr.paragraphs.summary',
    /^line 1, column 24: "UNTC" is not an instrument \(did you mean "UNTOC"\?\)/,
  ],
  [
    'a placeholder never closed',
    withParagraph('en', 'summary', 'From {{period.from to {{period.to}}.'),
    'texts.en.paragraphs.summary',
    /^line 1, column 6: this \{\{ is not closed/,
  ],
  ['an unknown currency', resource('10.00', 'ZZZ'), 'resources[0].amount.currency', /unknown currency ZZZ/],
  [
    'yen with cents',
    resource('10.50', 'JPY'),
    'resources[0].amount.amount',
    /JPY has 0 decimal\(s\); 10.50 has 2/,
  ],
  [
    'a status field (mass assignment)',
    { ...draftInput(), status: 'frozen' } as ReportDraftInput,
    'status',
    /./,
  ],
];

describe(`bad input, each at its field (${STORE_KIND})`, () => {
  it.each(BAD)('refuses %s, on create and on save, writing nothing', async (_what, body, field, message) => {
    const before = await versions();
    for (const [method, url, payload] of [
      ['POST', '/api/reports', body],
      ['PUT', `/api/reports/${report}`, { ...body, baseVersion: 1 }],
    ] as const) {
      const res = await send('admin', method, url, payload);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const issue = (res.json() as Problem).errors?.find((e) => e.field === field);
      expect(issue, res.body).toBeDefined();
      expect(issue?.message).toMatch(message);
    }
    expect(await versions()).toBe(before);
  });

  it('lists every error of a paragraph, each with its line and column', async () => {
    const res = await send(
      'admin',
      'POST',
      '/api/reports',
      withParagraph('en', 'status', '{{partys UNTOC}} and {{parties UNTC}}\n}}'),
    );
    const errors = (res.json() as Problem).errors ?? [];
    expect(errors.map((e) => e.message.replace(/:.*/, ''))).toEqual([
      'line 1, column 3',
      'line 1, column 32',
      'line 2, column 1',
    ]);
    expect(errors.every((e) => e.field === 'texts.en.paragraphs.status')).toBe(true);
  });

  it('refuses a save based on a version that does not exist', async () => {
    const res = await send('admin', 'PUT', `/api/reports/${report}`, { ...draftInput(), baseVersion: 9 });
    expect(res.statusCode).toBe(422);
    expect((res.json() as Problem).errors?.[0]?.field).toBe('baseVersion');
  });
});

describe(`two people saving the same draft at once (${STORE_KIND})`, () => {
  it('saves one version; the other writer is told who saved which version when, nothing overwritten', async () => {
    const before = await versions();
    const mine = draftInput({ symbol: 'E/CN.15/2005/8' });
    const theirs = draftInput({ symbol: 'E/CN.15/2005/9' });
    const [a, b] = await Promise.all([
      send('admin', 'PUT', `/api/reports/${report}`, { ...mine, baseVersion: 1 }),
      send('editor', 'PUT', `/api/reports/${report}`, { ...theirs, baseVersion: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    const winner = won === a ? 'API token “test administrator”' : 'API token “Ms Editor”';
    const p = lost.json() as Problem;
    expect(p.errors?.[0]?.field).toBe('baseVersion');
    expect(p.detail).toBe(
      `version 2 was saved by ${winner} at 2026-07-01T12:00:00.000Z, after version 1 you edited: nothing was overwritten; compare the versions, then save on version 2`,
    );
    expect(await versions()).toBe(before + 1);
    const r = (await t.app.inject({ url: `/api/reports/${report}`, headers: as.admin })).json() as ReportView;
    expect(r.version).toBe(2);
    expect(r.draft.symbol).toBe(won === a ? 'E/CN.15/2005/8' : 'E/CN.15/2005/9');
  });

  it('of ten saves on the same version, exactly one is kept', async () => {
    const before = await versions();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(i % 2 ? 'admin' : 'editor', 'PUT', `/api/reports/${report}`, {
          ...draftInput({ symbol: `E/CN.15/2005/${i + 10}` }),
          baseVersion: 2,
        }),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    expect(await versions()).toBe(before + 1);
  });
});
