// An idempotent replay answers only a caller who may still do the write now: a focal point who recorded with
// an Idempotency-Key and then lost the State gets a refusal, not the stored 201 (with the record in it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Res } from '../helpers/api.ts';
import {
  activeUser,
  createAuthApp,
  login,
  withSession,
  type AuthApp,
  type Session,
} from '../auth/helpers.ts';

let t: AuthApp;
let userId: string;
let account: Awaited<ReturnType<typeof activeUser>>;
let session: Session;

beforeAll(async () => {
  t = await createAuthApp();
  account = await activeUser(t, 'focal_point', { states: ['ARM'] });
  userId = account.id;
  session = await login(t, account);
});
afterAll(() => t.close());

function asFocalPoint(url: string, key: string, payload: object): Promise<Res> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...withSession(session), 'idempotency-key': key },
    payload,
  });
}

async function setStates(states: string[]): Promise<void> {
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/users/${userId}`,
    headers: t.auth,
    payload: { states },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('an idempotent replay re-checks the caller’s rights', () => {
  it('a focal point who lost the State gets a refusal, not the stored answer', async () => {
    const notification = {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      kind: 'notification',
      date: '2025-02-10',
      article: '18(13)',
      source: 'C.N.1.2025.TREATIES-XVIII.12',
    };
    const recorded = await asFocalPoint('/api/actions', 'replay-rights-action-1', notification);
    expect(recorded.statusCode, recorded.body).toBe(201);
    const draft = await asFocalPoint('/api/assistance/requests', 'replay-rights-request-1', {
      participantId: 'ARM',
      kind: 'implementation',
      title: 'Drafting support',
      description: 'Legislative drafting.',
      provisions: ['UNTOC 5'],
      assistance: ['legislative_drafting'],
      estimatedCost: '1000.00',
      requestedOn: '2026-03-02',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = (draft.json() as { id: number }).id;
    const step = await asFocalPoint(`/api/assistance/requests/${id}/steps`, 'replay-rights-step-1', {
      to: 'submitted',
    });
    expect(step.statusCode, step.body).toBe(201);

    // While the focal point still acts for ARM, a replay is the stored answer.
    const again = await asFocalPoint(`/api/assistance/requests/${id}/steps`, 'replay-rights-step-1', {
      to: 'submitted',
    });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(step.body);

    // A change of States ends the user's sessions; signed in again, the keys are still the user's own.
    await setStates(['GEO']);
    session = await login(t, account);
    const replays = [
      await asFocalPoint('/api/actions', 'replay-rights-action-1', notification),
      await asFocalPoint(`/api/assistance/requests/${id}/steps`, 'replay-rights-step-1', { to: 'submitted' }),
    ];
    for (const res of replays) {
      expect([403, 404], res.body).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body).not.toContain('Drafting support');
    }
  });
});
