// Who recorded or corrected an action: everyone reads a name (the account's display name, or the API
// token's); the internal ids behind it (`token:<uuid>`, `user:<uuid>`) are shown to the Secretariat only —
// they were public before. Checked on every answer that carries actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let focal: Record<string, string>;
let actionId = 0;

beforeAll(async () => {
  t = await createTestApp();
  const { token } = await issueToken(t.ctx('test-setup'), {
    name: 'Armenia focal point job',
    role: 'focal_point',
    states: ['ARM'],
  });
  focal = { authorization: `Bearer ${token}` };
  const declared = await t.app.inject({
    method: 'POST',
    url: '/api/actions',
    headers: t.auth,
    payload: {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      kind: 'notification',
      article: '18(13)',
      date: '2025-01-10',
      source: 'test: recorded-by',
    },
  });
  expect(declared.statusCode, declared.body).toBe(201);
  actionId = (declared.json() as { action: { id: number } }).action.id;
  const corrected = await t.app.inject({
    method: 'POST',
    url: `/api/actions/${actionId}/corrections`,
    headers: t.auth,
    payload: { reason: 'recorded twice' },
  });
  expect(corrected.statusCode, corrected.body).toBe(201);
}, 120_000);

afterAll(async () => t?.close());

interface Action {
  id: number;
  recordedBy: string | null;
  recordedByName: string;
  correction: { correctedBy: string | null; correctedByName: string } | null;
}

const URLS = [
  () => `/api/actions/${actionId}`,
  // The instrument's actions are paged (100 a page, by id): the participant filter keeps ours on the first.
  () => '/api/instruments/UNTOC/actions?participant=ARM',
  () => '/api/instruments/UNTOC/participants/ARM',
];

async function ours(url: string, headers: Record<string, string>): Promise<Action> {
  const res = await t.app.inject({ url, headers });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as Action | { actions: Action[] };
  const found = 'actions' in body ? body.actions.find((a) => a.id === actionId) : body;
  if (!found) throw new Error(`${url} has no action ${actionId}`);
  return found;
}

describe('who recorded an action', () => {
  it.each(URLS.map((u) => [u]))('the public and a focal point read names, not ids (%#)', async (url) => {
    for (const headers of [{}, focal]) {
      const a = await ours(url(), headers);
      expect(a.recordedBy).toBeNull();
      expect(a.recordedByName).toBe('API token “test administrator”');
      expect(a.correction).toMatchObject({
        correctedBy: null,
        correctedByName: 'API token “test administrator”',
      });
      const res = await t.app.inject({ url: url(), headers });
      expect(res.body).not.toMatch(/(token|user):[0-9a-f-]{8}/);
    }
  });

  it("the country view names no recorder's id", async () => {
    for (const headers of [{}, focal]) {
      const res = await t.app.inject({ url: '/api/participants/ARM', headers });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/(token|user):[0-9a-f-]{8}/);
    }
  });

  it.each(URLS.map((u) => [u]))('the Secretariat also reads the ids (%#)', async (url) => {
    const a = await ours(url(), t.auth);
    expect(a.recordedBy).toMatch(/^token:/);
    expect(a.recordedByName).toBe('API token “test administrator”');
    expect(a.correction?.correctedBy).toMatch(/^token:/);
  });
});
