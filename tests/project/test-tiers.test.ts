// The test tiers (package.json "test:*" scripts) together run every test file exactly once: a new file that
// no tier names would only run in `npm test`, and a file in two tiers would run twice in a tier-by-tier run.
// Files are matched as Vitest matches them: a positional filter selects every file whose path (relative to
// the project, lower case) contains it; `--exclude <glob>` drops a file (this reader knows exact paths and
// `folder/**`, and refuses anything else rather than guess).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';

const ROOT = join(import.meta.dirname, '../..');

interface Tier {
  name: string;
  filters: string[];
  excludes: string[];
}

/** Options that change how the files run, not which. */
const NEUTRAL_OPTIONS = ['--no-isolate'];

/** The filters of a script's `vitest run` command, or a reason it cannot be read. */
function tierOf(name: string, script: string): Tier | string {
  const command = script
    .split('&&')
    .map((s) => s.trim())
    .find((s) => s.startsWith('vitest run'));
  if (!command) return `${name}: no "vitest run" command in "${script}"`;
  const words = command
    .slice('vitest run'.length)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^'(.*)'$/, '$1'));
  const tier: Tier = { name, filters: [], excludes: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--exclude' && words[i + 1]) tier.excludes.push(words[++i] as string);
    else if (NEUTRAL_OPTIONS.includes(w)) continue;
    else if (w.startsWith('-')) return `${name}: option ${w} is not understood by the tier check`;
    else tier.filters.push(w);
  }
  for (const g of tier.excludes)
    if (g.includes('*') && !/^[^*]+\/\*\*$/.test(g))
      return `${name}: exclude "${g}" is neither a file nor "folder/**"`;
  return tier;
}

/** Whether Vitest runs `file` (relative to the project) for these filters and excludes. */
function selects(tier: Tier, file: string): boolean {
  const path = file.toLowerCase();
  const excluded = tier.excludes.some((g) =>
    g.endsWith('/**') ? path.startsWith(`${g.slice(0, -2).toLowerCase()}`) : path === g.toLowerCase(),
  );
  return !excluded && tier.filters.some((f) => path.includes(f.replace(/^\.\//, '').toLowerCase()));
}

/** For each file, the tiers that run it; and the files no tier or several tiers run. */
function coverage(tiers: Tier[], files: string[]): { none: string[]; several: string[] } {
  const none: string[] = [];
  const several: string[] = [];
  for (const f of files) {
    const runs = tiers.filter((t) => selects(t, f)).map((t) => t.name);
    if (runs.length === 0) none.push(f);
    if (runs.length > 1) several.push(`${f} (${runs.join(', ')})`);
  }
  return { none, several };
}

/** The test files of vitest.config.ts, whose include globs are all of the form `folder/**\/*.test.ext`. */
function testFiles(): string[] {
  const out: string[] = [];
  for (const glob of config.test?.include ?? []) {
    const m = /^([\w-]+)\/\*\*\/\*\.test\.(?:\{([\w,]+)\}|(\w+))$/.exec(glob);
    if (!m) throw new Error(`the tier check cannot read the include glob "${glob}"`);
    const exts = (m[2] ?? m[3] ?? '').split(',').map((e) => `.test.${e}`);
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'dist') walk(p);
        else if (e.isFile() && exts.some((x) => e.name.endsWith(x))) out.push(relative(ROOT, p));
      }
    };
    walk(join(ROOT, m[1] as string));
  }
  return out.sort();
}

const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('test tiers', () => {
  it('npm test runs every test file (no filter)', () => {
    const all = tierOf('test', scripts.test ?? '');
    expect(all).toEqual({ name: 'test', filters: [], excludes: [] });
  });

  it('the test:* tiers together run every test file exactly once', () => {
    const read = Object.entries(scripts)
      .filter(([name]) => name.startsWith('test:'))
      .map(([name, script]) => tierOf(name, script));
    expect(read.filter((t) => typeof t === 'string')).toEqual([]);
    const tiers = read as Tier[];
    expect(tiers.map((t) => t.name)).toContain('test:quick');
    const files = testFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(coverage(tiers, files)).toEqual({ none: [], several: [] });
  });

  it('finds a file in no tier and a file in two (so that it can fail)', () => {
    const a = tierOf('test:a', "vitest run tests/api tests/funds --exclude 'tests/funds/domain/**'") as Tier;
    const b = tierOf('test:b', 'npm run build:web && vitest run tests/funds/domain tests/api/read') as Tier;
    const files = ['tests/api/read.test.ts', 'tests/funds/domain/money.test.ts', 'tests/cli/cli.test.ts'];
    expect(coverage([a, b], files)).toEqual({
      none: ['tests/cli/cli.test.ts'],
      several: ['tests/api/read.test.ts (test:a, test:b)'],
    });
    expect(tierOf('test:c', 'vitest run tests --bail 1')).toMatch(/option --bail/);
    expect(tierOf('test:d', "vitest run tests --exclude 'tests/*.ts'")).toMatch(/neither a file/);
  });
});
