// Rate limits as clients can read them: the IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers,
// structured fields) instead of the plugin's ad hoc ones. @fastify/rate-limit, in its draft-spec mode, sets
// ratelimit-limit, -remaining and -reset on each counted request (and Retry-After on a refusal); here, as
// the answer goes out, they become
//   RateLimit-Policy: "per-client";q=<requests>;w=<window in seconds>
//   RateLimit: "per-client";r=<requests left>;t=<seconds until the window resets>
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Every limit Palermo sets counts the requests of one client (its address) on one route. */
export const RATE_LIMIT_POLICY = 'per-client';

const PLUGIN_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'] as const;

/** Rewrites the plugin's headers, when the request was counted, as RateLimit and RateLimit-Policy. */
export function rateLimitHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const [limit, remaining, reset] = PLUGIN_HEADERS.map((name) => reply.getHeader(name));
  if (limit === undefined) return;
  for (const name of PLUGIN_HEADERS) reply.removeHeader(name);
  const configured = request.routeOptions.config.rateLimit;
  // Palermo's limits give their window in milliseconds; the plugin's default window is a minute.
  const windowMs = configured && typeof configured.timeWindow === 'number' ? configured.timeWindow : 60_000;
  const window = Math.max(1, Math.ceil(windowMs / 1000));
  reply.header('ratelimit-policy', `"${RATE_LIMIT_POLICY}";q=${String(limit)};w=${window}`);
  reply.header(
    'ratelimit',
    `"${RATE_LIMIT_POLICY}";r=${String(remaining ?? 0)};t=${String(reset ?? window)}`,
  );
}
