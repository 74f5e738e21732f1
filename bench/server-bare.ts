// The baseline: bare Fastify 5, no plugins, one route at the same path as the status endpoint.
//   tiny             → returns {"ok":true}
//   bytes <file> [headers]      → sends a precomputed Buffer (the real status response's bytes, read from the
//                                 file)
//   gzip-bytes <file> [headers] → sends a precomputed Buffer of gzipped bytes (the real status response as a
//                                 browser gets it, read from the file) with content-encoding: gzip and vary:
//                                 accept-encoding, whatever the request asks: it compresses nothing
// With a headers file (JSON: name → value, the real response's headers as Palermo sent them), those headers
// are sent too, as they are, so that the whole response, not only its body, is the same bytes on the wire:
// the load generator then reads as much from either server, and only the servers' own costs differ.
// Every mode also answers GET /healthz with {"status":"ok"} (the cold-start baseline polls it). Listens on
// BENCH_PORT when set (the cold-start measurement), otherwise on a free port.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { answerProfileRequests } from './profiling.mjs';

const mode = process.argv[3];
const bytesFile = process.argv[4];
const headers: Record<string, string> = process.argv[5]
  ? (JSON.parse(readFileSync(process.argv[5], 'utf8')) as Record<string, string>)
  : {};
const app = Fastify({ logger: false });
/** The path the route answers at: the status endpoint's, and also BENCH_ROUTE when set (the calendar's). */
const paths = [
  '/api/instruments/:instrumentId/status',
  ...(process.env.BENCH_ROUTE ? [process.env.BENCH_ROUTE] : []),
];

if (mode === 'tiny') {
  for (const path of paths) app.get(path, async () => ({ ok: true }));
} else if (mode === 'bytes' && bytesFile) {
  const body = readFileSync(bytesFile);
  for (const path of paths)
    app.get(path, async (_request, reply) =>
      reply.type('application/json; charset=utf-8').headers(headers).send(body),
    );
} else if (mode === 'gzip-bytes' && bytesFile) {
  const body = readFileSync(bytesFile);
  for (const path of paths)
    app.get(path, async (_request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .header('content-encoding', 'gzip')
        .header('vary', 'accept-encoding')
        .headers(headers)
        .send(body),
    );
} else {
  throw new Error('usage: server-bare.ts tiny | bytes <file> [headers] | gzip-bytes <file> [headers]');
}

app.get('/healthz', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.BENCH_PORT) || 0, host: '127.0.0.1' });
let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await app.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
answerProfileRequests();
const address = app.server.address();
process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
