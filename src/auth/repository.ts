// The only place with SQL for accounts, sessions, tokens and one-time links.
import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.ts';
import type { Db } from '../db/schema.ts';
import type { Role } from './domain/policy.ts';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'active' | 'disabled';
  passwordHash: string | null;
  mfaSecret: string | null;
  mfaEnabled: boolean;
  mfaLastStep: number | null;
  states: string[];
  donors: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Scopes {
  states: string[];
  donors: string[];
}

function toUser(r: Selectable<UsersTable>, scopes: Scopes): User {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    status: r.status as User['status'],
    passwordHash: r.password_hash,
    mfaSecret: r.mfa_secret,
    mfaEnabled: r.mfa_enabled === 1,
    mfaLastStep: r.mfa_last_step,
    states: scopes.states,
    donors: scopes.donors,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadScopes(db: Db, kind: 'user' | 'token', id: string): Promise<Scopes> {
  const rows = await db
    .selectFrom('scopes')
    .select(['kind', 'ref'])
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', id)
    .orderBy('ref')
    .execute();
  return {
    states: rows.filter((r) => r.kind === 'state').map((r) => r.ref),
    donors: rows.filter((r) => r.kind === 'donor').map((r) => r.ref),
  };
}

export async function replaceScopes(
  db: Db,
  kind: 'user' | 'token',
  id: string,
  scopes: Scopes,
): Promise<void> {
  await db.deleteFrom('scopes').where('principal_kind', '=', kind).where('principal_id', '=', id).execute();
  for (const ref of scopes.states) {
    await db
      .insertInto('scopes')
      .values({ principal_kind: kind, principal_id: id, kind: 'state', ref })
      .execute();
  }
  for (const ref of scopes.donors) {
    await db
      .insertInto('scopes')
      .values({ principal_kind: kind, principal_id: id, kind: 'donor', ref })
      .execute();
  }
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row, await loadScopes(db, 'user', row.id)) : null;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row, await loadScopes(db, 'user', row.id)) : null;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  const out: User[] = [];
  for (const r of rows) out.push(toUser(r, await loadScopes(db, 'user', r.id)));
  return out;
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUser(db: Db, u: User): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email.toLowerCase(),
      display_name: u.displayName,
      role: u.role,
      status: u.status,
      password_hash: u.passwordHash,
      mfa_secret: u.mfaSecret,
      mfa_enabled: u.mfaEnabled ? 1 : 0,
      mfa_last_step: u.mfaLastStep,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
    })
    .execute();
  await replaceScopes(db, 'user', u.id, u);
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      User,
      'displayName' | 'role' | 'status' | 'passwordHash' | 'mfaSecret' | 'mfaEnabled' | 'mfaLastStep'
    >
  >,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.mfaSecret !== undefined ? { mfa_secret: changes.mfaSecret } : {}),
      ...(changes.mfaEnabled !== undefined ? { mfa_enabled: changes.mfaEnabled ? 1 : 0 } : {}),
      ...(changes.mfaLastStep !== undefined ? { mfa_last_step: changes.mfaLastStep } : {}),
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Spends a TOTP time step atomically (and confirms enrolment): of two requests with the same code, only one
 * moves the step forward. `sealedSecret` replaces a secret stored in plain text before sealing existed.
 * Says whether this request spent it.
 */
export async function spendMfaStep(
  db: Db,
  id: string,
  step: number,
  sealedSecret: string | null,
  updatedAt: string,
): Promise<boolean> {
  const spent = await db
    .updateTable('users')
    .set({
      mfa_enabled: 1,
      mfa_last_step: step,
      updated_at: updatedAt,
      ...(sealedSecret === null ? {} : { mfa_secret: sealedSecret }),
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

// Sessions

export interface SessionRow {
  idHash: string;
  userId: string;
  csrfToken: string;
  mfaVerified: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export async function insertSession(
  db: Db,
  s: SessionRow & { userAgent: string | null; ip: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      mfa_verified: s.mfaVerified ? 1 : 0,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      revoked_at: null,
      user_agent: s.userAgent,
      ip: s.ip,
    })
    .execute();
}

export async function findSession(db: Db, idHash: string): Promise<SessionRow | null> {
  const r = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  return r
    ? {
        idHash: r.id_hash,
        userId: r.user_id,
        csrfToken: r.csrf_token,
        mfaVerified: r.mfa_verified === 1,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
      }
    : null;
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function revokeSession(db: Db, idHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

// API tokens

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  states: string[];
  donors: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export async function insertToken(db: Db, t: ApiToken, tokenHash: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      name: t.name,
      token_hash: tokenHash,
      role: t.role,
      created_by: t.createdBy,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .execute();
  await replaceScopes(db, 'token', t.id, t);
}

async function toToken(db: Db, r: Selectable<import('../db/schema.ts').ApiTokensTable>): Promise<ApiToken> {
  const scopes = await loadScopes(db, 'token', r.id);
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    states: scopes.states,
    donors: scopes.donors,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function findTokenByHash(db: Db, tokenHash: string): Promise<ApiToken | null> {
  const r = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r ? toToken(db, r) : null;
}

export async function findToken(db: Db, id: string): Promise<ApiToken | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toToken(db, r) : null;
}

export async function listTokens(db: Db): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
  const out: ApiToken[] = [];
  for (const r of rows) out.push(await toToken(db, r));
  return out;
}

export async function revokeToken(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes the live tokens an account issued; returns their ids, for the audit trail. */
export async function revokeTokensIssuedBy(db: Db, userId: string, at: string): Promise<string[]> {
  return revokeTokensCreatedBy(db, `user:${userId}`, at);
}

/** Revokes the live tokens an actor (`user:<id>` or `token:<id>`) issued; returns their ids. */
export async function revokeTokensCreatedBy(db: Db, actor: string, at: string): Promise<string[]> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('created_by', '=', actor)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort();
}

export async function markTokenUsed(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

// One-time links

export async function insertLink(
  db: Db,
  l: {
    idHash: string;
    userId: string;
    purpose: 'invitation' | 'password_reset';
    createdAt: string;
    expiresAt: string;
  },
): Promise<void> {
  await db
    .insertInto('one_time_links')
    .values({
      id_hash: l.idHash,
      user_id: l.userId,
      purpose: l.purpose,
      created_at: l.createdAt,
      expires_at: l.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findLink(db: Db, idHash: string) {
  return db.selectFrom('one_time_links').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

/** Marks a link used; returns false when it was used already (two clicks racing: only one wins). */
export async function useLink(db: Db, idHash: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('one_time_links')
    .set({ used_at: at })
    .where('id_hash', '=', idHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Spends every unused link of an account: after a new password, no older reset or invitation link works. */
export async function spendUserLinks(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('one_time_links')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Accounts whose TOTP secret is still stored in plain text (from before secrets were sealed). */
export async function listPlainMfaSecrets(db: Db): Promise<Array<{ id: string; secret: string }>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'mfa_secret'])
    .where('mfa_secret', 'is not', null)
    .where('mfa_secret', 'not like', 'v1:%')
    .execute();
  return rows.map((r) => ({ id: r.id, secret: r.mfa_secret as string }));
}

export async function replaceMfaSecret(db: Db, id: string, from: string, to: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ mfa_secret: to })
    .where('id', '=', id)
    .where('mfa_secret', '=', from)
    .execute();
}
