// Who is calling, and may they: resolves the session cookie or bearer token of every request, refuses
// cross-site state changes (CSRF) and enforces the route's policy action, all before the body is parsed.
//
// Every /api route must name its policy action in `config.policy`; a route that does not is refused when
// the application starts, so no route can skip the policy table.
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ServiceContext } from '../context.ts';
import { DomainError } from '../common/errors.ts';
import { decide, type Owner, type PolicyAction, type Principal } from './domain/policy.ts';
import {
  DEFAULT_SESSION_POLICY,
  resolveSession,
  resolveToken,
  type OpenSession,
  type ResolvedSession,
  type SessionPolicy,
} from './services/sessions.ts';
import { AccountLocked } from './services/lockout.ts';

export const SESSION_COOKIE = '__Host-palermo_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route performs (src/auth/domain/policy.ts). */
    policy?: PolicyAction;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: ResolvedSession | null;
    tokenId: string | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes outside the API (web application, documentation) are public pages and need no policy. */
function needsPolicy(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}

export interface AuthOptions {
  baseContext: () => ServiceContext;
  sessionPolicy?: SessionPolicy;
}

export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const sessionPolicy = options.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  await app.register(fastifyCookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('tokenId', null);

  // A locked account's refusal says when to come back.
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof AccountLocked) reply.header('retry-after', String(error.retryAfterSeconds));
  });

  /** Who is calling: the bearer token or the session cookie, resolved against the store. */
  const identify = async (request: FastifyRequest): Promise<void> => {
    const ctx = options.baseContext();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const resolved = token ? await resolveToken(ctx, token) : null;
      // A credential that does not work is refused outright, never treated as anonymous.
      if (!resolved)
        throw new DomainError('unauthorized', 'the bearer token is not valid (unknown, revoked or expired)');
      request.principal = resolved.principal;
      request.tokenId = resolved.tokenId;
    } else {
      const session = await resolveSession(ctx, request.cookies[SESSION_COOKIE] as string, sessionPolicy);
      request.session = session;
      request.principal = session?.principal ?? null;
    }
  };
  /** What every request must pass once its caller is known: CSRF for changes, then the route's policy. */
  const authorize = (request: FastifyRequest, action: PolicyAction | undefined): void => {
    if (!SAFE.has(request.method)) checkCsrf(request);
    // The policy is checked before the body is even read: a caller who may not act learns nothing of the
    // contract from validation messages.
    if (action) {
      const decision = decide(request.principal, action);
      if (!decision.allowed) throw denial(request, decision.status, decision.reason);
    }
  };

  /**
   * The hook of one API route, its policy action in hand. A callback hook, not an async one: an anonymous
   * request (most public reads) has nothing to look up, and goes on at once without a promise and a turn of
   * the microtask queue.
   */
  const guard =
    (action: PolicyAction | undefined): onRequestHookHandler =>
    (request, _reply, done) => {
      if (request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE]) {
        try {
          authorize(request, action);
        } catch (err) {
          return done(err as Error);
        }
        return done();
      }
      identify(request).then(
        () => {
          try {
            authorize(request, action);
          } catch (err) {
            return done(err as Error);
          }
          done();
        },
        (err: Error) => done(err),
      );
    };

  // Every API route gets the guard as its first own onRequest hook, when it is declared, rather than one
  // hook for every request asking which route matched (request.routeOptions builds and freezes a new object
  // at each read) and whether it is under /api: the public status read is most of the traffic. The route's
  // URL is the matched pattern, so a path the router decodes (/%61pi/… is /api/…) still meets its guard;
  // requests that match no route (404) have none, as before. Placed first, it runs before a route's own
  // hooks (the per-route rate limits): a caller refused here does not count against them.
  app.addHook('onRoute', (route) => {
    if (!needsPolicy(route.url)) return;
    const action = route.config?.policy;
    if (!action && route.method !== 'HEAD') {
      throw new Error(`route ${String(route.method)} ${route.url} names no policy action (config.policy)`);
    }
    const own = route.onRequest;
    // A new array: the automatic HEAD route starts from a copy of the GET route's options, and gets its own
    // guard when it is declared in turn.
    route.onRequest = [guard(action), ...(own === undefined ? [] : Array.isArray(own) ? own : [own])];
  });
}

/**
 * A state-changing request must come from this origin: a foreign Origin is refused, and a request that
 * rides on the session cookie must echo the session's CSRF token in a header (synchronizer token). Bearer
 * tokens are not sent by browsers on their own, so they need neither.
 */
function checkCsrf(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== request.headers.host) {
      throw new DomainError('forbidden', 'cross-site request refused: its Origin is not this site');
    }
  } else if (origin === 'null') {
    throw new DomainError('forbidden', 'cross-site request refused: its Origin is not this site');
  }
  if (request.session) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || sent !== request.session.csrfToken) {
      throw new DomainError(
        'forbidden',
        `missing or wrong ${CSRF_HEADER} header: send the token given at sign-in`,
      );
    }
  }
}

export function denial(request: FastifyRequest, status: 401 | 403 | 404, reason: string): DomainError {
  if (status === 401)
    return new DomainError('unauthorized', `sign in to ${reason.replace(/^sign in first$/, 'do this')}`);
  if (status === 404) return new DomainError('not_found', `no such record at ${request.url.split('?')[0]}`);
  return new DomainError('forbidden', reason);
}

/** Checks the policy against the owner of a record, inside a handler that knows the record. */
export function authorize(request: FastifyRequest, action: PolicyAction, owner: Owner): void {
  const decision = decide(request.principal, action, owner);
  if (!decision.allowed) throw denial(request, decision.status, decision.reason);
}

export function setSessionCookie(
  reply: FastifyReply,
  session: OpenSession,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): void {
  reply.setCookie(SESSION_COOKIE, session.sessionId, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    maxAge: Math.floor(policy.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

/** Who is acting, for the rows a use case writes and the audit trail. */
export function actorOf(request: FastifyRequest): string {
  if (request.principal?.userId) return `user:${request.principal.userId}`;
  if (request.tokenId) return `token:${request.tokenId}`;
  if (request.session) return `user:${request.session.user.id}`;
  return 'anonymous';
}
