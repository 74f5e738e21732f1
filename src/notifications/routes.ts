// HTTP routes of depositary notifications: the JSON list with its cursor, one notification, and the Atom
// feeds (all, per instrument, per participant) with conditional GET. Public reads (policy
// 'notifications.read'). A malformed cursor or If-None-Match is a 400 problem naming it (docs/notifications.md).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdParamSchema, ProblemSchema } from '../common/contract.ts';
import { DomainError } from '../common/errors.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { decodeCursor, encodeCursor, withNextLink } from '../common/paging.ts';
import {
  problemResponses,
  registerRoutes,
  route,
  type FeatureRouteDeps,
  type RouteDeclaration,
} from '../http/routing.ts';
import {
  DEFAULT_PAGE,
  FeedQuerySchema,
  MAX_PAGE,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationSchema,
  type NotificationView,
} from './contract.ts';
import { atomFeed } from './atom.ts';
import { TEMPLATE_VERSION, type NotificationLanguage, type NotificationNames } from './domain/template.ts';
import {
  CursorError,
  notificationById,
  notificationByReference,
  notificationFeedHead,
  notificationPage,
  parseCursor,
} from './services/read.ts';
import type { ServiceContext } from '../context.ts';

/** How many entries a feed carries: the newest; older ones are in the JSON list (`?before=`). */
export const FEED_ENTRIES = 50;

export interface NotificationRouteDeps extends FeatureRouteDeps {
  /** Names as the United Nations writes them (the reference data's, given by src/server). */
  names: NotificationNames;
  /** Whether an instrument or participant exists in the registry (the treaty registry's lookups). */
  exists: (ctx: ServiceContext, what: 'instrument' | 'participant', id: string) => Promise<boolean>;
  /** The server's public address, for the absolute links a feed carries. */
  publicUrl: string;
}

const errors = {
  ...problemResponses,
  400: ProblemSchema,
  304: z.any().meta({ description: 'not modified: the copy the validators name is current' }),
};
const atomBytes = z.any().meta({ description: 'an Atom 1.0 feed (application/atom+xml)' });

/** RFC 9110 §8.8.3: `*`, or entity-tags separated by commas; anything else is refused, not guessed at. */
const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7E\x80-\xFF]*"$/;

function matchesIfNoneMatch(header: string, etag: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  const tags = value.split(',').map((t) => t.trim());
  if (tags.length === 0 || tags.some((t) => !ENTITY_TAG.test(t))) {
    throw new CursorError(
      'If-None-Match',
      'If-None-Match must be * or entity-tags such as "abc" or W/"abc", separated by commas',
    );
  }
  // Weak comparison (RFC 9110 §8.8.3.2): W/ is ignored on both sides.
  const opaque = (t: string) => t.replace(/^W\//, '');
  return tags.some((t) => opaque(t) === opaque(etag));
}

/**
 * Sets the validators of an answer built from append-only rows and says whether the client's copy is current.
 * If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); an unreadable If-Modified-Since is ignored,
 * as §13.1.3 asks.
 */
function notModified(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  lastRecordedAt: string | null,
): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', 'public, no-cache');
  const lastModified = lastRecordedAt ? Date.parse(lastRecordedAt) : NaN;
  if (!Number.isNaN(lastModified)) reply.header('last-modified', new Date(lastModified).toUTCString());
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string') return matchesIfNoneMatch(inm, etag);
  const ims = request.headers['if-modified-since'];
  if (typeof ims === 'string' && !Number.isNaN(lastModified)) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
  }
  return false;
}

function validator(scope: string, head: { lastId: number; count: number }): string {
  // Notifications are never changed, so the newest id and the count say whether a feed changed; the scope
  // (path and query) and the template version tell feeds and wordings apart.
  const key = createHash('sha1').update(`${scope}|${TEMPLATE_VERSION}`).digest('base64url').slice(0, 12);
  return `"${key}.${head.lastId}.${head.count}"`;
}

function badRequest(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof CursorError) {
    const field = err.field ?? 'query';
    return sendProblem(
      reply,
      request,
      problem(400, err.message, 'bad-request', [{ field, message: err.message }]),
    );
  }
  throw err;
}

