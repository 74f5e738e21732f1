// The API's version and how a route is deprecated (docs/api.md, "Versioning and deprecation"). Every API
// answer names the version in `API-Version`; the OpenAPI document's info.version starts with it. The
// `/api/...` paths are version 1 and do not move. Within a version changes are additive; what would break a
// client is first announced on the operation it touches: `deprecated: true` in the document and, on every
// answer, `Deprecation` (RFC 9745: since when) and `Sunset` (RFC 8594: from when it may stop answering).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addMonths, isIsoDate, type IsoDate } from '../common/dates.ts';

/** The API's major version: a breaking change that cannot be announced first needs the next one. */
export const API_VERSION = 1;
/** The document's info.version: major as API_VERSION; minor counts additive releases. */
export const API_DOCUMENT_VERSION = `${API_VERSION}.0.0`;

/** A deprecated operation: when it was announced, when it may stop answering, and what replaces it. */
export interface Deprecation {
  since: IsoDate;
  sunset: IsoDate;
  /** What a client should call instead, for the document (an operationId or a sentence). */
  instead: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on a deprecated route (RouteDeclaration.deprecated, src/http/routing.ts). */
    deprecation?: Deprecation;
  }
}

/** A calendar date's midnight (UTC), as HTTP states instants: the date is the fact, the hour a convention. */
function midnight(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Clients get at least this long between the announcement and the Sunset (docs/api.md). */
export const MIN_DEPRECATION_MONTHS = 6;

/** Refuses, at start-up, a deprecation whose dates are not dates or whose Sunset comes too soon. */
export function checkDeprecation(where: string, d: Deprecation): void {
  if (!isIsoDate(d.since) || !isIsoDate(d.sunset)) {
    throw new Error(`route ${where}: deprecation needs since and sunset as YYYY-MM-DD`);
  }
  if (d.sunset < addMonths(d.since, MIN_DEPRECATION_MONTHS)) {
    throw new Error(
      `route ${where}: the sunset must be at least ${MIN_DEPRECATION_MONTHS} months after since (${d.since})`,
    );
  }
}

/** The header fields of a deprecated operation's answers. */
export function deprecationHeaders(d: Deprecation): { deprecation: string; sunset: string } {
  return {
    // RFC 9745 §2.1: a structured-field Date, seconds since the epoch.
    deprecation: `@${Math.floor(midnight(d.since).getTime() / 1000)}`,
    // RFC 8594 §3: an HTTP-date (IMF-fixdate).
    sunset: midnight(d.sunset).toUTCString(),
  };
}

/** onSend of a deprecated route: every answer, errors included, says so. */
export function announceDeprecation(d: Deprecation) {
  const headers = deprecationHeaders(d);
  return (
    _request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (err: null, p: unknown) => void,
  ) => {
    reply.header('deprecation', headers.deprecation);
    reply.header('sunset', headers.sunset);
    done(null, payload);
  };
}
