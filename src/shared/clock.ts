import type { IsoDate } from './dates.ts';

// Services take the clock as a parameter so tests can fix "today".
export interface Clock {
  /** Today's calendar date (UTC). */
  today(): IsoDate;
  /** The current moment as a UTC ISO string. */
  now(): string;
}

export const systemClock: Clock = {
  today: () => new Date().toISOString().slice(0, 10),
  now: () => new Date().toISOString(),
};

export function fixedClock(today: IsoDate): Clock {
  return { today: () => today, now: () => `${today}T12:00:00.000Z` };
}
