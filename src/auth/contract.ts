// The wire contract of accounts, sessions, API tokens and the audit trail: zod schemas shared by the API
// and (types only) the web.
import { z } from 'zod';
import { MAX_ID } from '../common/contract.ts';
import { NextLinkSchema, pageQueryShape } from '../common/paging.ts';
import { ROLES } from './domain/policy.ts';

/** The longest password accepted (the form and the API refuse longer ones). */
export const PASSWORD_MAX = 128;

export const EmailSchema = z.email().max(254);
export const PasswordSchema = z.string().min(1).max(PASSWORD_MAX);
export const RoleSchema = z.enum(ROLES);
const StateCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter participant code');
const DonorRef = z.string().trim().min(1).max(100);
export const SessionStageSchema = z.enum(['signed_in', 'mfa_required', 'mfa_enrolment_required']);
const States = z.array(StateCode).max(60).optional();
const Donors = z.array(DonorRef).max(20).optional();

// Requests

export const LoginInputSchema = z.strictObject({ email: EmailSchema, password: PasswordSchema });
export const MfaCodeInputSchema = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'must be the 6 digits shown by the authenticator'),
});
export const PasswordResetInputSchema = z.strictObject({ email: EmailSchema });
export const PasswordWithLinkInputSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: PasswordSchema,
});
export const UserIdParamsSchema = z.strictObject({ userId: z.uuid() });
export const NewUserSchema = z.strictObject({
  email: EmailSchema,
  displayName: z.string().trim().min(1).max(200),
  role: RoleSchema,
  states: States,
  donors: Donors,
});
export const UserChangesSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  states: States,
  donors: Donors,
});
export const NewTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: RoleSchema,
  states: States,
  donors: Donors,
  expiresAt: z.iso.datetime().optional(),
});
export const TokenIdParamsSchema = z.strictObject({ tokenId: z.uuid() });
export const AuditQuerySchema = z.strictObject({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_ID)
    .default(0)
    .meta({ description: 'the rows after this sequence number (a `cursor` from `next` takes precedence)' }),
  ...pageQueryShape(),
});

// Responses

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    status: z.enum(['invited', 'active', 'disabled']),
    mfaEnabled: z.boolean(),
    states: z.array(z.string()),
    donors: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' });

export const AdminUserSchema = UserSchema.extend({
  signIn: z.object({
    failures: z
      .number()
      .meta({ description: 'failed sign-ins and wrong codes in a row, forgotten after a day' }),
    lastFailureAt: z.string().nullable(),
    lockedUntil: z.string().nullable().meta({ description: 'the account backs off until then (429)' }),
  }),
}).meta({ id: 'AdminUser' });

/** The answer to sign-in and to the second factor: where the session stands. */
export const SessionAnswerSchema = z.object({
  stage: SessionStageSchema,
  csrfToken: z.string(),
  user: UserSchema,
});

export const MfaEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });

export const MeSchema = z.object({
  signedIn: z.boolean(),
  stage: SessionStageSchema.nullable(),
  csrfToken: z.string().nullable(),
  user: UserSchema.nullable(),
  permissions: z.array(z.string()),
});

export const PasswordResetAnswerSchema = z.object({ detail: z.string() });

export const UsersSchema = z.object({ users: z.array(AdminUserSchema) });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    states: z.array(z.string()),
    donors: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const TokensSchema = z.object({ tokens: z.array(TokenSchema) });
export const IssuedTokenSchema = z.object({ token: z.string(), details: TokenSchema });

export const AuditRowsSchema = z.object({
  rows: z.array(z.record(z.string(), z.unknown())),
  next: NextLinkSchema,
});
export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  rows: z.number(),
  broken: z.object({ seq: z.number(), reason: z.string() }).nullable(),
});

export type UserView = z.infer<typeof UserSchema>;
export type AdminUserView = z.infer<typeof AdminUserSchema>;
export type SessionStage = z.infer<typeof SessionStageSchema>;
export type TokenView = z.infer<typeof TokenSchema>;
