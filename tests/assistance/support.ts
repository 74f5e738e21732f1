// What the assistance API tests share: callers with their own API tokens, requests sent as one of them (a
// fresh Idempotency-Key each), and the steps that take a request from draft to approved or a project to
// funded, each checked on the way.
import { expect } from 'vitest';
import type { Role } from '../../src/auth/domain/policy.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { Res } from '../helpers/api.ts';
import type { TestApp } from '../helpers/app.ts';

export type Caller = string | null;

export interface AssistanceApi {
  t: TestApp;
  /** POST as `who`; `expected` checks the status (with the body in the message). */
  send(who: Caller, url: string, payload: unknown, expected?: number): Promise<Res>;
  get(who: Caller, url: string): Promise<Res>;
}

let keys = 0;

/** API tokens for the named callers ('admin' is the test administrator), and the two ways to call. */
export async function assistanceApi(
  t: TestApp,
  callers: Record<string, { role: Role; states?: string[]; donors?: string[] }>,
): Promise<AssistanceApi> {
  const headers: Record<string, { authorization: string }> = { admin: t.auth };
  for (const [name, input] of Object.entries(callers)) {
    const { token } = await issueToken(t.ctx('test-setup'), { name, ...input });
    headers[name] = { authorization: `Bearer ${token}` };
  }
  const auth = (who: Caller) => {
    if (who === null) return {};
    const h = headers[who];
    if (!h) throw new Error(`no caller "${who}"`);
    return h;
  };
  return {
    t,
    send: async (who, url, payload, expected) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...auth(who), 'idempotency-key': `assistance-${process.pid}-${++keys}` },
        payload: payload as Record<string, unknown>,
      });
      if (expected !== undefined) expect(res.statusCode, `POST ${url}: ${res.body}`).toBe(expected);
      return res;
    },
    get: (who, url) => t.app.inject({ method: 'GET', url, headers: auth(who) }),
  };
}

/** A request drafted by `who` (a focal point or the Secretariat), submitted, assessed and approved. */
export async function approvedRequest(
  api: AssistanceApi,
  who: string,
  input: { participantId: string; provisions: string[]; title: string; description?: string },
): Promise<number> {
  const created = await api.send(
    who,
    '/api/assistance/requests',
    {
      kind: 'implementation',
      description: 'Legislative drafting and training.',
      assistance: ['legislative_drafting'],
      estimatedCost: '100000.00',
      requestedOn: '2026-03-02',
      ...input,
    },
    201,
  );
  const id = (created.json() as { id: number }).id;
  await api.send(who, `/api/assistance/requests/${id}/steps`, { to: 'submitted' }, 201);
  await api.send('admin', `/api/assistance/requests/${id}/steps`, { to: 'assessed' }, 201);
  await api.send('admin', `/api/assistance/requests/${id}/steps`, { to: 'approved' }, 201);
  return id;
}

/** The project of an approved request. */
export async function projectOf(
  api: AssistanceApi,
  requestId: number,
  input: Partial<Record<'title' | 'budget' | 'startsOn' | 'endsOn' | 'beneficiaries', string>> & {
    published?: boolean;
  } = {},
): Promise<{ id: number; title: string }> {
  const res = await api.send(
    'admin',
    '/api/assistance/projects',
    {
      requestId,
      title: `Project for request ${requestId}`,
      budget: '100000.00',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      implementingPartner: 'UNODC Regional Office',
      beneficiaries: 'Ministry of Justice',
      ...input,
    },
    201,
  );
  return res.json() as { id: number; title: string };
}

/** A donor, an earmark and a USD payment into it, through the fund API. */
export async function fundLine(
  api: AssistanceApi,
  line: {
    donor: string;
    name: string;
    kind?: string;
    earmark: Record<string, unknown>;
    amount: string;
    /** The donor is recorded already (an account acts for it). */
    donorRecorded?: boolean;
  },
): Promise<void> {
  if (!line.donorRecorded) {
    await api.send(
      'admin',
      '/api/fund/donors',
      {
        id: line.donor,
        name: line.name,
        kind: line.kind ?? 'state',
        ...((line.kind ?? 'state') === 'state' ? { participantId: line.donor } : {}),
      },
      201,
    );
  }
  const earmarkId = line.earmark.id as string;
  if (earmarkId !== 'GENERAL') await api.send('admin', '/api/fund/earmarks', line.earmark, 201);
  await api.send(
    'admin',
    '/api/fund/payments',
    { donorId: line.donor, receivedOn: '2026-02-01', currency: 'USD', amount: line.amount, earmarkId },
    201,
  );
}
