// Administration of users through the API, on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('users', () => {
  it('changes and disables a State focal point (regression: the scope check ran outside the transaction and hung SQLite)', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: t.auth,
      payload: {
        email: 'fp.arm@example.org',
        displayName: 'Focal point',
        role: 'focal_point',
        states: ['ARM'],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect(t.mail.at(-1)?.to).toBe('fp.arm@example.org');
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: t.auth,
      payload: { displayName: 'Focal point of Armenia', states: ['ARM', 'GEO'] },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: 'Focal point of Armenia', states: ['ARM', 'GEO'] });
    const unknownState = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: t.auth,
      payload: { states: ['XXX'] },
    });
    expect(unknownState.statusCode).toBe(404);
    expect(unknownState.json().errors[0].field).toBe('states.0');
    // The store still answers afterwards.
    expect((await t.app.inject({ method: 'GET', url: '/api/instruments' })).statusCode).toBe(200);
  });

  it('a donor account acts for a donor the Fund knows: an unknown id is refused at its field, nothing written', async () => {
    const body = (donors: string[], email: string) => ({
      method: 'POST' as const,
      url: '/api/users',
      headers: t.auth,
      payload: { email, displayName: 'Donor desk', role: 'donor', donors },
    });
    const refused = await t.app.inject(body(['ITA', 'NOR'], 'desk.unknown@example.org'));
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors[0]).toMatchObject({ field: 'donors.0' });
    expect(refused.json().detail).toContain('donor "ITA" does not exist');
    const listed = (await t.app.inject({ method: 'GET', url: '/api/users', headers: t.auth })).json();
    expect(JSON.stringify(listed)).not.toContain('desk.unknown@example.org');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: t.auth,
      payload: { name: 'donor machine', role: 'donor', donors: ['NOR'] },
    });
    expect(token.statusCode).toBe(404);
    expect(token.json().errors[0]).toMatchObject({ field: 'donors.0' });
    const donor = await t.app.inject({
      method: 'POST',
      url: '/api/fund/donors',
      headers: { ...t.auth, 'idempotency-key': 'users-test-donor-ita' },
      payload: { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' },
    });
    expect(donor.statusCode).toBe(201);
    const created = await t.app.inject(body(['ITA'], 'desk.italy@example.org'));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ role: 'donor', donors: ['ITA'] });
  });

  it('per-user answers are never stored by shared caches', async () => {
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: t.auth });
    expect(users.headers['cache-control']).toBe('no-store');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.headers['cache-control']).toBe('no-store');
    const country = await t.app.inject({ method: 'GET', url: '/api/participants/ARM', headers: t.auth });
    expect(country.headers['cache-control']).toBe('private, no-cache');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/participants/ARM' });
    expect(anonymous.headers['cache-control']).toBe('public, no-cache');
  });
});
