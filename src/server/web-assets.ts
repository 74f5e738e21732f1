// The web application's files (web/dist, written by `npm run build:web`). The build writes a gzip and a
// brotli copy beside each text file (web/precompress.ts), sent as they are to a browser that accepts them:
// nothing is compressed per request. Files under /assets/ carry a hash of their content in their name, so
// a browser keeps them a year without asking again; index.html (and anything else) is revalidated every
// time, so a new release is seen at the next visit.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** What the build compresses (web/precompress.ts keeps the same list). */
export const PRECOMPRESSED = /\.(js|mjs|css|html|svg|json|txt|map)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The cache and negotiation headers of one static file, from its path on disk. */
export function staticHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  // The path is the copy sent: index-Bx9_k2Qa.js.br is the brotli copy of index-Bx9_k2Qa.js.
  const file = path.replace(/\.(br|gz)$/, '');
  const hashed = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/.test(file);
  res.setHeader('cache-control', hashed ? IMMUTABLE : 'no-cache');
  if (PRECOMPRESSED.test(file)) res.setHeader('vary', 'accept-encoding');
}

export async function registerWebAssets(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    // send's own Cache-Control (max-age=0) would overwrite staticHeaders'.
    cacheControl: false,
    setHeaders: staticHeaders,
  });
}
