// The map's countries as sent: the published 1:50m topology on a grid ten times coarser, every country
// still there, every point within one coarse step of where it was; brotli to a browser that takes it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coarsen, GRID_FACTOR, worldMapData } from '../../src/treaties/services/world-map.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';

type Countries = Topology<{ countries: GeometryCollection }>;
const require = createRequire(import.meta.url);
const published = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Countries;

/** Every position of every country, in order, as longitude and latitude. */
function positions(topology: Countries): number[][] {
  const fc = feature(topology, topology.objects.countries);
  return fc.features
    .flatMap((f) => JSON.stringify(f.geometry ?? {}))
    .flatMap((text) =>
      [...text.matchAll(/\[(-?[\d.e-]+),(-?[\d.e-]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]),
    );
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('coarsen', () => {
  it('keeps every arc and country, with each point within one coarse step', () => {
    const coarse = coarsen(
      published as unknown as Parameters<typeof coarsen>[0],
      GRID_FACTOR,
    ) as unknown as Countries;
    expect(coarse.arcs).toHaveLength(published.arcs.length);
    expect(coarse.objects).toEqual(published.objects);
    const [sx, sy] = published.transform!.scale;
    // Points only ever disappear where they fall on their predecessor: compare the countries' first points.
    const before = feature(published, published.objects.countries).features;
    const after = feature(coarse, coarse.objects.countries).features;
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    const all = positions(coarse);
    expect(all.length).toBeGreaterThan(0.95 * positions(published).length);
    for (const [i, f] of before.entries()) {
      const a = JSON.stringify(f.geometry ?? {}).match(/\[(-?[\d.e-]+),(-?[\d.e-]+)\]/);
      const b = JSON.stringify(after[i]!.geometry ?? {}).match(/\[(-?[\d.e-]+),(-?[\d.e-]+)\]/);
      if (!a || !b) continue;
      expect(Math.abs(Number(a[1]) - Number(b[1]))).toBeLessThanOrEqual(sx * GRID_FACTOR);
      expect(Math.abs(Number(a[2]) - Number(b[2]))).toBeLessThanOrEqual(sy * GRID_FACTOR);
    }
  });
});

describe(`GET /api/geo/countries (${STORE_KIND})`, () => {
  it('sends brotli to a browser that takes it, gzip otherwise, the same topology, half the published bytes', async () => {
    const get = (encoding: string) =>
      t.app.inject({ method: 'GET', url: '/api/geo/countries', headers: { 'accept-encoding': encoding } });
    const br = await get('gzip, deflate, br');
    const gz = await get('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    const fromBr = brotliDecompressSync(br.rawPayload).toString();
    expect(fromBr).toBe(gunzipSync(gz.rawPayload).toString());
    expect(fromBr).toBe((await worldMapData()).json.toString());
    expect(br.rawPayload.length).toBeLessThan(130 * 1024);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/geo/countries',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});
