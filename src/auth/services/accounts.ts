// Accounts: create (the first administrator from the CLI, the others by invitation), change, disable;
// invitation and password reset by one-time link. Every change is audited.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import type { Db } from '../../db/schema.ts';
import { decide, type Role } from '../domain/policy.ts';
import { hashPassword, passwordProblem } from '../passwords.ts';
import type { UserView } from '../contract.ts';
import type { ScopeTargets } from '../scope-targets.ts';
import {
  findLink,
  findUserByEmail,
  findUserById,
  insertLink,
  insertUser,
  replaceScopes,
  revokeTokensIssuedBy,
  revokeUserSessions,
  spendUserLinks,
  updateUser,
  useLink,
  type Scopes,
  type User,
} from '../repository.ts';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** Development mailer: the message, link included, goes to the log. */
export function logMailer(log: (line: string) => void): Mailer {
  return {
    send: async (m) => log(`mail to ${m.to}: ${m.subject}\n${m.text}`),
  };
}

/** Mail through the SMTP server of an `smtp://user:pass@host:port` (or smtps://) URL. */
export function smtpMailer(url: string, from: string): Mailer {
  // The mail library is loaded with the first mail, not at start-up: most commands never send one.
  let transport: Promise<Transporter> | null = null;
  return {
    send: async (m) => {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url));
      await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/**
 * Mail goes out after the answer: a slow or failing mail server must not make the answer to a known email
 * slower or different from the answer to an unknown one. Failures go to the log.
 */
export function sendLater(links: Links, message: { to: string; subject: string; text: string }): void {
  void links.mailer
    .send(message)
    .catch((err: unknown) => links.log?.(`mail to ${message.to} could not be sent`, err));
}

export interface Links {
  mailer: Mailer;
  publicUrl: string;
  log?: (message: string, err: unknown) => void;
}

export const INVITATION_HOURS = 72;
export const RESET_MINUTES = 60;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What leaves the server about a user: never the password hash or the MFA secret. */
export function presentUser(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    status: u.status,
    mfaEnabled: u.mfaEnabled,
    states: u.states,
    donors: u.donors,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
export type { UserView };

/** A role's scope must fit it: focal points act for existing States, donor accounts for donors, others for none. */
export async function checkScopes(
  db: Db,
  targets: ScopeTargets | undefined,
  role: Role,
  scopes: Scopes,
): Promise<void> {
  if (role === 'focal_point' && scopes.states.length === 0) {
    throw new DomainError('validation', 'a focal point acts for at least one State', { field: 'states' });
  }
  if (role === 'donor' && scopes.donors.length === 0) {
    throw new DomainError('validation', 'a donor account acts for at least one donor', { field: 'donors' });
  }
  if (role !== 'focal_point' && scopes.states.length > 0) {
    throw new DomainError('validation', 'only focal points act for States', { field: 'states' });
  }
  if (role !== 'donor' && scopes.donors.length > 0) {
    throw new DomainError('validation', 'only donor accounts act for donors', { field: 'donors' });
  }
  if (scopes.states.length === 0 && scopes.donors.length === 0) return;
  if (!targets)
    throw new Error('a scope naming States or donors is checked with scopeTargets in the context');
  for (const [i, state] of scopes.states.entries()) {
    if (!(await targets.participantExists(db, state))) {
      throw new DomainError('not_found', `participant "${state}" does not exist`, { field: `states.${i}` });
    }
  }
  // A donor account for a donor the Fund does not know would see nothing, silently (a typo in the id):
  // the donor is recorded first (POST /api/fund/donors), then accounts act for it.
  for (const [i, donor] of scopes.donors.entries()) {
    if (!(await targets.donorExists(db, donor))) {
      throw new DomainError('not_found', `donor "${donor}" does not exist; record the donor first`, {
        field: `donors.${i}`,
      });
    }
  }
}

export interface NewUserInput {
  email: string;
  displayName: string;
  role: Role;
  states?: string[];
  donors?: string[];
  /** Set directly (CLI bootstrap); otherwise the user receives an invitation link to choose one. */
  password?: string;
}

export async function createUser(
  ctx: ServiceContext,
  input: NewUserInput,
  links: Links,
): Promise<{ user: UserView; invitationUrl: string | null }> {
  const email = input.email.trim().toLowerCase();
  const scopes = {
    states: [...new Set(input.states ?? [])].sort(),
    donors: [...new Set(input.donors ?? [])].sort(),
  };
  await checkScopes(ctx.store.db, ctx.scopeTargets, input.role, scopes);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, email);
    if (problem) throw new DomainError('validation', `password ${problem}`, { field: 'password' });
  }
  const now = ctx.clock.now();
  const user: User = {
    id: randomUUID(),
    email,
    displayName: input.displayName,
    role: input.role,
    status: input.password !== undefined ? 'active' : 'invited',
    passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
    mfaSecret: null,
    mfaEnabled: false,
    mfaLastStep: null,
    ...scopes,
    createdAt: now,
    updatedAt: now,
  };
  const secret = input.password === undefined ? newSecret() : null;
  await ctx.store.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) {
      throw new DomainError('conflict', `a user with email ${email} already exists`, { field: 'email' });
    }
    await insertUser(trx, user);
    if (secret) {
      const expires = new Date(Date.parse(now) + INVITATION_HOURS * 3_600_000).toISOString();
      await insertLink(trx, {
        idHash: hashSecret(secret),
        userId: user.id,
        purpose: 'invitation',
        createdAt: now,
        expiresAt: expires,
      });
    }
    await audit(ctx, trx, {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: presentUser(user),
    });
  });
  let invitationUrl: string | null = null;
  if (secret) {
    invitationUrl = `${links.publicUrl}/account/invitation#${secret}`;
    sendLater(links, {
      to: email,
      subject: 'Your Palermo account',
      text: `An account was created for you on Palermo. Choose your password within ${INVITATION_HOURS} hours:\n${invitationUrl}\n`,
    });
  }
  return { user: presentUser(user), invitationUrl };
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
  states?: string[] | undefined;
  donors?: string[] | undefined;
}

