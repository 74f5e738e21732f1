// Keeps the domain pure: files under src/**/domain/ import only other domain files and the shared
// calendar and error modules — never the database, HTTP, the file system or the UI.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const ALLOWED_SHARED = ['src/common/dates.ts', 'src/common/errors.ts'];

describe('architecture', () => {
  const domainFiles = files('src').filter((f) => f.includes('/domain/'));

  it('has domain files to check', () => {
    expect(domainFiles.length).toBeGreaterThan(3);
  });

  it.each(domainFiles)('%s imports nothing but the domain and shared calendar/errors', (file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec.startsWith('.'), `${file} imports package ${spec}`).toBe(true);
      const target = relative(process.cwd(), resolve(join(file, '..'), spec));
      expect(
        target.includes('/domain/') || ALLOWED_SHARED.includes(target),
        `${file} imports ${target}`,
      ).toBe(true);
    }
  });

  it('never reads ../shared at run time', () => {
    for (const file of files('src')) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\/work\/shared|shared\/(data|docs)\//);
    }
  });
});
