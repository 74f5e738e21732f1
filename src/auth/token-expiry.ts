// `palermo token create --expires`: a number of days or weeks from now (`30d`, `2w`), or the last day the
// token is valid (`YYYY-MM-DD`, through the end of that day, UTC). The result is a moment (`expiresAt`).
import { DomainError } from '../common/errors.ts';
import { isIsoDate } from '../common/dates.ts';

const DAY_MS = 86_400_000;

export function parseExpiry(text: string, now: string): string {
  const value = text.trim();
  const span = /^([1-9]\d{0,3})([dw])$/.exec(value);
  if (span) {
    const days = Number(span[1]) * (span[2] === 'w' ? 7 : 1);
    return new Date(Date.parse(now) + days * DAY_MS).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value)) {
    return new Date(Date.parse(`${value}T00:00:00.000Z`) + DAY_MS).toISOString();
  }
  throw new DomainError(
    'validation',
    `--expires: "${text}" is neither a number of days or weeks (30d, 2w) nor a last day written YYYY-MM-DD`,
    { field: 'expiresAt' },
  );
}
