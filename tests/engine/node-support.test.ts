import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, nodeSupportWarning } from '../../src/common/node-support.ts';

describe('the start-up warning about the running Node.js', () => {
  it.each([
    ['v20.20.2', '2026-04-30', null],
    ['v20.20.2', '2026-05-01', /Node\.js 20 reached its end of life on 2026-04-30/],
    ['v22.23.5', '2026-12-06', null],
    ['v22.23.5', '2027-05-01', /Node\.js 22 reached its end of life on 2027-04-30/],
    ['v24.22.3', '2026-12-06', null],
    ['v24.22.3', '2028-05-01', /end of life on 2028-04-30/],
    ['v26.1.0', '2026-12-06', null],
    ['v20.18.0', '2026-01-01', /older than the oldest supported release \(20\.19\.0\)/],
    ['v18.20.0', '2026-01-01', /older than the oldest supported release/],
  ])('%s on %s', (version, today, expected) => {
    const warning = nodeSupportWarning(version, today);
    if (expected === null) expect(warning).toBeNull();
    else expect(warning).toMatch(expected);
  });

  it('names the releases to use', () => {
    expect(nodeSupportWarning('v20.20.2', '2026-12-06')).toMatch(/use Node\.js 22 or 24$/);
  });

  it('its minimum is the one package.json declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
  });
});
