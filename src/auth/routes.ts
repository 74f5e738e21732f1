// HTTP routes for accounts, sessions, MFA, API tokens and the audit trail.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit, listAuditRows, verifyAudit } from '../audit/audit-log.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError } from '../common/errors.ts';
import { ProblemSchema, problemResponses } from '../common/contract.ts';
import { decodeCursor, nextLink, pageOf, withNextLink } from '../common/paging.ts';
import { registerRoutes, route, type RouteDeclaration } from '../http/routing.ts';
import {
  AdminUserSchema,
  AuditQuerySchema,
  AuditRowsSchema,
  AuditVerificationSchema,
  IssuedTokenSchema,
  LoginInputSchema,
  MeSchema,
  MfaCodeInputSchema,
  MfaEnrolmentSchema,
  NewTokenSchema,
  NewUserSchema,
  PasswordResetAnswerSchema,
  PasswordResetInputSchema,
  PasswordWithLinkInputSchema,
  SessionAnswerSchema,
  TokenIdParamsSchema,
  TokenSchema,
  TokensSchema,
  UserChangesSchema,
  UserIdParamsSchema,
  UserSchema,
  UsersSchema,
} from './contract.ts';
import { decide, POLICY_ACTIONS_LIST } from './domain/policy.ts';
import { clearSessionCookie, setSessionCookie } from './http.ts';
import { listUsers } from './repository.ts';
import {
  changeUser,
  createUser,
  presentUser,
  requestPasswordReset,
  setPasswordWithLink,
  type Mailer,
} from './services/accounts.ts';
import { presentAdminUsers, unlockUser } from './services/lockout.ts';
import {
  beginMfaEnrolment,
  issueToken,
  listTokenViews,
  revokeTokenById,
  signIn,
  signOut,
  verifySecondFactor,
  type SessionPolicy,
} from './services/sessions.ts';

export interface AuthRouteDeps {
  context: (request: FastifyRequest) => ServiceContext;
  mailer: Mailer;
  publicUrl: string;
  /** Requests per minute and client allowed on sign-in and password reset; false to switch off (tests). */
  signInPerMinute: number | false;
  sessionPolicy: SessionPolicy;
  /** Where mail that could not be sent is reported (mail goes out after the answer, see accounts.ts). */
  log: (message: string, err: unknown) => void;
  /** Runs work after the answer has gone (default: on the next turn of the event loop). */
  afterAnswer?: (work: () => Promise<void>) => void;
}

const errors = { 400: ProblemSchema, ...problemResponses, 429: ProblemSchema };

function meta(request: FastifyRequest) {
  const ua = request.headers['user-agent'];
  return { userAgent: typeof ua === 'string' ? ua : null, ip: request.ip };
}

/** Sensitive reads (personal data, the audit trail itself) leave a row in the audit trail too. */
async function auditRead(
  ctx: ServiceContext,
  action: string,
  entity: string,
  details?: unknown,
): Promise<void> {
  await ctx.store.db
    .transaction()
    .execute((trx) => audit(ctx, trx, { action, entity, entityId: null, after: details ?? null }));
}

function requireSession(request: FastifyRequest) {
  if (!request.session) throw new DomainError('unauthorized', 'sign in first');
  return request.session;
}

export async function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  registerRoutes(app, authRouteTable(deps));
}

