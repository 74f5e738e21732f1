// Which Node.js release lines Palermo runs on, and whether the running one still gets security fixes.
// End-of-life dates from the Node.js release schedule (nodejs.org/en/about/previous-releases): a line past
// its date gets no security fixes, so a server on it should say so where the operator looks, at start-up.
import type { IsoDate } from './dates.ts';

/** The oldest Node.js the project supports (package.json `engines`). */
export const MINIMUM_NODE = '20.19.0';

export const NODE_END_OF_LIFE: Readonly<Record<number, IsoDate>> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
};

/** The lines a new installation should use. */
export const RECOMMENDED_LINES = [22, 24];

/** What to tell the operator about this Node.js (`process.version`) on `today`, or null when all is well. */
export function nodeSupportWarning(version: string, today: IsoDate): string | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return null;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const [minMajor, minMinor] = MINIMUM_NODE.split('.').map(Number) as [number, number];
  const recommended = RECOMMENDED_LINES.join(' or ');
  if (major < minMajor || (major === minMajor && minor < minMinor))
    return `Node.js ${version} is older than the oldest supported release (${MINIMUM_NODE}): use Node.js ${recommended}`;
  const endOfLife = NODE_END_OF_LIFE[major];
  if (endOfLife !== undefined && today > endOfLife)
    return `Node.js ${major} reached its end of life on ${endOfLife} and gets no security fixes: use Node.js ${recommended}`;
  return null;
}
