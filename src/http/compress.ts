// Compression of the API's answers. The registry's hot reads gzip once per version and keep the bytes
// (src/treaties/http-cache.ts); every other read — the events calendar, the fund's tables, CSV exports, a
// report's HTML — is compressed here as it is sent, when it is large enough for that to pay and the client
// asked for it. Asynchronous zlib keeps a large answer from holding up the requests behind it.
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Below this many bytes gzip's header and the CPU cost more than they save. */
export const COMPRESS_MIN_BYTES = 1024;

/** Text formats; PDF, DOCX, XLSX and images are compressed already. */
const COMPRESSIBLE = /^(application\/(json|problem\+json|xml|atom\+xml|javascript)|text\/)/;

/** Whether the client accepts gzip (an explicit `gzip;q=0` refuses it). */
export function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return typeof accept === 'string' && /\bgzip\b(?!;q=0(\.0*)?\b)/.test(accept);
}

/** Whether the client accepts brotli (`br;q=0` refuses it). */
export function acceptsBrotli(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return typeof accept === 'string' && /\bbr\b(?!;q=0(\.0*)?\b)/.test(accept);
}

/** Whether an answer about to be sent is one this module compresses (whatever the client accepts). */
export function compressible(request: FastifyRequest, reply: FastifyReply, payload: unknown): boolean {
  if (request.method !== 'GET' || reply.statusCode !== 200) return false;
  if (!(typeof payload === 'string' || Buffer.isBuffer(payload))) return false;
  if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES || reply.hasHeader('content-encoding')) return false;
  const cacheControl = String(reply.getHeader('cache-control') ?? '');
  if (cacheControl.includes('no-transform')) return false;
  return COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''));
}

/**
 * An `onSend` step: gzip the payload when it is compressible and the client accepts it. Both variants say
 * `Vary: Accept-Encoding`, so a shared cache never hands the gzipped bytes to a client that did not ask.
 * The weak ETag set before stays the same for both: weak validators compare content, not bytes (RFC 9110
 * §8.8.1).
 */
export function compressAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: Error | null, payload?: unknown) => void,
): void {
  if (!compressible(request, reply, payload)) return done(null, payload);
  reply.header('vary', 'accept-encoding');
  if (!acceptsGzip(request)) return done(null, payload);
  gzip(payload as string | Buffer, { level: 6 }, (err, out) => {
    if (err) return done(null, payload);
    reply.header('content-encoding', 'gzip');
    reply.removeHeader('content-length');
    done(null, out);
  });
}
