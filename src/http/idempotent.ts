// Writes with an Idempotency-Key: the use case runs in one transaction with its key (src/db/write.ts) and
// the stored answer is sent as is, so a retry gets the first answer byte for byte.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import { IDEMPOTENCY_KEY, runWrite, type WriteAnswer } from '../db/write.ts';
import type { Db } from '../db/schema.ts';

/** The header every money write requires (documented in the OpenAPI document). */
export const writeHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY, 'must be 8-128 letters, digits, "_", ".", ":" or "-" (a UUID is a good key)')
    .meta({ description: 'A key the client chooses per intended write; retries reuse it' }),
});

/** The same header, optional: writes that are not money still replay when the client sends a key. */
export const optionalWriteHeaders = z.looseObject({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY).optional(),
});

export async function sendWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: ServiceContext,
  run: (db: Db) => Promise<{ status: number; body: unknown }>,
): Promise<FastifyReply> {
  const key = request.headers['idempotency-key'];
  const answer = await runWrite(
    ctx,
    {
      key: typeof key === 'string' ? key : null,
      operation: `${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params ?? {})}`,
      payload: request.body ?? null,
    },
    run,
  );
  return sendAnswer(reply, answer);
}

/** Sends a write's answer: the stored text as is, so a replay is the same bytes as the first answer. */
export function sendAnswer(reply: FastifyReply, answer: WriteAnswer): FastifyReply {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}
