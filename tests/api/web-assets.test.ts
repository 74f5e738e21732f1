// What goes over the wire compressed: the web application's files from their build-time brotli and gzip
// copies, hashed assets kept a year, the rest revalidated; and the API's larger answers gzipped as they are
// sent, with the same weak ETag for both encodings.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, PRECOMPRESSED } from '../../src/server/web-assets.ts';
import { COMPRESS_MIN_BYTES } from '../../src/http/compress.ts';
import { PRECOMPRESSED as BUILD_PRECOMPRESSED, precompressDir } from '../../web/precompress.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-web-assets-'));
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i % 37}`))};\n`;
const index = `<!doctype html><html lang="en"><title>Palermo</title>${'<!-- padding -->'.repeat(80)}<div id="root"></div>`;
let t: TestApp;
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'assets', 'index-Bx9_k2Qa.js'), script);
  writeFileSync(join(dir, 'assets', 'tiny-C1d2e3f4.js'), 'x');
  writeFileSync(join(dir, 'assets', 'logo-D5e6f7g8.png'), Buffer.alloc(2000, 7));
  precompressDir(dir);
  t = await createTestApp({ app: { webDir: dir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the web application's files (${STORE_KIND})`, () => {
  it('the build and the server compress the same kinds of file', () => {
    expect(String(BUILD_PRECOMPRESSED)).toBe(String(PRECOMPRESSED));
  });

  it('sends the brotli copy to a browser that takes brotli, gzip to one that takes gzip only', async () => {
    const url = '/assets/index-Bx9_k2Qa.js';
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    for (const res of [br, gz, plain]) {
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.headers.vary).toBe('accept-encoding');
    }
  });

  it('keeps hashed assets a year and revalidates index.html, also as a client-side route', async () => {
    for (const url of ['/', '/index.html', '/events/12', '/reports']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      // `/` is index.html with the dashboard's figures after it (tests/api/first-page.test.ts).
      const html = brotliDecompressSync(res.rawPayload).toString();
      if (url === '/') expect(html.startsWith(index), url).toBe(true);
      else expect(html, url).toBe(index);
    }
  });

  it('sends as they are the files that compression would not shrink or does not apply to', async () => {
    const tiny = await get('/assets/tiny-C1d2e3f4.js', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('x');
    const png = await get('/assets/logo-D5e6f7g8.png', { 'accept-encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['cache-control']).toBe(IMMUTABLE);
    expect(png.headers.vary).toBeUndefined();
  });
});

describe(`the API's answers (${STORE_KIND})`, () => {
  it('gzips a larger answer when asked, with the same weak ETag, and answers 304 to it', async () => {
    const plain = await get('/api/fund/currencies');
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');

    const gz = await get('/api/fund/currencies', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('accept-encoding');
    expect(Number(gz.headers['content-length'])).toBe(gz.rawPayload.length);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(gz.headers.etag).toBe(plain.headers.etag);

    const again = await get('/api/fund/currencies', {
      'accept-encoding': 'gzip',
      'if-none-match': String(gz.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('leaves small answers, refusals and `gzip;q=0` alone', async () => {
    const small = await get('/healthz', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    const missing = await get('/api/fund/donors/999999', { 'accept-encoding': 'gzip' });
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expect(missing.headers['content-encoding']).toBeUndefined();
    const refused = await get('/api/fund/currencies', { 'accept-encoding': 'gzip;q=0, br' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });
});
