// The server's log (`palermo serve`): pino's JSON lines on standard output, written asynchronously (lines wait
// in a buffer while a write is under way instead of holding up the request; pino writes what is left when
// the process exits, the server flushes it when it closes), and one access line per request that matters:
// every write (any method but GET and HEAD) and every error (4xx, 5xx); the successful reads only with
// PALERMO_ACCESS_LOG=all. Reads of the status endpoint are most of the traffic and the least of the
// interest: Fastify's default, two lines for every request, cost a third of the request rate.
import {
  LogController,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn } from 'pino';
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

/** pino's own `child`, which makes the real child logger. */
type MakeChild = (
  this: FastifyBaseLogger,
  bindings: Bindings,
  options?: ChildLoggerOptions,
) => FastifyBaseLogger;

/**
 * A request's logger, made only when something is logged: Fastify gives every request a child of the
 * server's logger (pino serialises its bindings then), while most requests, the successful reads, log
 * nothing at all. The methods and the level pass to the real child, made at the first use.
 */
class LazyChild {
  private real: FastifyBaseLogger | null = null;
  constructor(
    private readonly makeChild: MakeChild,
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get logger(): FastifyBaseLogger {
    this.real ??= this.makeChild.call(this.parent, this.bindings, this.options);
    return this.real;
  }

  get level(): string {
    return this.real?.level ?? this.options.level ?? this.parent.level;
  }
  set level(level: string) {
    this.logger.level = level;
  }
  fatal(...args: Parameters<LogFn>): void {
    this.logger.fatal(...args);
  }
  error(...args: Parameters<LogFn>): void {
    this.logger.error(...args);
  }
  warn(...args: Parameters<LogFn>): void {
    this.logger.warn(...args);
  }
  info(...args: Parameters<LogFn>): void {
    this.logger.info(...args);
  }
  debug(...args: Parameters<LogFn>): void {
    this.logger.debug(...args);
  }
  trace(...args: Parameters<LogFn>): void {
    this.logger.trace(...args);
  }
  silent(...args: Parameters<LogFn>): void {
    this.logger.silent(...args);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/**
 * Makes the children of the server's logger lazy (above). Done on the logger itself, after Fastify made it,
 * rather than with Fastify's `childLoggerFactory` option: Fastify checks every logger such a factory returns,
 * seven methods looked up in a new array, for every request, which cost more than the lazy child saves.
 * Fastify's own factory calls `logger.child`; pino's children inherit from their parent, so theirs are lazy
 * too, and each lazy child makes its real one with pino's own method.
 */
export function makeChildrenLazy(logger: FastifyBaseLogger): void {
  const makeChild = logger.child as MakeChild;
  Object.defineProperty(logger, 'child', {
    configurable: true,
    writable: true,
    value: function lazyChild(
      this: FastifyBaseLogger,
      bindings: Bindings,
      options?: ChildLoggerOptions,
    ): FastifyBaseLogger {
      return new LazyChild(makeChild, this, bindings, options ?? {}) as unknown as FastifyBaseLogger;
    },
  });
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
): {
  options: Pick<FastifyServerOptions, 'logger' | 'logController'>;
  /** Called with the server's logger once Fastify made it (makeChildrenLazy, or nothing without a log). */
  prepare: (logger: FastifyBaseLogger) => void;
  flush: (done: () => void) => void;
} {
  if (!logger) return { options: { logger: false }, prepare: () => undefined, flush: (done) => done() };
  const stream = pino.destination({ dest: destination, sync: false });
  let ended = false;
  return {
    options: {
      logger: { level: logger === true ? 'info' : logger.level, stream },
      logController: new AccessLogController(accessLog),
    },
    prepare: makeChildrenLazy,
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
