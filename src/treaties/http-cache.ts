// HTTP caching helpers shared by the treaty routes: ETag revalidation and gzip negotiation.
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptsGzip } from '../http/compress.ts';
import { memo, type RegistrySnapshot } from './registry-state.ts';

/** Reads are cacheable by anyone but must be revalidated: the registry changes when actions are recorded. */
export function cacheable(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag).header('cache-control', 'public, no-cache');
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === etag)) {
    reply.code(304).send();
    return true;
  }
  return false;
}

/**
 * Sends a JSON answer serialised (and gzipped when the client accepts it) once per registry version and
 * key. Fastify sends a Buffer as is; the route's schema still documents the shape.
 */
export function sendMemoisedJson<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  snapshot: RegistrySnapshot,
  key: string,
  value: () => T,
): FastifyReply {
  const gzip = acceptsGzip(request);
  reply.header('vary', 'accept-encoding');
  if (cacheable(request, reply, `"${key}-${snapshot.version}${gzip ? '-gz' : ''}"`)) return reply;
  const json = memo(snapshot, `${key}-json`, () => Buffer.from(JSON.stringify(value())));
  let body = json;
  if (gzip) {
    body = memo(snapshot, `${key}-gzip`, () => gzipSync(json, { level: 6 }));
    reply.header('content-encoding', 'gzip');
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
