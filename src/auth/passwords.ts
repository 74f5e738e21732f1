// Passwords: argon2id with 19 MiB and two passes (OWASP ASVS 5.0, password storage cheat sheet).
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}

/**
 * A hash of nothing in particular, verified when the email is unknown so that unknown and known emails
 * take the same time to refuse.
 */
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoy, password);
  return false;
}

/** A reason the password cannot be used, or null. Length, not composition rules (NIST SP 800-63B). */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (password.toLowerCase().includes(email.split('@')[0]?.toLowerCase() ?? '\u0000'))
    return 'must not contain the email name';
  return null;
}
