// HTTP routes for accounts, sessions, MFA, API tokens and the audit trail.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, listAuditRows, verifyAudit } from '../audit/audit-log.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError } from '../common/errors.ts';
import { ProblemSchema } from '../treaties/contract.ts';
import { decide, POLICY_ACTIONS_LIST, ROLES } from './domain/policy.ts';
import { clearSessionCookie, setSessionCookie } from './http.ts';
import { PASSWORD_MAX } from './passwords.ts';
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

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
};
const Email = z.email().max(254);
const Password = z.string().min(1).max(PASSWORD_MAX);
const Role = z.enum(ROLES);
const StateCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter participant code');
const DonorRef = z.string().trim().min(1).max(100);
const Stage = z.enum(['signed_in', 'mfa_required', 'mfa_enrolment_required']);

const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    status: z.enum(['invited', 'active', 'disabled']),
    mfaEnabled: z.boolean(),
    states: z.array(z.string()),
    donors: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' });

const AdminUserSchema = UserSchema.extend({
  signIn: z.object({
    failures: z
      .number()
      .meta({ description: 'failed sign-ins and wrong codes in a row, forgotten after a day' }),
    lastFailureAt: z.string().nullable(),
    lockedUntil: z.string().nullable().meta({ description: 'the account backs off until then (429)' }),
  }),
}).meta({ id: 'AdminUser' });

const SessionAnswer = z.object({ stage: Stage, csrfToken: z.string(), user: UserSchema });

