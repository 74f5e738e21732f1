// No dependency may need a newer Node.js than the project says it runs on: npm only warns about such a
// package at install time, and it may then break at run time. Reads the lock file, so it holds for what
// `npm ci` installs, on the oldest supported release and on the one running the test (CI runs it on each line).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE } from '../../src/common/node-support.ts';

type Version = [number, number, number];

function parseVersion(text: string): { v: Version; parts: number } {
  const parts = text.replace(/^v/, '').split('.');
  const nums = parts.filter((p) => /^\d+$/.test(p)).map(Number);
  if (nums.length === 0 || nums.length !== parts.filter((p) => p !== 'x' && p !== '*').length)
    throw new Error(`not a version: "${text}"`);
  return { v: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0], parts: nums.length };
}

const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` meets one comparator of a node-semver range (the forms lock files use). */
function meets(version: Version, comparator: string): boolean {
  if (comparator === '*' || comparator === '') return true;
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  if (!m) throw new Error(`not a comparator: "${comparator}"`);
  const op = m[1] ?? '';
  const { v, parts } = parseVersion(m[2] as string);
  const c = cmp(version, v);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return parts === 3
        ? c > 0
        : version[0] > v[0] || (parts === 2 && version[0] === v[0] && version[1] > v[1]);
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '^':
      return c >= 0 && version[0] === v[0];
    case '~':
      return c >= 0 && version[0] === v[0] && (parts === 1 || version[1] === v[1]);
    default:
      // "20", "20.x", "10.*", "=1.2.3": the parts given must match.
      return version.slice(0, parts).every((n, i) => n === v[i]);
  }
}

function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version).v;
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => meets(v, comparator)),
  );
}

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, LockPackage>;
};

describe('the Node.js releases the dependencies accept', () => {
  it('reads ranges as npm does', () => {
    expect(satisfies('20.19.0', '>=20.19')).toBe(true);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('22.0.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '10.* || >= 12.*')).toBe(true);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('21.0.0', '18 || 20 || >=22')).toBe(false);
    expect(satisfies('20.19.0', '>=16 || 14 >=14.17')).toBe(true);
    expect(satisfies('20.19.0', '20.x || 22.x')).toBe(true);
    expect(satisfies('20.19.0', '*')).toBe(true);
    expect(satisfies('20.19.0', '^8.16.0 || ^10.6.0 || >=11.0.0')).toBe(true);
  });

  it.each([
    ['the oldest supported release', MINIMUM_NODE],
    ['the running release', process.version],
  ])('every locked package accepts %s (%s)', (_what, version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !satisfies(version, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path}@${p.version}: node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
