// The dashboard's first answer: index.html with the figures the dashboard paints first (its /api/dashboard
// answer and the instruments of /api/instruments) in a JSON data block, so a browser on a slow line draws
// them as soon as the script runs instead of after two more round trips. Only `/` gets it; every other
// client-side route is the static index.html (src/server/web-assets.ts and the not-found handler).
// The page is built and compressed once per registry version, day and build of index.html, like the
// registry's other reads (src/treaties/http-cache.ts), and revalidated at every visit (no-cache + ETag).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context.ts';
import { acceptsBrotli, acceptsGzip } from '../http/compress.ts';
import { memo } from '../treaties/registry-state.ts';
import { getDashboard } from '../treaties/services/dashboard.ts';
import { listInstrumentViews } from '../treaties/services/queries.ts';

/** The id of the data block; web/src/firstData.ts reads it. */
export const FIRST_DATA_ID = 'palermo-first-data';

/**
 * JSON that can stand inside a <script> element: every `<` is written `\u003c`, so no `</script>` or
 * `<!--` can appear in it whatever a participant's name holds, and JSON.parse gives back the same value.
 * U+2028 and U+2029 are escaped too, for tools that read the block as JavaScript.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** index.html with the data block at the end of its body (after the tags the preload scanner wants first). */
export function withFirstData(html: string, value: unknown): string {
  const block = `<script type="application/json" id="${FIRST_DATA_ID}">${jsonForScript(value)}</script>`;
  const at = html.lastIndexOf('</body>');
  return at < 0 ? `${html}${block}` : `${html.slice(0, at)}${block}${html.slice(at)}`;
}

type Encoding = 'br' | 'gzip' | 'identity';

/** index.html as built, re-read when the build on disk changes; `build` names that build in ETags. */
function indexReader(webDir: string): () => { html: string; build: string } {
  const path = join(webDir, 'index.html');
  let cached: { stamp: string; html: string; build: string } | null = null;
  return () => {
    const s = statSync(path);
    const stamp = `${s.mtimeMs}-${s.size}`;
    if (cached?.stamp !== stamp) {
      const html = readFileSync(path, 'utf8');
      const build = createHash('sha1').update(html).digest('base64url').slice(0, 12);
      cached = { stamp, html, build };
    }
    return cached;
  };
}

export function registerFirstPage(
  app: FastifyInstance,
  options: { webDir: string; context: () => ServiceContext },
): void {
  const index = indexReader(options.webDir);
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const ctx = options.context();
    const snapshot = await ctx.registry.snapshot();
    const dashboard = await getDashboard(ctx);
    const { html, build } = index();
    const encoding: Encoding = acceptsBrotli(request) ? 'br' : acceptsGzip(request) ? 'gzip' : 'identity';
    const etag = `"h-${snapshot.version}-${dashboard.asOf}-${build}-${encoding}"`;
    reply
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding')
      .header('etag', etag)
      .type('text/html; charset=utf-8');
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
    const key = `first-page:${dashboard.asOf}:${build}`;
    const instruments = await listInstrumentViews(ctx);
    const page = memo(snapshot, key, () => Buffer.from(withFirstData(html, { dashboard, instruments })));
    if (encoding === 'identity') return reply.send(page);
    reply.header('content-encoding', encoding);
    return reply.send(
      memo(snapshot, `${key}:${encoding}`, () =>
        encoding === 'br'
          ? brotliCompressSync(page, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
              },
            })
          : gzipSync(page, { level: 9 }),
      ),
    );
  });
}
