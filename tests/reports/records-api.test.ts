// Reports to the Commission as records, through the API on both stores: a draft started, saved in versions,
// compared, previewed, frozen (every file stored with the fingerprint) and downloaded byte for byte; a frozen
// report refused any change, by the API and by the store itself; the public sees frozen reports only; the
// next report starts from a frozen one with its period; and without a producer, previews and freezing are 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { ReportComparison, ReportView } from '../../src/reports/contract.ts';
import { MEDIA_TYPES, REPORT_FORMATS } from '../../src/reports/domain/document.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { draftInput, fakeProducer } from './records-support.ts';

const producer = fakeProducer();
let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;

const send = (who: string, method: 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...as[who], 'idempotency-key': `reports-${process.pid}-${++n}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01', app: { reportProducer: producer } });
  as.admin = t.auth;
  for (const [name, input] of Object.entries({
    programme: { role: 'programme_officer' as const },
    senegal: { role: 'focal_point' as const, states: ['SEN'] },
  })) {
    const { token } = await issueToken(t.ctx('test-setup'), { name, ...input });
    as[name] = { authorization: `Bearer ${token}` };
  }
});
afterAll(async () => t.close());

let first: number;
let frozenFiles: Map<string, Buffer>;

describe(`a report's life cycle (${STORE_KIND})`, () => {
  it('starts a draft: version 1, the period from the Convention’s adoption to the "as at" date', async () => {
    const res = await send('admin', 'POST', '/api/reports', draftInput());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as ReportView;
    first = r.id;
    expect(r).toMatchObject({ status: 'draft', version: 1, symbol: null, asAt: '2005-03-08', frozen: null });
    expect(r.draft.period).toEqual({ from: '2000-11-15', to: '2005-03-08' });
    expect(r.savedBy).toBe('API token “test administrator”');
  });

  it('saves version 2 on version 1, lists both with who saved them, and compares them', async () => {
    const next = draftInput({ symbol: 'E/CN.15/2005/8' });
    next.texts.en.paragraphs.status += '\nThe Protocols followed.';
    next.texts.fr.place = 'Vienne (Autriche)';
    const res = await send('programme', 'PUT', `/api/reports/${first}`, { ...next, baseVersion: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ReportView).version).toBe(2);

    const versions = (await get('admin', `/api/reports/${first}/versions`)).json() as {
      versions: Array<{ version: number; savedBy: string }>;
    };
    expect(versions.versions.map((v) => [v.version, v.savedBy])).toEqual([
      [1, 'API token “test administrator”'],
      [2, 'API token “programme”'],
    ]);

    const cmp = (
      await get('admin', `/api/reports/${first}/compare?fromVersion=1&toVersion=2`)
    ).json() as ReportComparison;
    expect(cmp.fields).toEqual([
      { field: 'symbol', from: null, to: 'E/CN.15/2005/8' },
      { field: 'texts.fr.place', from: 'Vienne', to: 'Vienne (Autriche)' },
    ]);
    expect(cmp.texts).toEqual([
      {
        field: 'texts.en.paragraphs.status',
        lines: [
          { op: 'same', text: 'As at {{asAt}}, {{parties UNTOC}} States were parties to the Convention.' },
          { op: 'added', text: 'The Protocols followed.' },
        ],
      },
    ]);
  });

  it('previews any format of the draft, produced now and marked as a draft', async () => {
    producer.calls.length = 0;
    const res = await get('admin', `/api/reports/${first}/preview.docx?locale=fr`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(MEDIA_TYPES.docx);
    expect(res.body).toMatch(/^docx:/);
    expect(res.body).toContain('"draft":true');
    expect(res.body).toContain('Vienne (Autriche)');
    expect(producer.calls).toEqual([{ locale: 'fr', draft: true, formats: ['docx'] }]);
    // An earlier version too, by number: version 1 had no symbol yet.
    const v1 = await get('admin', `/api/reports/${first}/preview.html?version=1`);
    expect(v1.body).toContain('"symbol":null');
  });

  it('refuses to freeze a version other than the latest, and a report from the illustrative data', async () => {
    const stale = await send('admin', 'POST', `/api/reports/${first}/freeze`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as Problem).errors?.[0]?.field).toBe('version');
    producer.illustrative = true;
    try {
      const res = await send('admin', 'POST', `/api/reports/${first}/freeze`, { version: 2 });
      expect(res.statusCode).toBe(422);
      expect((res.json() as Problem).detail).toMatch(/illustrative data.*cannot be frozen/);
    } finally {
      producer.illustrative = false;
    }
    const files = await t.store.db.selectFrom('report_files').select('id').execute();
    expect(files).toEqual([]);
    expect(((await get('admin', `/api/reports/${first}`)).json() as ReportView).status).toBe('draft');
  });

  it('freezes version 2: every format in both languages stored, with the fingerprint', async () => {
    const res = await send('admin', 'POST', `/api/reports/${first}/freeze`, { version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ReportView;
    expect(r.status).toBe('frozen');
    expect(r.frozen).toMatchObject({
      version: 2,
      fingerprint: producer.fingerprint,
      by: 'API token “test administrator”',
    });
    expect(r.frozen?.files.map((f) => `${f.locale}.${f.format}`)).toEqual(
      ['en', 'fr'].flatMap((l) => REPORT_FORMATS.map((f) => `${l}.${f}`)),
    );
    frozenFiles = new Map();
    for (const f of r.frozen?.files ?? []) {
      const file = await get(null, f.url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe(MEDIA_TYPES[f.format]);
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="E_CN.15_2005_8-${f.locale}.${f.format}"`,
      );
      expect(file.rawPayload.length).toBe(f.size);
      expect(file.body).toContain('"draft":false');
      frozenFiles.set(f.url, file.rawPayload);
    }
  });

  it('refuses to edit or freeze a frozen report, at the field, and its files stay byte-identical', async () => {
    const save = await send('admin', 'PUT', `/api/reports/${first}`, { ...draftInput(), baseVersion: 2 });
    expect(save.statusCode).toBe(409);
    const p = save.json() as Problem;
    expect(p.errors?.[0]?.field).toBe('baseVersion');
    expect(p.detail).toMatch(/was frozen on 2026-07-01 \(version 2\) and cannot be edited/);
    const again = await send('admin', 'POST', `/api/reports/${first}/freeze`, { version: 2 });
    expect(again.statusCode).toBe(409);

    // The data behind the report changes; its files are never produced again.
    producer.fingerprint = 'e'.repeat(64);
    producer.calls.length = 0;
    for (const [url, bytes] of frozenFiles)
      expect((await get(null, url)).rawPayload.equals(bytes)).toBe(true);
    expect(producer.calls).toEqual([]);
    const r = (await get(null, `/api/reports/${first}`)).json() as ReportView;
    expect(r.frozen?.fingerprint).toBe('f'.repeat(64));
  });

  it('is refused by the store itself: no update or delete of a frozen report, its versions or files', async () => {
    const db = t.store.db;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        'update file',
        () => db.updateTable('report_files').set({ size: 1 }).where('report_id', '=', first).execute(),
      ],
      ['delete file', () => db.deleteFrom('report_files').where('report_id', '=', first).execute()],
      ['update version', () => db.updateTable('report_versions').set({ content: '{}' }).execute()],
      ['delete version', () => db.deleteFrom('report_versions').where('report_id', '=', first).execute()],
      [
        'update report',
        () => db.updateTable('reports').set({ status: 'draft' }).where('id', '=', first).execute(),
      ],
      ['delete report', () => db.deleteFrom('reports').where('id', '=', first).execute()],
      [
        'new version',
        () =>
          db
            .insertInto('report_versions')
            .values({ report_id: first, version: 3, content: '{}', saved_at: 'now', saved_by: 'x' })
            .execute(),
      ],
    ];
    for (const [what, run] of attempts)
      await expect(run(), what).rejects.toThrow(/frozen|append-only|never deleted/);
    for (const [url, bytes] of frozenFiles)
      expect((await get(null, url)).rawPayload.equals(bytes)).toBe(true);
  });
});

describe(`who sees what (${STORE_KIND})`, () => {
  let draft: number;
  beforeAll(async () => {
    const res = await send(
      'admin',
      'POST',
      '/api/reports',
      draftInput({ asAt: '2006-03-01', date: '2006-03-10' }),
    );
    draft = (res.json() as ReportView).id;
  });

  it('the public and a focal point see frozen reports only: a draft is 404', async () => {
    for (const who of [null, 'senegal']) {
      const list = (await get(who, '/api/reports')).json() as { reports: Array<{ id: number }> };
      expect(list.reports.map((r) => r.id)).toEqual([first]);
      expect((await get(who, `/api/reports/${draft}`)).statusCode).toBe(404);
      expect((await get(who, `/api/reports/${draft}/download.pdf`)).statusCode).toBe(404);
      expect((await get(who, '/api/reports?status=draft')).json()).toEqual({ reports: [] });
    }
    const all = (await get('admin', '/api/reports')).json() as { reports: Array<{ id: number }> };
    expect(all.reports.map((r) => r.id)).toEqual([draft, first]);
  });

  it('only the Secretariat drafts, saves, previews and freezes', async () => {
    for (const who of ['senegal']) {
      expect((await send(who, 'POST', '/api/reports', draftInput())).statusCode).toBe(403);
      expect((await send(who, 'POST', `/api/reports/${draft}/freeze`, { version: 1 })).statusCode).toBe(403);
      expect((await get(who, `/api/reports/${draft}/preview.html`)).statusCode).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: draftInput() })).statusCode,
    ).toBe(401);
  });

  it('a second report’s period starts the day after the previous frozen report’s "as at" date', async () => {
    const r = (await get('admin', `/api/reports/${draft}`)).json() as ReportView;
    expect(r.draft.period).toEqual({ from: '2005-03-09', to: '2006-03-01' });
  });

  it('the next report starts from a frozen one, and compares with it', async () => {
    expect((await send('admin', 'POST', `/api/reports/${draft}/next`)).statusCode).toBe(409);
    const res = await send('admin', 'POST', `/api/reports/${first}/next`);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as ReportView;
    expect(r).toMatchObject({ status: 'draft', version: 1, symbol: null, startedFrom: first, session: 15 });
    expect(r.draft.period).toEqual({ from: '2005-03-09', to: '2026-07-01' });
    const cmp = (
      await get('admin', `/api/reports/${r.id}/compare?fromVersion=2&fromReport=${first}&toVersion=1`)
    ).json() as ReportComparison;
    expect(cmp.fields.map((f) => f.field)).toEqual([
      'symbol',
      'date',
      'asAt',
      'period.from',
      'period.to',
      'session.number',
    ]);
    expect(cmp.texts).toEqual([]);
  });
});

describe(`without a report producer (${STORE_KIND})`, () => {
  it('previews and freezing answer 503 problem+json; reading and downloading frozen files still work', async () => {
    const bare = await buildApp({
      store: t.store,
      registry: t.registry,
      clock: t.clock,
      webDir: '',
      signInPerMinute: false,
      expensivePerMinute: false,
      maxEventLoopDelayMs: false,
    });
    try {
      const preview = await bare.inject({ url: `/api/reports/${first}/preview.pdf`, headers: as.admin });
      expect(preview.statusCode).toBe(503);
      expect(preview.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((preview.json() as Problem).detail).toMatch(/no report producer is configured/);
      const res = await send('admin', 'POST', '/api/reports', draftInput());
      const id = (res.json() as ReportView).id;
      const freeze = await bare.inject({
        method: 'POST',
        url: `/api/reports/${id}/freeze`,
        headers: as.admin,
        payload: { version: 1 },
      });
      expect(freeze.statusCode).toBe(503);
      const [url, bytes] = [...frozenFiles][0] as [string, Buffer];
      expect((await bare.inject({ url })).rawPayload.equals(bytes)).toBe(true);
    } finally {
      await bare.close();
    }
  });
});
