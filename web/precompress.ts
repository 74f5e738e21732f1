// A build step of `npm run build:web`: beside every text file Vite writes (scripts, style sheets, index.html,
// SVG, JSON) a brotli copy (.br, quality 11) and a gzip copy (.gz, level 9), which the server sends as they
// are to a browser that accepts them (src/server/web-assets.ts): the best compression, paid once at build
// instead of at every request. A copy that would not be smaller is not written.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The same list as the server's PRECOMPRESSED (tests/api/web-assets.test.ts checks they agree). */
export const PRECOMPRESSED = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Writes the .br and .gz copies of every compressible file under `dir`; returns how many were written. */
export function precompressDir(dir: string): number {
  let written = 0;
  for (const path of files(dir)) {
    if (!PRECOMPRESSED.test(path)) continue;
    const raw = readFileSync(path);
    const copies = {
      br: brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
      // gzip's header holds no time here (Node writes 0): the same input gives the same bytes.
      gz: gzipSync(raw, { level: 9 }),
    };
    for (const [ext, bytes] of Object.entries(copies)) {
      if (bytes.length >= raw.length) continue;
      writeFileSync(`${path}.${ext}`, bytes);
      written++;
    }
  }
  return written;
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'palermo-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
