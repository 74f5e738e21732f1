// The world's countries for the map: Natural Earth 1:50m admin-0 boundaries as TopoJSON, from the
// world-atlas package (feature ids are UN M49 codes, as participants carry them). Read, coarsened and
// compressed once per process: the file is 740 KB, 224 KB gzipped as published; on a grid ten times coarser
// (still a tenth of a pixel on the widest map drawn) and in brotli it is about 114 KB, which on a slow
// mobile line is a second less before the map is drawn.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const require = createRequire(import.meta.url);

interface MapData {
  json: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

/** How many of the published grid's steps make one step of the grid sent. */
export const GRID_FACTOR = 10;

type Arc = Array<[number, number]>;
interface QuantizedTopology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: Arc[];
}

/**
 * The same topology on a grid `factor` times coarser: each arc's points (delta-encoded integers) are made
 * absolute, divided and rounded, a point that falls on its predecessor is dropped (an arc keeps its two ends,
 * so arcs shared by two countries still meet), and the arc is delta-encoded again.
 */
export function coarsen<T extends QuantizedTopology>(topology: T, factor: number): T {
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const points = arc.map(([dx, dy]): [number, number] => [
      Math.round((x += dx) / factor),
      Math.round((y += dy) / factor),
    ]);
    const kept = points.filter(
      (p, i) =>
        i === 0 || i === points.length - 1 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1],
    );
    let px = 0;
    let py = 0;
    return kept.map(([a, b]): [number, number] => {
      const delta: [number, number] = [a - px, b - py];
      px = a;
      py = b;
      return delta;
    });
  });
  const [sx, sy] = topology.transform.scale;
  return { ...topology, transform: { ...topology.transform, scale: [sx * factor, sy * factor] }, arcs };
}

let cached: Promise<MapData> | null = null;

/**
 * The map, made at its first request. Brotli at its highest quality takes about two seconds of CPU on
 * this file: done synchronously it held the event loop that long, and the load shedding (src/server/app.ts)
 * then refused every other request with 503 for a while. zlib's asynchronous calls compress on libuv's
 * thread pool instead, and every request meanwhile waits for the same promise.
 */
export function worldMapData(): Promise<MapData> {
  cached ??= makeMapData();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

async function makeMapData(): Promise<MapData> {
  const file = require.resolve('world-atlas/countries-50m.json');
  const version = (require('world-atlas/package.json') as { version: string }).version;
  const topology = JSON.parse(readFileSync(file, 'utf8')) as QuantizedTopology;
  const json = Buffer.from(JSON.stringify(coarsen(topology, GRID_FACTOR)));
  const [gzipped, brotli] = await Promise.all([
    promisify(gzip)(json, { level: 9 }),
    promisify(brotliCompress)(json, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }),
  ]);
  return { json, gzip: gzipped, brotli, etag: `"world-atlas-${version}-50m-grid${GRID_FACTOR}"` };
}
