// Security settings read from the environment at start (README, "Settings"): the proxies whose
// X-Forwarded-For is believed, the token that opens /metrics and the longest life of an API token.
// A wrong value stops the start with a message naming the variable, never a silent default.
import { isIP } from 'node:net';
import { DomainError } from '../common/errors.ts';

export interface SecuritySettings {
  /** Addresses or CIDR ranges of trusted reverse proxies; false: trust none (the socket's peer is the client). */
  trustProxy: string[] | false;
  /** Bearer token that opens /metrics; null: /metrics is off. */
  metricsToken: string | null;
  /** Longest life of an API token, in days. */
  tokenMaxDays: number;
}

export const DEFAULT_TOKEN_MAX_DAYS = 90;
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
  return { trustProxy: parseTrustProxy(env.PALERMO_TRUST_PROXY), metricsToken, tokenMaxDays };
}