export async function changeUser(ctx: ServiceContext, id: string, changes: UserChanges): Promise<UserView> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new DomainError('not_found', `user ${id} does not exist`, { field: 'id' });
    if (
      before.id === ctx.principal?.userId &&
      (changes.role !== undefined || changes.status === 'disabled')
    ) {
      throw new DomainError('conflict', 'administrators cannot change their own role or disable themselves', {
        field: 'role',
      });
    }
    const role = changes.role ?? before.role;
    const scopes = { states: changes.states ?? before.states, donors: changes.donors ?? before.donors };
    // Inside the transaction: on SQLite it holds the only connection, so reading outside it would wait for ever.
    await checkScopes(trx, ctx.scopeTargets, role, scopes);
    if (changes.status === 'active' && before.status === 'invited') {
      throw new DomainError('conflict', 'an invited user becomes active by accepting the invitation', {
        field: 'status',
      });
    }
    const now = ctx.clock.now();
    await updateUser(
      trx,
      id,
      { displayName: changes.displayName, role: changes.role, status: changes.status },
      now,
    );
    await replaceScopes(trx, 'user', id, scopes);
    // A change of role, scope or status takes effect at once: the user signs in again.
    if (changes.role !== undefined || changes.status === 'disabled' || changes.states || changes.donors) {
      await revokeUserSessions(trx, id, now);
    }
    const after = (await findUserById(trx, id)) as User;
    await revokeOrphanedTokens(ctx, trx, after, now);
    await audit(ctx, trx, {
      action: 'user.change',
      entity: 'user',
      entityId: id,
      before: presentUser(before),
      after: presentUser(after),
    });
    return presentUser(after);
  });
}

