// TOTP secrets are sealed (AES-256-GCM) with a key kept outside the database: a copy of the database gives
// no second factor. Secrets stored in plain text before keep working and are sealed at their next use. The
// key comes from PALERMO_SECRET_KEY, a key file, or a file made beside the SQLite database (mode 0600).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSecretKey } from '../../src/auth/secret-box.ts';
import { newTotpSecret } from '../../src/auth/totp.ts';
import { openStore } from '../../src/db/database.ts';
import {
  activeUser,
  codeAt,
  createAuthApp,
  enrol,
  login,
  MINUTE,
  verifyRequest,
  type AuthApp,
} from './helpers.ts';

let t: AuthApp;
beforeAll(async () => {
  t = await createAuthApp();
});
afterAll(async () => {
  await t?.close();
});

const storedSecret = async (id: string) =>
  (await t.store.db.selectFrom('users').select('mfa_secret').where('id', '=', id).executeTakeFirstOrThrow())
    .mfa_secret;

describe('TOTP secrets in the database', () => {
  it('are sealed: the stored value does not hold the secret, and codes still work', async () => {
    const admin = await activeUser(t, 'admin');
    const { secret } = await enrol(t, await login(t, admin));
    const stored = await storedSecret(admin.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    t.time.advance(MINUTE);
    const s = await login(t, admin);
    expect((await verifyRequest(t, s, codeAt(secret, t.time))).statusCode).toBe(200);
  });

  it('stored in plain text before, still work and are sealed at their next use', async () => {
    const admin = await activeUser(t, 'admin');
    const secret = newTotpSecret();
    await t.store.db
      .updateTable('users')
      .set({ mfa_secret: secret, mfa_enabled: 1 })
      .where('id', '=', admin.id)
      .execute();
    t.time.advance(MINUTE);
    const s = await login(t, admin);
    expect((await verifyRequest(t, s, codeAt(secret, t.time))).statusCode).toBe(200);
    expect(await storedSecret(admin.id)).toMatch(/^v1:/);
  });
});

describe('the secret key', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'palermo-key-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made beside the SQLite file at the first start, readable by its owner only, and kept', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'palermo.db') });
    try {
      const first = prepareSecretKey(store, {});
      const mode = statSync(join(dir, 'palermo.db.key')).mode & 0o777;
      expect(mode).toBe(0o600);
      expect(prepareSecretKey(store, {}).equals(first)).toBe(true);
      const fromEnv = prepareSecretKey(store, { PALERMO_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') });
      expect(fromEnv.equals(Buffer.alloc(32, 7))).toBe(true);
      expect(() => prepareSecretKey(store, { PALERMO_SECRET_KEY: 'too short' })).toThrow(/32 bytes/);
    } finally {
      await store.close();
    }
  });
});
