// TOTP secrets are stored sealed with AES-256-GCM under a key kept outside the database, so a copy of the
// database (a backup, a dump) yields no second factor. The key comes from PALERMO_SECRET_KEY (32 bytes,
// base64 or hex), else from the file PALERMO_SECRET_KEY_FILE, else from a file beside the SQLite database
// (`<database>.key`, mode 0600), made at the first start; on PostgreSQL without a setting, `data/palermo.key`.
// docs/operations.md says what to do if the key is lost and how to change it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../db/database.ts';
import { DomainError } from '../common/errors.ts';

const PREFIX = 'v1:';
const keys = new WeakMap<Store, Buffer>();

function parseKey(text: string, where: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32)
    throw new DomainError(
      'validation',
      `${where}: the secret key must be 32 bytes, written in base64 or hex`,
      {
        field: where,
      },
    );
  return key;
}

function readOrCreateKeyFile(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      // 'wx': never overwrite a key another process has just written; mode 0600: only this user reads it.
      writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(path, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return parseKey(readFileSync(path, 'utf8'), path);
}

/** Where the key file goes on PostgreSQL when no setting names one: beside the default SQLite file. */
export const DEFAULT_KEY_FILE = './data/palermo.key';

/** Finds (or at a first start on SQLite, makes) the store's secret key; called once when the server starts. */
export function prepareSecretKey(store: Store, env: NodeJS.ProcessEnv = process.env): Buffer {
  let key: Buffer;
  if (env.PALERMO_SECRET_KEY?.trim()) key = parseKey(env.PALERMO_SECRET_KEY, 'PALERMO_SECRET_KEY');
  else if (env.PALERMO_SECRET_KEY_FILE?.trim()) key = readOrCreateKeyFile(env.PALERMO_SECRET_KEY_FILE.trim());
  else if (store.sqlite && store.sqlite.name !== ':memory:' && store.sqlite.name !== '')
    key = readOrCreateKeyFile(`${store.sqlite.name}.key`);
  else if (store.sqlite) key = randomBytes(32);
  // Several hosts on one PostgreSQL database must share one key: set PALERMO_SECRET_KEY(_FILE) there.
  else key = readOrCreateKeyFile(DEFAULT_KEY_FILE);
  keys.set(store, key);
  return key;
}

/**
 * The store's key. An application built without the server's start (tests, tools on an in-memory store) gets
 * a key of its own for the life of the process.
 */
export function secretKeyOf(store: Store): Buffer {
  let key = keys.get(store);
  if (!key) {
    key = randomBytes(32);
    keys.set(store, key);
  }
  return key;
}

/** Seals a secret for one account: the account id is bound in, so a sealed secret cannot be moved to another. */
export function sealSecret(key: Buffer, accountId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(accountId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${[iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.')}`;
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** Opens a sealed secret; a secret stored before sealing existed is returned as it is (sealed on next use). */
export function openSecret(key: Buffer, accountId: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [iv, sealed, tag] = stored
    .slice(PREFIX.length)
    .split('.')
    .map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !sealed || !tag) throw new Error('sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(accountId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}