export async function notificationRoutes(app: FastifyInstance, deps: NotificationRouteDeps): Promise<void> {
  registerRoutes(app, notificationRouteTable(deps));
}

function notificationRouteTable(deps: NotificationRouteDeps): RouteDeclaration[] {
  const tags = ['Notifications'];
  const base = deps.publicUrl.replace(/\/+$/, '');

  const feed = async (
    request: FastifyRequest,
    reply: FastifyReply,
    scope: { instrumentId?: string; participantId?: string },
    lang: NotificationLanguage,
  ): Promise<FastifyReply> => {
    const ctx = deps.context(request);
    if (scope.instrumentId && !(await deps.exists(ctx, 'instrument', scope.instrumentId))) {
      throw new DomainError('not_found', `instrument "${scope.instrumentId}" does not exist`, {
        field: 'id',
      });
    }
    if (scope.participantId && !(await deps.exists(ctx, 'participant', scope.participantId))) {
      throw new DomainError('not_found', `participant "${scope.participantId}" does not exist`, {
        field: 'id',
      });
    }
    const path = request.url.split('?')[0] as string;
    const head = await notificationFeedHead(ctx, scope);
    try {
      if (notModified(request, reply, validator(`${path}|${lang}`, head), head.lastRecordedAt)) {
        return reply.code(304).send('');
      }
    } catch (err) {
      return badRequest(request, reply, err);
    }
    const page = await notificationPage(ctx, deps.names, { ...scope, limit: FEED_ENTRIES });
    const name = scope.instrumentId
      ? (deps.names.instrument(scope.instrumentId, lang) ?? scope.instrumentId)
      : scope.participantId
        ? (deps.names.participant(scope.participantId, lang) ?? scope.participantId)
        : null;
    const title =
      lang === 'fr'
        ? `Notifications dépositaires${name ? ` : ${name}` : ''}`
        : `Depositary notifications${name ? `: ${name}` : ''}`;
    const filter = scope.instrumentId
      ? `?instrument=${encodeURIComponent(scope.instrumentId)}`
      : scope.participantId
        ? `?participant=${encodeURIComponent(scope.participantId)}`
        : '';
    const xml = atomFeed({
      path,
      title,
      lang,
      self: `${base}${path}${lang === 'en' ? '' : `?lang=${lang}`}`,
      alternate: `${base}/notifications${filter}`,
      updated: head.lastRecordedAt ?? '2000-11-15T00:00:00.000Z',
      entries: page.items.map((n) => ({
        uid: n.uid,
        title: n.reference ? `${n.reference}: ${n[lang].subject}` : n[lang].subject,
        text: n[lang].text,
        updated: n.recordedAt,
        published: n.recordedAt,
        alternate: `${base}/notifications/${n.id}`,
        json: `${base}/api/notifications/${n.id}`,
        category: n.category === 'corrigendum' ? `corrigendum:${n.kind}` : n.kind,
      })),
    });
    return reply.type('application/atom+xml; charset=utf-8').send(Buffer.from(xml, 'utf8'));
  };

  const feedDoc = (what: string) => ({
    tags,
    summary: `Atom 1.0 feed of the depositary notifications${what}, newest first`,
    description:
      `The newest ${FEED_ENTRIES} notifications (older ones: GET /api/notifications?before=). Entry ids are ` +
      'urn:uuid (stable); ETag and Last-Modified answer If-None-Match (a malformed one is 400) and ' +
      'If-Modified-Since with 304. `?lang=fr` for the French text.',
  });

  return [
    route({
      method: 'GET',
      url: '/api/notifications',
      operationId: 'listNotifications',
      policy: 'notifications.read',
      schema: {
        tags,
        summary: 'Depositary notifications, with a cursor to catch up',
        description:
          '`?since=<id>`: the notifications issued after that id, oldest first, and in `next` the URL to ask ' +
          'next (with the last id seen): an empty page means up to date. Without `since`, the newest first ' +
          `(\`next\` with its \`cursor\`, or \`?before=<id>\`, for older ones). \`limit\` up to ${MAX_PAGE} (${DEFAULT_PAGE} by default). Filters: ` +
          '`instrument`, `participant`, `reference` (a C.N. symbol). A malformed cursor or If-None-Match is 400.',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema, ...errors },
      },
      handler: async (request, reply) => {
        const q = request.query;
        const ctx = deps.context(request);
        let since: number | undefined;
        let before: number | undefined;
        try {
          since = parseCursor(q.since, 'since');
          before = parseCursor(q.before, 'before');
          if (since !== undefined && before !== undefined) {
            throw new CursorError('since', 'give since (catching up) or before (browsing back), not both');
          }
        } catch (err) {
          return badRequest(request, reply, err);
        }
        if (q.cursor !== undefined) {
          if (since !== undefined || before !== undefined) {
            throw new DomainError('bad_request', 'give cursor, since or before, not two of them', {
              field: 'cursor',
            });
          }
          before = decodeCursor(q.cursor, ['int'] as const)?.[0];
        }
        const limit = q.limit;
        const scope = { instrumentId: q.instrument, participantId: q.participant };
        const head = await notificationFeedHead(ctx, scope);
        try {
          if (notModified(request, reply, validator(request.url, head), head.lastRecordedAt)) {
            return reply.code(304).send('');
          }
        } catch (err) {
          return badRequest(request, reply, err);
        }
        if (q.reference !== undefined) {
          const found = await notificationByReference(ctx, deps.names, q.reference);
          const items = found ? [found] : [];
          return { items, next: null, latestId: head.lastId };
        }
        const page = await notificationPage(ctx, deps.names, { ...scope, since, before, limit });
        const params = new URLSearchParams();
        if (q.instrument) params.set('instrument', q.instrument);
        if (q.participant) params.set('participant', q.participant);
        params.set('limit', String(limit));
        let next: string | null = null;
        if (since !== undefined) {
          params.set('since', String(page.items.at(-1)?.id ?? since));
          next = `/api/notifications?${params}`;
        } else if (page.full) {
          // Browsing back pages as every list does: an opaque cursor (docs/api.md "Paging").
          params.set('cursor', encodeCursor([(page.items.at(-1) as NotificationView).id]));
          next = `/api/notifications?${params}`;
        }
        // Catching up, `next` is where to ask later even when nothing is waiting; the Link header names a
        // page only while one is waiting, so a client that follows Link to the end stops (docs/api.md).
        withNextLink(reply, since === undefined || page.full ? next : null);
        return { items: page.items, next, latestId: page.latestId };
      },
    }),

    route({
      method: 'GET',
      url: '/api/notifications/:id',
      operationId: 'getNotification',
      policy: 'notifications.read',
      schema: {
        tags,
        summary: 'One depositary notification, in English and French',
        params: z.strictObject({ id: IdParamSchema }),
        response: { 200: NotificationSchema, ...errors },
      },
      handler: async (request) => notificationById(deps.context(request), deps.names, request.params.id),
    }),

    route({
      method: 'GET',
      url: '/api/notifications.atom',
      operationId: 'getNotificationsFeed',
      policy: 'notifications.read',
      schema: { ...feedDoc(''), querystring: FeedQuerySchema, response: { 200: atomBytes, ...errors } },
      handler: async (request, reply) => feed(request, reply, {}, request.query.lang ?? 'en'),
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:id/notifications.atom',
      operationId: 'getInstrumentNotificationsFeed',
      policy: 'notifications.read',
      schema: {
        ...feedDoc(' on one instrument'),
        params: z.strictObject({ id: z.string().max(20) }),
        querystring: FeedQuerySchema,
        response: { 200: atomBytes, ...errors },
      },
      handler: async (request, reply) =>
        feed(request, reply, { instrumentId: request.params.id }, request.query.lang ?? 'en'),
    }),

    route({
      method: 'GET',
      url: '/api/participants/:id/notifications.atom',
      operationId: 'getParticipantNotificationsFeed',
      policy: 'notifications.read',
      schema: {
        ...feedDoc(' of one participant'),
        params: z.strictObject({ id: z.string().max(20) }),
        querystring: FeedQuerySchema,
        response: { 200: atomBytes, ...errors },
      },
      handler: async (request, reply) =>
        feed(request, reply, { participantId: request.params.id }, request.query.lang ?? 'en'),
    }),
  ];
}
