// Security settings read from the environment at start (README, "Settings"): the proxies whose
// X-Forwarded-For is believed, the token that opens /metrics, the longest life of an API token and the
// request quotas of tokens and signed-in accounts.
// A wrong value stops the start with a message naming the variable, never a silent default.
import { isIP } from 'node:net';
import { DomainError } from '../common/errors.ts';
import { parseQuota, type Quota } from '../http/rate-limit.ts';

export interface SecuritySettings {
  /** Addresses or CIDR ranges of trusted reverse proxies; false: trust none (the socket's peer is the client). */
  trustProxy: string[] | false;
  /** Bearer token that opens /metrics; null: /metrics is off. */
  metricsToken: string | null;
  /** Longest life of an API token, in days. */
  tokenMaxDays: number;
  /** Requests one API token may make in a window (PALERMO_TOKEN_QUOTA); false: no quota. */
  tokenQuota: Quota | false;
  /** Requests one signed-in account may make in a window (PALERMO_ACCOUNT_QUOTA); false: no quota. */
  accountQuota: Quota | false;
}

export const DEFAULT_TOKEN_MAX_DAYS = 90;
/**
 * 20 requests a second on average over a minute: a client walking every list page by page stays well within
 * it, a runaway loop does not. The same for an account, whose pages make a few requests each.
 */
export const DEFAULT_TOKEN_QUOTA: Quota = { requests: 1200, windowSeconds: 60 };
export const DEFAULT_ACCOUNT_QUOTA: Quota = { requests: 1200, windowSeconds: 60 };
/** A token shorter than this could be guessed by trying; 32 characters of a random string are far from that. */
export const METRICS_TOKEN_MIN = 24;
/** The names proxy-addr (Fastify's trustProxy) understands besides addresses. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function setting(name: string, detail: string): DomainError {
  return new DomainError('validation', `${name}: ${detail}`, { field: name });
}

export function parseTrustProxy(value: string | undefined): string[] | false {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return false;
  for (const entry of entries) {
    if (!isAddressOrRange(entry))
      throw setting('PALERMO_TRUST_PROXY', `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`);
  }
  return entries;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  const metricsToken = env.PALERMO_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && metricsToken.length < METRICS_TOKEN_MIN)
    throw setting('PALERMO_METRICS_TOKEN', `must be at least ${METRICS_TOKEN_MIN} characters`);
  const days = env.PALERMO_TOKEN_DAYS?.trim();
  const tokenMaxDays = days ? Number(days) : DEFAULT_TOKEN_MAX_DAYS;
  if (!Number.isInteger(tokenMaxDays) || tokenMaxDays < 1 || tokenMaxDays > 3660)
    throw setting('PALERMO_TOKEN_DAYS', `"${days}" is not a number of days (1-3660)`);
  const tokenQuota = env.PALERMO_TOKEN_QUOTA?.trim()
    ? parseQuota('PALERMO_TOKEN_QUOTA', env.PALERMO_TOKEN_QUOTA)
    : DEFAULT_TOKEN_QUOTA;
  const accountQuota = env.PALERMO_ACCOUNT_QUOTA?.trim()
    ? parseQuota('PALERMO_ACCOUNT_QUOTA', env.PALERMO_ACCOUNT_QUOTA)
    : DEFAULT_ACCOUNT_QUOTA;
  return {
    trustProxy: parseTrustProxy(env.PALERMO_TRUST_PROXY),
    metricsToken,
    tokenMaxDays,
    tokenQuota,
    accountQuota,
  };
}