function authRouteTable(deps: AuthRouteDeps): RouteDeclaration[] {
  const tags = ['Accounts and sessions'];
  const limited =
    deps.signInPerMinute === false ? {} : { rateLimit: { max: deps.signInPerMinute, timeWindow: 60_000 } };
  const links = { mailer: deps.mailer, publicUrl: deps.publicUrl, log: deps.log };
  const afterAnswer =
    deps.afterAnswer ?? ((work: () => Promise<void>) => void setImmediate(() => void work()));
  const admin = ['Administration'];

  return [
    route({
      method: 'POST',
      url: '/api/auth/login',
      operationId: 'signIn',
      policy: 'session.open',
      ...limited,
      schema: {
        tags,
        summary: 'Sign in with email and password; a session cookie is set',
        description:
          'Secretariat roles then verify a code from their authenticator (POST /api/auth/mfa/verify), or enrol one first.',
        body: LoginInputSchema,
        response: { 200: SessionAnswerSchema, ...errors },
      },
      handler: async (request, reply) => {
        const session = await signIn(deps.context(request), request.body, meta(request), deps.sessionPolicy);
        setSessionCookie(reply, session, deps.sessionPolicy);
        return { stage: session.stage, csrfToken: session.csrfToken, user: session.user };
      },
    }),

    route({
      method: 'POST',
      url: '/api/auth/mfa/enrol',
      operationId: 'startMfaEnrolment',
      policy: 'session.open',
      schema: {
        tags,
        summary: 'Start enrolling an authenticator: the secret to scan, shown once',
        response: { 200: MfaEnrolmentSchema, ...errors },
      },
      handler: async (request) => beginMfaEnrolment(deps.context(request), requireSession(request)),
    }),

    route({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      operationId: 'verifyMfaCode',
      policy: 'session.open',
      ...limited,
      schema: {
        tags,
        summary:
          'Verify a code from the authenticator (at sign-in, or to confirm enrolment); the session id changes',
        body: MfaCodeInputSchema,
        response: { 200: SessionAnswerSchema, ...errors },
      },
      handler: async (request, reply) => {
        const session = await verifySecondFactor(
          deps.context(request),
          requireSession(request),
          request.body.code,
          meta(request),
          deps.sessionPolicy,
        );
        setSessionCookie(reply, session, deps.sessionPolicy);
        return { stage: session.stage, csrfToken: session.csrfToken, user: session.user };
      },
    }),

    route({
      method: 'POST',
      url: '/api/auth/logout',
      operationId: 'signOut',
      policy: 'session.open',
      schema: {
        tags,
        summary: 'Sign out: the session is revoked on the server',
        response: { 204: z.null(), ...errors },
      },
      handler: async (request, reply) => {
        if (request.session) await signOut(deps.context(request), request.session);
        clearSessionCookie(reply);
        return reply.code(204).send(null);
      },
    }),

    route({
      method: 'GET',
      url: '/api/auth/me',
      operationId: 'getCurrentAccount',
      policy: 'session.open',
      schema: {
        tags,
        summary: 'Who is signed in, at which stage, and what the account may do',
        response: { 200: MeSchema, ...errors },
      },
      handler: async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const s = request.session;
        return {
          signedIn: request.principal !== null,
          stage: s?.stage ?? null,
          csrfToken: s?.csrfToken ?? null,
          user: s ? presentUser(s.user) : null,
          permissions: POLICY_ACTIONS_LIST.filter((a) => decide(request.principal, a).allowed),
        };
      },
    }),

    route({
      method: 'POST',
      url: '/api/auth/password-reset',
      operationId: 'requestPasswordReset',
      policy: 'session.open',
      ...limited,
      schema: {
        tags,
        summary: 'Ask for a password reset link (the answer is the same whether the email is known or not)',
        body: PasswordResetInputSchema,
        response: { 202: PasswordResetAnswerSchema, ...errors },
      },
      handler: async (request, reply) => {
        // Every email gets its answer before any work is done for it: the answer cannot tell known from unknown
        // emails by its timing. The work's failures go to the log.
        const ctx = deps.context(request);
        const email = request.body.email;
        afterAnswer(() =>
          requestPasswordReset(ctx, email, links).catch((err: unknown) =>
            deps.log('a password reset could not be prepared', err),
          ),
        );
        return reply
          .code(202)
          .send({ detail: 'if an active account has this email, a link to reset its password was sent' });
      },
    }),

    ...(
      [
        ['/api/auth/password-reset/confirm', 'password_reset', 'Choose a new password with a reset link'],
        ['/api/auth/invitation/accept', 'invitation', 'Accept an invitation: choose a password'],
      ] as const
    ).map(([path, purpose, summary]) =>
      route({
        method: 'POST',
        url: path,
        operationId: purpose === 'invitation' ? 'acceptInvitation' : 'resetPassword',
        policy: 'session.open',
        ...limited,
        schema: {
          tags,
          summary,
          body: PasswordWithLinkInputSchema,
          response: { 204: z.null(), ...errors },
        },
        handler: async (request, reply) => {
          await setPasswordWithLink(
            deps.context(request),
            purpose,
            request.body.token,
            request.body.password,
          );
          return reply.code(204).send(null);
        },
      }),
    ),

    route({
      method: 'GET',
      url: '/api/users',
      operationId: 'listUsers',
      policy: 'users.manage',
      schema: {
        tags: admin,
        summary: 'Users',
        response: { 200: UsersSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        await auditRead(ctx, 'read.users', 'user');
        reply.header('cache-control', 'no-store');
        return { users: await presentAdminUsers(ctx, await listUsers(ctx.store.db)) };
      },
    }),

    route({
      method: 'POST',
      url: '/api/users/:userId/unlock',
      operationId: 'unlockUser',
      policy: 'users.manage',
      schema: {
        tags: admin,
        summary: "Lift an account's sign-in lock and forget its failed attempts",
        params: UserIdParamsSchema,
        response: { 200: AdminUserSchema, ...errors },
      },
      handler: async (request) => unlockUser(deps.context(request), request.params.userId),
    }),

    route({
      method: 'POST',
      url: '/api/users',
      operationId: 'inviteUser',
      policy: 'users.manage',
      schema: {
        tags: admin,
        summary: 'Invite a user: an invitation link is sent by mail',
        body: NewUserSchema,
        response: { 201: UserSchema, ...errors },
      },
      handler: async (request, reply) => {
        const { user } = await createUser(deps.context(request), request.body, links);
        return reply.code(201).send(user);
      },
    }),

    route({
      method: 'PATCH',
      url: '/api/users/:userId',
      operationId: 'updateUser',
      policy: 'users.manage',
      schema: {
        tags: admin,
        summary: "Change a user's name, role, States, donors or status; the user's sessions end",
        params: UserIdParamsSchema,
        body: UserChangesSchema,
        response: { 200: UserSchema, ...errors },
      },
      handler: async (request) => changeUser(deps.context(request), request.params.userId, request.body),
    }),

    route({
      method: 'GET',
      url: '/api/tokens',
      operationId: 'listApiTokens',
      policy: 'tokens.manage',
      schema: {
        tags: admin,
        summary: 'API tokens (never their secret)',
        response: { 200: TokensSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        await auditRead(ctx, 'read.tokens', 'token');
        reply.header('cache-control', 'no-store');
        return { tokens: await listTokenViews(ctx) };
      },
    }),

    route({
      method: 'POST',
      url: '/api/tokens',
      operationId: 'issueApiToken',
      policy: 'tokens.manage',
      schema: {
        tags: admin,
        summary: 'Issue an API token for a machine client; its secret is shown once',
        body: NewTokenSchema,
        response: { 201: IssuedTokenSchema, ...errors },
      },
      handler: async (request, reply) => {
        const { token, view } = await issueToken(deps.context(request), request.body);
        return reply.code(201).send({ token, details: view });
      },
    }),

    route({
      method: 'DELETE',
      url: '/api/tokens/:tokenId',
      operationId: 'revokeApiToken',
      policy: 'tokens.manage',
      schema: {
        tags: admin,
        summary: 'Revoke an API token',
        params: TokenIdParamsSchema,
        response: { 200: TokenSchema, ...errors },
      },
      handler: async (request) => revokeTokenById(deps.context(request), request.params.tokenId),
    }),

    route({
      method: 'GET',
      url: '/api/audit',
      operationId: 'listAuditTrail',
      policy: 'audit.read',
      schema: {
        tags: admin,
        summary: 'The audit trail, in order, from a sequence number',
        querystring: AuditQuerySchema,
        response: { 200: AuditRowsSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const { limit, cursor } = request.query;
        const after = decodeCursor(cursor, ['int'] as const)?.[0] ?? request.query.after;
        await auditRead(ctx, 'read.audit', 'audit_log', { after, limit });
        const page = pageOf(await listAuditRows(ctx.store.db, after, limit + 1), limit, (r) => [
          Number(r.seq),
        ]);
        const next = nextLink(request.url, limit, page.cursor, ['after']);
        return { rows: page.items, next: withNextLink(reply, next) };
      },
    }),

    route({
      method: 'GET',
      url: '/api/audit/verification',
      operationId: 'verifyAuditChain',
      policy: 'audit.read',
      schema: {
        tags: admin,
        summary: 'Walk the audit chain and report the first broken row',
        response: { 200: AuditVerificationSchema, ...errors },
      },
      handler: async (request) => verifyAudit(deps.context(request).store.db),
    }),
  ];
}