const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    states: z.array(z.string()),
    donors: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

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
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Accounts and sessions'];
  const limited =
    deps.signInPerMinute === false ? {} : { rateLimit: { max: deps.signInPerMinute, timeWindow: 60_000 } };
  const links = { mailer: deps.mailer, publicUrl: deps.publicUrl, log: deps.log };
  const afterAnswer =
    deps.afterAnswer ?? ((work: () => Promise<void>) => void setImmediate(() => void work()));

  r.post(
    '/api/auth/login',
    {
      config: { policy: 'session.open', ...limited },
      schema: {
        tags,
        summary: 'Sign in with email and password; a session cookie is set',
        description:
          'Secretariat roles then verify a code from their authenticator (POST /api/auth/mfa/verify), or enrol one first.',
        body: z.strictObject({ email: Email, password: Password }),
        response: { 200: SessionAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const session = await signIn(deps.context(request), request.body, meta(request), deps.sessionPolicy);
      setSessionCookie(reply, session, deps.sessionPolicy);
      return { stage: session.stage, csrfToken: session.csrfToken, user: session.user };
    },
  );

  r.post(
    '/api/auth/mfa/enrol',
    {
      config: { policy: 'session.open' },
      schema: {
        tags,
        summary: 'Start enrolling an authenticator: the secret to scan, shown once',
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }), ...errors },
      },
    },
    async (request) => beginMfaEnrolment(deps.context(request), requireSession(request)),
  );

  r.post(
    '/api/auth/mfa/verify',
    {
      config: { policy: 'session.open', ...limited },
      schema: {
        tags,
        summary:
          'Verify a code from the authenticator (at sign-in, or to confirm enrolment); the session id changes',
        body: z.strictObject({
          code: z.string().regex(/^\d{6}$/, 'must be the 6 digits shown by the authenticator'),
        }),
        response: { 200: SessionAnswer, ...errors },
      },
    },
    async (request, reply) => {
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
  );

  r.post(
    '/api/auth/logout',
    {
      config: { policy: 'session.open' },
      schema: {
        tags,
        summary: 'Sign out: the session is revoked on the server',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (request.session) await signOut(deps.context(request), request.session);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { policy: 'session.open' },
      schema: {
        tags,
        summary: 'Who is signed in, at which stage, and what the account may do',
        response: {
          200: z.object({
            signedIn: z.boolean(),
            stage: Stage.nullable(),
            csrfToken: z.string().nullable(),
            user: UserSchema.nullable(),
            permissions: z.array(z.string()),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
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
  );

  r.post(
    '/api/auth/password-reset',
    {
      config: { policy: 'session.open', ...limited },
      schema: {
        tags,
        summary: 'Ask for a password reset link (the answer is the same whether the email is known or not)',
        body: z.strictObject({ email: Email }),
        response: { 202: z.object({ detail: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
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
  );

  for (const [path, purpose, summary] of [
    ['/api/auth/password-reset/confirm', 'password_reset', 'Choose a new password with a reset link'],
    ['/api/auth/invitation/accept', 'invitation', 'Accept an invitation: choose a password'],
  ] as const) {
    r.post(
      path,
      {
        config: { policy: 'session.open', ...limited },
        schema: {
          tags,
          summary,
          body: z.strictObject({ token: z.string().min(20).max(200), password: Password }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await setPasswordWithLink(deps.context(request), purpose, request.body.token, request.body.password);
        return reply.code(204).send(null);
      },
    );
  }

  const admin = ['Administration'];

  r.get(
    '/api/users',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: admin,
        summary: 'Users',
        response: { 200: z.object({ users: z.array(AdminUserSchema) }), ...errors },
      },
    },
    async (request, reply) => {
      const ctx = deps.context(request);
      await auditRead(ctx, 'read.users', 'user');
      reply.header('cache-control', 'no-store');
      return { users: await presentAdminUsers(ctx, await listUsers(ctx.store.db)) };
    },
  );

  r.post(
    '/api/users/:userId/unlock',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: admin,
        summary: "Lift an account's sign-in lock and forget its failed attempts",
        params: z.strictObject({ userId: z.uuid() }),
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) => unlockUser(deps.context(request), request.params.userId),
  );

  r.post(
    '/api/users',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: admin,
        summary: 'Invite a user: an invitation link is sent by mail',
        body: z.strictObject({
          email: Email,
          displayName: z.string().trim().min(1).max(200),
          role: Role,
          states: z.array(StateCode).max(60).optional(),
          donors: z.array(DonorRef).max(20).optional(),
        }),
        response: { 201: UserSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { user } = await createUser(deps.context(request), request.body, links);
      return reply.code(201).send(user);
    },
  );

  r.patch(
    '/api/users/:userId',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: admin,
        summary: "Change a user's name, role, States, donors or status; the user's sessions end",
        params: z.strictObject({ userId: z.uuid() }),
        body: z.strictObject({
          displayName: z.string().trim().min(1).max(200).optional(),
          role: Role.optional(),
          status: z.enum(['active', 'disabled']).optional(),
          states: z.array(StateCode).max(60).optional(),
          donors: z.array(DonorRef).max(20).optional(),
        }),
        response: { 200: UserSchema, ...errors },
      },
    },
    async (request) => changeUser(deps.context(request), request.params.userId, request.body),
  );

  r.get(
    '/api/tokens',
    {
      config: { policy: 'tokens.manage' },
      schema: {
        tags: admin,
        summary: 'API tokens (never their secret)',
        response: { 200: z.object({ tokens: z.array(TokenSchema) }), ...errors },
      },
    },
    async (request, reply) => {
      const ctx = deps.context(request);
      await auditRead(ctx, 'read.tokens', 'token');
      reply.header('cache-control', 'no-store');
      return { tokens: await listTokenViews(ctx) };
    },
  );

  r.post(
    '/api/tokens',
    {
      config: { policy: 'tokens.manage' },
      schema: {
        tags: admin,
        summary: 'Issue an API token for a machine client; its secret is shown once',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          role: Role,
          states: z.array(StateCode).max(60).optional(),
          donors: z.array(DonorRef).max(20).optional(),
          expiresAt: z.iso.datetime().optional(),
        }),
        response: { 201: z.object({ token: z.string(), details: TokenSchema }), ...errors },
      },
    },
    async (request, reply) => {
      const { token, view } = await issueToken(deps.context(request), request.body);
      return reply.code(201).send({ token, details: view });
    },
  );

  r.delete(
    '/api/tokens/:tokenId',
    {
      config: { policy: 'tokens.manage' },
      schema: {
        tags: admin,
        summary: 'Revoke an API token',
        params: z.strictObject({ tokenId: z.uuid() }),
        response: { 200: TokenSchema, ...errors },
      },
    },
    async (request) => revokeTokenById(deps.context(request), request.params.tokenId),
  );

  r.get(
    '/api/audit',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags: admin,
        summary: 'The audit trail, in order, from a sequence number',
        querystring: z.strictObject({
          after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ rows: z.array(z.record(z.string(), z.unknown())) }), ...errors },
      },
    },
    async (request, reply) => {
      const ctx = deps.context(request);
      await auditRead(ctx, 'read.audit', 'audit_log', {
        after: request.query.after,
        limit: request.query.limit,
      });
      return { rows: await listAuditRows(ctx.store.db, request.query.after, request.query.limit) };
    },
  );

  r.get(
    '/api/audit/verification',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags: admin,
        summary: 'Walk the audit chain and report the first broken row',
        response: {
          200: z.object({
            ok: z.boolean(),
            rows: z.number(),
            broken: z.object({ seq: z.number(), reason: z.string() }).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => verifyAudit(deps.context(request).store.db),
  );
}
