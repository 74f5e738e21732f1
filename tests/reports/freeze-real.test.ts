// Freezing with the real producer, through the API: a report as at 8 March 2005 is frozen (every format,
// both languages, from the real data); then a registry action it counted is corrected. The frozen files
// stay byte-identical, while a new draft of the same text shows the corrected figure and another
// fingerprint (issue 15, item 1 and "Tests").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../../src/reports/contract.ts';
import { produceReport } from '../../src/reports/services/produce.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { delayLithuaniaFirearms, draftInput } from './records-support.ts';

let t: TestApp;
let n = 0;
const send = (method: 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...t.auth, 'idempotency-key': `freeze-real-${process.pid}-${++n}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01', app: { reportProducer: produceReport } });
}, 120_000);
afterAll(async () => t?.close());

describe(
  `a report frozen from the real data, then the registry corrected (${STORE_KIND})`,
  { timeout: 180_000 },
  () => {
    it('keeps the frozen files byte for byte; a new preview shows the correction', async () => {
      const input = draftInput({ symbol: 'E/CN.15/2005/8' });
      input.texts.en.paragraphs.status =
        'As at {{asAt}}, the Firearms Protocol had {{parties FIREARMS}} parties.';
      const created = await send('POST', '/api/reports', {
        ...input,
        period: { from: '2004-03-09', to: '2005-03-08' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as ReportView).id;

      const frozen = await send('POST', `/api/reports/${id}/freeze`, { version: 1 });
      expect(frozen.statusCode, frozen.body).toBe(200);
      const view = frozen.json() as ReportView;
      const files = new Map<string, Buffer>();
      for (const f of view.frozen?.files ?? [])
        files.set(f.url, (await t.app.inject({ url: f.url })).rawPayload);
      expect(files.size).toBe(8);
      const enHtml = view.frozen?.files.find((f) => f.locale === 'en' && f.format === 'html');
      const html = files.get(enHtml?.url ?? '')?.toString('utf8') ?? '';
      expect(html).toMatch(/the Firearms Protocol had <a[^>]*>36<\/a> parties/);

      // Lithuania's ratification of 24 February 2005 recorded as made after the date: 35 parties then.
      await delayLithuaniaFirearms(t.ctx());

      for (const [url, bytes] of files)
        expect((await t.app.inject({ url })).rawPayload.equals(bytes), url).toBe(true);

      const next = await send('POST', `/api/reports/${id}/next`);
      expect(next.statusCode, next.body).toBe(201);
      const nextId = (next.json() as ReportView).id;
      const saved = await send('PUT', `/api/reports/${nextId}`, {
        ...input,
        period: { from: '2004-03-09', to: '2005-03-08' },
        symbol: null,
        baseVersion: 1,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const preview = await t.app.inject({
        url: `/api/reports/${nextId}/preview.html?locale=en`,
        headers: t.auth,
      });
      expect(preview.statusCode, preview.body.slice(0, 300)).toBe(200);
      expect(preview.body).toMatch(/the Firearms Protocol had <a[^>]*>35<\/a> parties/);
    });
  },
);
