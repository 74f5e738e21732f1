import type { IsoDate } from './dates.ts';

// Services take the clock as a parameter so tests can fix "today".
export interface Clock {
  /** Today's calendar date (UTC). */
  today(): IsoDate;
  /** The current moment as a UTC ISO string. */
  now(): string;
}

// "Today" changes once a day: remember it until the next UTC midnight rather than format a Date per call.
let cachedDay = '';
let nextMidnight = 0;

export const systemClock: Clock = {
  today: () => {
    const now = Date.now();
    if (now >= nextMidnight) {
      cachedDay = new Date(now).toISOString().slice(0, 10);
      nextMidnight = (Math.floor(now / 86_400_000) + 1) * 86_400_000;
    }
    return cachedDay;
  },
  now: () => new Date().toISOString(),
};

export function fixedClock(today: IsoDate): Clock {
  return { today: () => today, now: () => `${today}T12:00:00.000Z` };
}
