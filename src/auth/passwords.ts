// Passwords: argon2id with 19 MiB and two passes (OWASP ASVS 5.0, password storage cheat sheet).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { PASSWORD_MAX } from './contract.ts';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export { PASSWORD_MAX };

// The native module is loaded at the first password, not at start-up: most commands never need it.
const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  return (await argon2()).verify(stored, password).catch(() => false);
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

/** The 10,000 most common passwords, lower case (data/README.md says where they come from). */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(join(PROJECT_ROOT, 'src', 'auth', 'data', 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== ''),
);

/** Each character one after the previous, up or down (`abcdef…`, `987654…`, digits wrapping 9 → 0). */
function isSequence(text: string): boolean {
  const step = (a: string, b: string) => {
    const d = b.charCodeAt(0) - a.charCodeAt(0);
    return (a === '9' && b === '0') || (a === '0' && b === '9') ? (a === '9' ? 1 : -1) : d;
  };
  const first = step(text[0] ?? '', text[1] ?? '');
  if (Math.abs(first) !== 1) return false;
  for (let i = 2; i < text.length; i++) if (step(text[i - 1] ?? '', text[i] ?? '') !== first) return false;
  return true;
}

/**
 * Whether a password is one attackers try first (NIST SP 800-63B §5.1.1.2: breached and common passwords,
 * repetitive or sequential characters): a listed one whatever its case, a listed one repeated or followed by
 * digits and signs (`baseball2024!`), a short pattern repeated (`abcabcabcabc`), or a run (`123456789012`).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const unit = /^(.+?)\1+$/su.exec(lower)?.[1];
  return (
    COMMON_PASSWORDS.has(lower) ||
    (stem.length >= 4 && COMMON_PASSWORDS.has(stem)) ||
    (unit !== undefined && (unit.length <= 4 || COMMON_PASSWORDS.has(unit))) ||
    isSequence(lower)
  );
}

/** A reason the password cannot be used, or null. Length and the common list, not composition rules (NIST). */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (password.toLowerCase().includes(email.split('@')[0]?.toLowerCase() ?? '\u0000'))
    return 'must not contain the email name';
  if (isCommonPassword(password))
    return 'is too common: attackers try it first; a few unrelated words make a good password';
  return null;
}
