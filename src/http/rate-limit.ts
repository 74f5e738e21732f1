// Rate limits as clients can read them: the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers,
// structured fields) instead of the plugin's ad hoc ones. @fastify/rate-limit, in its draft-spec mode, sets
// ratelimit-limit, -remaining and -reset on each counted request (and Retry-After on a refusal); here, as
// the answer goes out, they become
//   RateLimit-Policy: "per-client";q=<requests>;w=<window in seconds>
//   RateLimit: "per-client";r=<requests left>;t=<seconds until the window resets>
// Beside those per-route limits, every request made with an API token counts against its token's quota
// ("per-token"), and every request of a signed-in session against its account's ("per-account"): a machine
// client sharing an address with others (a ministry's proxy) is held to its own budget, and one that spreads
// its requests over addresses is not let off. A request subject to both lists both policies in each field
// (the fields are structured-field Lists).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors.ts';

/** Every per-route limit Palermo sets counts the requests of one client (its address) on one route. */
export const RATE_LIMIT_POLICY = 'per-client';
/** The quota of one API token over every operation. */
export const TOKEN_QUOTA_POLICY = 'per-token';
/** The quota of one signed-in account (its sessions together) over every operation. */
export const ACCOUNT_QUOTA_POLICY = 'per-account';

/** At most `requests` requests in any window of `windowSeconds`, counted from the first of the window. */
export interface Quota {
  requests: number;
  windowSeconds: number;
}

/** Where one counted request leaves its caller: what the RateLimit fields say. */
interface Counted {
  policy: string;
  quota: Quota;
  remaining: number;
  resetSeconds: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token's or account's quota this request counted against, if any (for the RateLimit fields). */
    quotaCounted: Counted | null;
  }
}

const PLUGIN_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'] as const;

/**
 * Rewrites the plugin's headers, when the request was counted, as RateLimit and RateLimit-Policy, and adds
 * the quota the request counted against.
 */
export function rateLimitHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const policies: string[] = [];
  const states: string[] = [];
  const [limit, remaining, reset] = PLUGIN_HEADERS.map((name) => reply.getHeader(name));
  if (limit !== undefined) {
    for (const name of PLUGIN_HEADERS) reply.removeHeader(name);
    const configured = request.routeOptions.config.rateLimit;
    // Palermo's limits give their window in milliseconds; the plugin's default window is a minute.
    const windowMs = configured && typeof configured.timeWindow === 'number' ? configured.timeWindow : 60_000;
    const window = Math.max(1, Math.ceil(windowMs / 1000));
    policies.push(`"${RATE_LIMIT_POLICY}";q=${String(limit)};w=${window}`);
    states.push(`"${RATE_LIMIT_POLICY}";r=${String(remaining ?? 0)};t=${String(reset ?? window)}`);
  }
  const counted = request.quotaCounted;
  if (counted) {
    policies.push(`"${counted.policy}";q=${counted.quota.requests};w=${counted.quota.windowSeconds}`);
    states.push(`"${counted.policy}";r=${counted.remaining};t=${counted.resetSeconds}`);
  }
  if (policies.length === 0) return;
  reply.header('ratelimit-policy', policies.join(', '));
  reply.header('ratelimit', states.join(', '));
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Reads a quota setting: `<requests>/<window>`, the window in seconds or with a unit (`1200/60`, `5000/1h`,
 * `100000/1d`); `off` for none. A wrong value names the setting, never falls back silently.
 */
export function parseQuota(name: string, value: string): Quota | false {
  const text = value.trim().toLowerCase();
  if (text === 'off') return false;
  const match = /^(\d{1,9})\/(\d{1,7})([smhd]?)$/.exec(text);
  const requests = match ? Number(match[1]) : 0;
  const windowSeconds = match ? Number(match[2]) * (UNIT_SECONDS[match[3] || 's'] ?? 1) : 0;
  if (requests < 1 || windowSeconds < 1 || windowSeconds > 7 * 86_400) {
    throw new DomainError(
      'validation',
      `${name}: "${value}" is not a quota: <requests>/<window>, e.g. 1200/60 or 5000/1h (window up to 7d), or off`,
      { field: name },
    );
  }
  return { requests, windowSeconds };
}

/**
 * Fixed windows per key (a token, an account), each starting with the key's first request, as the per-route
 * limits count. In this process's memory: with `palermo serve --workers N` each process counts apart.
 */
export class QuotaCounter {
  private readonly windows = new Map<string, { resetAt: number; used: number }>();

  constructor(
    readonly policy: string,
    readonly quota: Quota,
    private readonly now: () => number,
  ) {}

  /** Counts one request of `key`; `remaining` is negative when it is over the quota. */
  take(key: string): Counted {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      // Windows that have ended are forgotten once in a while, so the map holds only keys seen lately.
      if (this.windows.size >= 10_000) {
        for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
      }
      window = { resetAt: now + this.quota.windowSeconds * 1000, used: 0 };
      this.windows.set(key, window);
    }
    window.used += 1;
    return {
      policy: this.policy,
      quota: this.quota,
      remaining: this.quota.requests - window.used,
      resetSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
    };
  }
}

export interface QuotaOptions {
  /** Requests per API token; false: none. */
  token: Quota | false;
  /** Requests per signed-in account; false: none. */
  account: Quota | false;
  /** Milliseconds since the epoch (the application's clock, so tests move it). */
  now: () => number;
}

/**
 * Counts each request made with a token or a session against its quota, once its caller is known (the
 * routes' onRequest guard, src/auth/http.ts) and before its body is read; over the quota it is refused with
 * 429 and Retry-After. Anonymous requests (the public reads) are not counted here.
 */
export function registerQuotas(app: FastifyInstance, options: QuotaOptions): void {
  app.decorateRequest('quotaCounted', null);
  const token = options.token ? new QuotaCounter(TOKEN_QUOTA_POLICY, options.token, options.now) : null;
  const account = options.account
    ? new QuotaCounter(ACCOUNT_QUOTA_POLICY, options.account, options.now)
    : null;
  if (!token && !account) return;
  app.addHook('preParsing', (request, reply, payload, done) => {
    const counted =
      request.tokenId !== null
        ? token?.take(request.tokenId)
        : request.session !== null
          ? account?.take(request.session.user.id)
          : undefined;
    if (!counted) return done(null, payload);
    request.quotaCounted = { ...counted, remaining: Math.max(0, counted.remaining) };
    if (counted.remaining >= 0) return done(null, payload);
    reply.header('retry-after', String(counted.resetSeconds));
    const whose = counted.policy === TOKEN_QUOTA_POLICY ? 'this API token' : 'this account';
    const err = new Error(
      `too many requests: ${whose} may make ${counted.quota.requests} in ${counted.quota.windowSeconds} seconds; try again in ${counted.resetSeconds} seconds`,
    ) as Error & { statusCode: number; code: string };
    err.statusCode = 429;
    err.code = 'RATE_LIMITED';
    done(err);
  });
}
