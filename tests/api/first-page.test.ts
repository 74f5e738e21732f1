// The dashboard's first answer: index.html with the /api/dashboard and /api/instruments answers in a JSON
// data block, only at `/`, compressed, revalidated with an ETag that follows the registry version and the
// build of index.html; and the block's escaping, which no participant name can break out of.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { FIRST_DATA_ID, jsonForScript, withFirstData } from '../../src/server/first-page.ts';
import { FIRST_DATA_ID as WEB_FIRST_DATA_ID, firstData } from '../../web/src/firstData.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND, TEST_TODAY } from '../helpers/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-first-page-'));
const index = (n: number) =>
  `<!doctype html><html lang="en"><head><title>Palermo ${n}</title></head><body><div id="root"></div></body></html>`;
let t: TestApp;
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const BLOCK = new RegExp(`<script type="application/json" id="${FIRST_DATA_ID}">(.*?)</script>`, 's');

/** The data block of an HTML page, parsed, or null when it has none. */
function block(html: string): unknown {
  const m = BLOCK.exec(html);
  return m ? JSON.parse(m[1]!) : null;
}

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), index(1));
  t = await createTestApp({ app: { webDir: dir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the dashboard's first answer (${STORE_KIND})`, () => {
  it("holds the dashboard's and the instruments' answers, in every encoding", async () => {
    const dashboard = (await get('/api/dashboard')).json() as { asOf: string };
    const instruments = (await get('/api/instruments')).json() as { instruments: unknown[] };
    expect(dashboard.asOf).toBe(TEST_TODAY);
    const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get('/', { 'accept-encoding': 'gzip' });
    const plain = await get('/');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const pages = [brotliDecompressSync(br.rawPayload), gunzipSync(gz.rawPayload), plain.rawPayload];
    for (const [i, res] of [br, gz, plain].entries()) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toBe('accept-encoding');
      const html = pages[i]!.toString();
      expect(html.startsWith('<!doctype html><html lang="en"><head><title>Palermo 1</title>')).toBe(true);
      expect(html.endsWith('</script></body></html>')).toBe(true);
      expect(block(html)).toEqual({ dashboard, instruments: instruments.instruments });
    }
    // One ETag per encoding, so that a cache never answers one client with another's bytes.
    expect(new Set([br, gz, plain].map((r) => r.headers.etag)).size).toBe(3);
  });

  it('is revalidated: 304 for the same version and build, a new ETag after a write or a new build', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    // A write through the service, as the API's POST /api/actions makes it.
    await recordAction(t.ctx('test-setup'), {
      instrumentId: 'UNTOC',
      participantId: 'IRN',
      kind: 'ratification',
      date: '2026-01-15',
      source: 'test: first-page.test.ts',
    });
    const afterWrite = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(afterWrite.statusCode).toBe(200);
    expect(afterWrite.headers.etag).not.toBe(etag);
    const html = brotliDecompressSync(afterWrite.rawPayload).toString();
    expect(block(html)).toEqual({
      dashboard: (await get('/api/dashboard')).json(),
      instruments: ((await get('/api/instruments')).json() as { instruments: unknown[] }).instruments,
    });

    writeFileSync(join(dir, 'index.html'), index(2));
    const rebuilt = await get('/', { 'if-none-match': String(afterWrite.headers.etag) });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toContain('<title>Palermo 2</title>');
    expect(block(rebuilt.body)).not.toBeNull();
  });

  it('is only the answer at `/`: the other routes are index.html as built', async () => {
    for (const url of ['/index.html', '/countries/ARM', '/instruments/UNTOC', '/fund']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(index(2));
    }
  });
});

describe('the data block', () => {
  const hostile = '</script><script>alert(1)</script><!-- \u2028 </SCRIPT >';
  const value = { dashboard: { asOf: '2026-01-01', name: hostile }, instruments: [{ name: hostile }] };

  it('contains no `<` at all, and gives back the same value', () => {
    const json = jsonForScript(value);
    expect(json).not.toContain('<');
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('cannot be closed by a name: the page has exactly one script end, the block’s own', () => {
    const html = withFirstData('<html><body><div id="root"></div></body></html>', value);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.endsWith('</script></body></html>')).toBe(true);
    expect(block(html)).toEqual(value);
  });

  it('is read back by the web application', () => {
    expect(WEB_FIRST_DATA_ID).toBe(FIRST_DATA_ID);
    const html = withFirstData('<body></body>', value);
    const text = JSON.parse(JSON.stringify(BLOCK.exec(html)![1])) as string;
    expect(
      firstData({
        getElementById: (id) => ({ textContent: id === FIRST_DATA_ID ? text : null }) as HTMLElement,
      }),
    ).toEqual(value);
  });
});
