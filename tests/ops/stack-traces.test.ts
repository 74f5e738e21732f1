// The compiled server's stack traces name the TypeScript sources (bin/stack-traces.mjs), though Node's own
// source-map support stays off at start: a frame in the bundle is mapped when the trace is first written.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The first lines of the stack of an error thrown inside the bundle (a bad --as-of date), in a new process. */
function stackFromBundle(mapped: boolean): string {
  const script = `
    import { pathToFileURL } from 'node:url';
    import { dirname } from 'node:path';
    import { ensureBuilt } from './bin/build.mjs';
    import { mapStackTraces } from './bin/stack-traces.mjs';
    const bundle = await ensureBuilt();
    if (${mapped}) mapStackTraces(dirname(bundle));
    const { buildCli } = await import(pathToFileURL(bundle).href);
    try {
      await buildCli().parseAsync(['status', '-i', 'UNTOC', '--as-of', '2026-02-30'], { from: 'user' });
    } catch (err) {
      process.stdout.write(err.stack.split('\\n').slice(0, 3).join('\\n'));
    }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('stack traces of the compiled command', () => {
  it('name the TypeScript source of a frame in the bundle, with the error as its first line', () => {
    const stack = stackFromBundle(true);
    expect(stack.split('\n')[0]).toBe(
      'DomainError: --as-of: "2026-02-30" is not a real date written YYYY-MM-DD',
    );
    expect(stack).toMatch(/\n {4}at \S+ \(\/.*\/src\/cli\/common\.ts:\d+:\d+\)/);
    expect(stack).not.toMatch(/dist\/palermo\.mjs/);
  });

  it('name the bundle itself without the mapping', () => {
    expect(stackFromBundle(false)).toMatch(/dist\/palermo\.mjs:\d+:\d+/);
  });
});
