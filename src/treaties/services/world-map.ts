// The world's countries for the map: Natural Earth 1:50m admin-0 boundaries as TopoJSON, from the
// world-atlas package (feature ids are UN M49 codes, as participants carry them). Read once and gzipped once
// per process; the file is 740 KB, about 220 KB gzipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

interface MapData {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

let cached: MapData | null = null;

export function worldMapData(): MapData {
  if (!cached) {
    const file = require.resolve('world-atlas/countries-50m.json');
    const version = (require('world-atlas/package.json') as { version: string }).version;
    const json = readFileSync(file);
    cached = { json, gzip: gzipSync(json, { level: 9 }), etag: `"world-atlas-${version}-50m"` };
  }
  return cached;
}