/**
 * A token is worth no more than the account that issued it: when that account is disabled or can no longer
 * manage tokens, its tokens are revoked, each with its row in the audit trail. (They are also refused at
 * authentication, sessions.ts, should a change ever bypass this.)
 */
async function revokeOrphanedTokens(ctx: ServiceContext, trx: Db, user: User, now: string): Promise<void> {
  const entitled =
    user.status === 'active' &&
    decide({ userId: user.id, role: user.role, states: [], donors: [], via: 'session' }, 'tokens.manage')
      .allowed;
  if (entitled) return;
  for (const tokenId of await revokeTokensIssuedBy(trx, user.id, now)) {
    await audit(ctx, trx, {
      action: 'token.revoke',
      entity: 'token',
      entityId: tokenId,
      after: {
        revokedAt: now,
        reason: `its issuer ${user.id} was ${user.status === 'active' ? `made ${user.role}` : user.status}`,
      },
    });
  }
}

/** Spends a one-time link and sets the password (invitation: also activates the account). */
export async function setPasswordWithLink(
  ctx: ServiceContext,
  purpose: 'invitation' | 'password_reset',
  secret: string,
  password: string,
): Promise<void> {
  const idHash = hashSecret(secret);
  await ctx.store.db.transaction().execute(async (trx) => {
    const link = await findLink(trx, idHash);
    const now = ctx.clock.now();
    if (!link || link.purpose !== purpose || link.used_at !== null || link.expires_at <= now) {
      throw new DomainError(
        'validation',
        'this link is not valid: it may have expired or been used already',
        { field: 'token' },
      );
    }
    const user = await findUserById(trx, link.user_id);
    if (!user || user.status === 'disabled') {
      throw new DomainError(
        'validation',
        'this link is not valid: it may have expired or been used already',
        { field: 'token' },
      );
    }
    const problem = passwordProblem(password, user.email);
    if (problem) throw new DomainError('validation', `password ${problem}`, { field: 'password' });
    if (!(await useLink(trx, idHash, now))) {
      throw new DomainError(
        'validation',
        'this link is not valid: it may have expired or been used already',
        { field: 'token' },
      );
    }
    await updateUser(trx, user.id, { passwordHash: await hashPassword(password), status: 'active' }, now);
    // Older links (another reset asked for, a mailbox someone else reads) are spent with this one.
    await spendUserLinks(trx, user.id, now);
    await revokeUserSessions(trx, user.id, now);
    await audit({ ...ctx, actor: `user:${user.id}` }, trx, {
      action: purpose === 'invitation' ? 'user.accept_invitation' : 'user.reset_password',
      entity: 'user',
      entityId: user.id,
    });
  });
}

/**
 * A known active user gets a link by mail; an unknown email, nothing. Run after the answer (routes.ts), so
 * the answer cannot be faster for unknown emails than for known ones.
 */
export async function requestPasswordReset(ctx: ServiceContext, email: string, links: Links): Promise<void> {
  const user = await findUserByEmail(ctx.store.db, email.trim().toLowerCase());
  if (!user || user.status !== 'active') return;
  const secret = newSecret();
  const now = ctx.clock.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertLink(trx, {
      idHash: hashSecret(secret),
      userId: user.id,
      purpose: 'password_reset',
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + RESET_MINUTES * 60_000).toISOString(),
    });
    await audit({ ...ctx, actor: `user:${user.id}` }, trx, {
      action: 'user.request_reset',
      entity: 'user',
      entityId: user.id,
    });
  });
  sendLater(links, {
    to: user.email,
    subject: 'Reset your Palermo password',
    text: `Someone asked to reset the password of this account. If it was you, choose a new one within ${RESET_MINUTES} minutes:\n${links.publicUrl}/account/reset#${secret}\nOtherwise ignore this message.\n`,
  });
}
