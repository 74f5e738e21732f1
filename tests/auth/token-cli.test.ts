// `palermo token create --expires` as users run it: a real process against a real store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { palermoOn } from '../helpers/cli.ts';
import { testStoreOptions } from '../helpers/store.ts';

const { options, cleanup } = testStoreOptions();
let store: Store | undefined;

const palermo = palermoOn(options);

beforeAll(() => {
  expect(palermo('migrate').code).toBe(0);
});
afterAll(async () => {
  await store?.close();
  await cleanup();
});

describe('palermo token create --expires', { timeout: 120_000 }, () => {
  it('sets the expiry from a last day, and refuses what it cannot read in one line', async () => {
    const ok = palermo(
      'token',
      'create',
      '--role',
      'admin',
      '--name',
      'import job',
      '--expires',
      '2099-01-31',
    );
    // Beyond the longest life (90 days): refused, nothing issued.
    expect(ok.code).toBe(1);
    expect(ok.stderr.trim().split('\n')).toHaveLength(1);
    expect(ok.stderr).toMatch(/at most 90 days/);

    const bad = palermo('token', 'create', '--role', 'admin', '--name', 'x', '--expires', 'soon');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--expires: "soon"/);

    const week = palermo('token', 'create', '--role', 'admin', '--name', 'for a week', '--expires', '1w');
    expect(week.stderr).toBe('');
    expect(week.stdout).toMatch(/^plm_/);
    store = await openStore(options);
    const rows = await store.db
      .selectFrom('api_tokens')
      .select(['name', 'created_at', 'expires_at'])
      .execute();
    expect(rows.map((r) => r.name)).toEqual(['for a week']);
    const row = rows[0] as { created_at: string; expires_at: string | null };
    // The command reads the clock once for --expires and once when it issues: a few milliseconds apart.
    const life = Date.parse(row.expires_at ?? '') - Date.parse(row.created_at);
    expect(life).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(life).toBeLessThanOrEqual(7 * 86_400_000);
  });
});
