// The server's log (`palermo serve`): pino's JSON lines on standard output, written asynchronously (lines wait
// in a buffer while a write is under way instead of holding up the request; pino writes what is left when
// the process exits, the server flushes it when it closes), and one access line per request that matters:
// every write (any method but GET and HEAD) and every error (4xx, 5xx); the successful reads only with
// PALERMO_ACCESS_LOG=all. Reads of the status endpoint are most of the traffic and the least of the
// interest: Fastify's default, two lines for every request, cost a third of the request rate.
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { pino } from 'pino';
import { DomainError } from '../common/errors.ts';

/** Which requests get an access line: `all`, or (the default) writes and errors only. */
export type AccessLog = 'all' | 'writes-and-errors';

export const ACCESS_LOG_VALUES: readonly AccessLog[] = ['all', 'writes-and-errors'];

/** PALERMO_ACCESS_LOG; a wrong value stops the start with a message naming the variable. */
export function accessLogFromEnv(env: NodeJS.ProcessEnv = process.env): AccessLog {
  const value = env.PALERMO_ACCESS_LOG?.trim() || 'writes-and-errors';
  if (!(ACCESS_LOG_VALUES as readonly string[]).includes(value))
    throw new DomainError(
      'validation',
      `PALERMO_ACCESS_LOG: "${value}" is not one of ${ACCESS_LOG_VALUES.join(', ')}`,
      {
        field: 'PALERMO_ACCESS_LOG',
      },
    );
  return value as AccessLog;
}

/** Whether a request gets an access line. */
export function logsRequest(mode: AccessLog, method: string, statusCode: number): boolean {
  if (mode === 'all' || statusCode >= 400) return true;
  return method !== 'GET' && method !== 'HEAD';
}

/** Fastify's request lines, replaced by one line when the answer is sent, for the requests `mode` asks for. */
class AccessLogController extends LogController {
  constructor(private readonly mode: AccessLog) {
    super();
  }

  override incomingRequest(): void {}

  /** The 404 has its access line when it is answered. */
  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (logsRequest(this.mode, request.method, reply.statusCode))
      reply.log.info(line, 'request completed');
  }
}

/**
 * Fastify's logger options for a server that logs (`level`), or none; and `flush`, which writes what is still
 * buffered (the server calls it when it closes).
 */
export function serverLogging(
  logger: boolean | { level: string } | undefined,
  accessLog: AccessLog,
  /** Where the lines go: standard output, or a file (tests). */
  destination: number | string = 1,
): { options: Pick<FastifyServerOptions, 'logger' | 'logController'>; flush: (done: () => void) => void } {
  if (!logger) return { options: { logger: false }, flush: (done) => done() };
  const stream = pino.destination({ dest: destination, sync: false });
  let ended = false;
  return {
    options: {
      logger: { level: logger === true ? 'info' : logger.level, stream },
      logController: new AccessLogController(accessLog),
    },
    // Ends the stream and waits until every buffered line is written, in order. flushSync is not enough: it
    // throws while the file is still being opened, and writes around a write already in flight, so lines
    // could be lost or reordered at shutdown (seen in a test reading the log back).
    flush: (done) => {
      if (ended) return done();
      ended = true;
      stream.once('close', () => done());
      stream.end();
    },
  };
}
