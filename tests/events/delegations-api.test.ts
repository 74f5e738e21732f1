// Delegations through the API on both stores: a focal point registers its State's delegation with the note
// verbale; bad input (closed or cancelled event, the same person twice, a file that is not a PDF or claims
// to be one, a file over the limit, another State's delegation) is refused at its field with nothing
// written; the Secretariat asks for a change, the State resubmits, the Secretariat approves; who may read
// names and notes verbales; the approval queue; the waiting list moving up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { DelegationResult, DelegationView, Queue } from '../../src/events/delegation-contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { countRows, key, NO_LIMIT, noteOf, openSeminar, person, samplePdf } from './delegations-support.ts';

let t: TestApp;
const as: Record<string, { authorization: string }> = {};

const post = (who: string, url: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...as[who], 'idempotency-key': key() },
    payload: payload as Record<string, unknown>,
  });
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

async function counts(): Promise<number[]> {
  return Promise.all(
    (['event_delegations', 'event_delegates', 'event_delegation_log', 'audit_log'] as const).map((x) =>
      countRows(t, x),
    ),
  );
}

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  as.admin = t.auth;
  for (const [name, input] of Object.entries({
    programme: { role: 'programme_officer' as const },
    fund: { role: 'fund_officer' as const },
    senegal: { role: 'focal_point' as const, states: ['SEN'] },
    ghana: { role: 'focal_point' as const, states: ['GHA'] },
  })) {
    const { token } = await issueToken(t.ctx('test-setup'), { name, ...input });
    as[name] = { authorization: `Bearer ${token}` };
  }
});
afterAll(async () => t.close());

describe('a delegation through registration and review', () => {
  let event: number;
  let delegationId: number;
  let ids: number[];
  const note = samplePdf('SEN/2026/114');
  const senegal = [person('Aminata', 'Diallo', 'delegate', 'head'), person('Moussa', 'Ndiaye', 'expert')];

  beforeAll(async () => {
    event = await openSeminar(t, 'Seminar for the delegations test');
  });

  it('registers the whole delegation in one submission, answering ids and statuses, no names', async () => {
    const res = await post('senegal', `/api/events/${event}/delegations`, {
      state: 'SEN',
      delegates: senegal,
      noteVerbale: noteOf(note),
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as DelegationResult;
    expect(r.updated).toBe(false);
    expect(r.delegates.map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(res.body).not.toMatch(/Diallo|Ndiaye/);
    delegationId = r.delegationId;
    ids = r.delegates.map((d) => d.id);
  });

  it('refuses bad input at its field and writes nothing', async () => {
    const before = await counts();
    const url = `/api/events/${event}/delegations`;
    const cases: Array<[string, unknown, number, string]> = [
      [
        'a text file named .pdf',
        {
          state: 'GHA',
          delegates: [person('Kofi', 'Mensah')],
          noteVerbale: noteOf(Buffer.from('hello'), 'x.pdf'),
        },
        422,
        'noteVerbale.contentBase64',
      ],
      [
        'a PDF cut short (no %%EOF)',
        {
          state: 'GHA',
          delegates: [person('Kofi', 'Mensah')],
          noteVerbale: noteOf(samplePdf().subarray(0, 60)),
        },
        422,
        'noteVerbale.contentBase64',
      ],
      [
        'an HTML page claiming to be a PDF',
        {
          state: 'GHA',
          delegates: [person('Kofi', 'Mensah')],
          noteVerbale: noteOf(Buffer.from('<html>%PDF-1.4 %%EOF</html>')),
        },
        422,
        'noteVerbale.contentBase64',
      ],
      [
        'no note verbale with a first submission',
        { state: 'GHA', delegates: [person('Kofi', 'Mensah')], noteVerbale: null },
        422,
        'noteVerbale',
      ],
      [
        'the same person twice (case and spacing differ)',
        {
          state: 'GHA',
          delegates: [person('Kofi', 'Mensah'), person(' kofi ', 'MENSAH ')],
          noteVerbale: noteOf(samplePdf()),
        },
        409,
        'delegates[1].familyName',
      ],
    ];
    for (const [what, body, status, field] of cases) {
      const res = await post('ghana', url, body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors[0].field, what).toBe(field);
    }
    const other = await post('ghana', url, {
      state: 'SEN',
      delegates: [person('A', 'B')],
      noteVerbale: noteOf(note),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().errors[0].field).toBe('state');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over the limit at its field', async () => {
    const before = await counts();
    const pdf = samplePdf();
    const big = Buffer.concat([pdf.subarray(0, 9), Buffer.alloc(5 * 1024 * 1024, 0x20), pdf.subarray(9)]);
    const res = await post('ghana', `/api/events/${event}/delegations`, {
      state: 'GHA',
      delegates: [person('Kofi', 'Mensah')],
      noteVerbale: noteOf(big),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0].field).toBe('noteVerbale.contentBase64');
    expect(res.json().detail).toMatch(/5242880 bytes/);
    expect(await counts()).toEqual(before);
  });

  it('lets the State read its delegation and note verbale, and nobody else but the Secretariat', async () => {
    const own = await get('senegal', `/api/events/${event}/delegations`);
    expect(own.statusCode).toBe(200);
    const list = (own.json() as { delegations: DelegationView[] }).delegations;
    expect(list.map((d) => d.state.id)).toEqual(['SEN']);
    expect(list[0]?.delegates.map((d) => d.familyName)).toEqual(['Diallo', 'Ndiaye']);
    const url = `/api/events/${event}/delegations/${delegationId}/note-verbale.pdf`;
    for (const who of ['senegal', 'admin', 'programme', 'fund']) {
      const pdf = await get(who, url);
      expect(pdf.statusCode, who).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="note-verbale.pdf"/);
      expect(pdf.rawPayload.equals(note)).toBe(true);
    }
    for (const who of ['ghana', null]) {
      const denied = await get(who, url);
      expect([401, 404], `${who}`).toContain(denied.statusCode);
      expect(denied.body).not.toMatch(/Diallo|Ndiaye|SEN\/2026/);
    }
    expect((await get('ghana', `/api/events/${event}/delegations`)).json()).toEqual({ delegations: [] });
    expect((await get(null, `/api/events/${event}/delegations`)).statusCode).toBe(401);
  });

  it('shows everyone the numbers, never the names', async () => {
    const res = await get(null, `/api/events/${event}/attendance`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ statesRegistered: 1, statesAttending: 0 });
    expect(res.body).not.toMatch(/Diallo|Ndiaye|Aminata/);
  });

  it('puts pending people in the approval queue, oldest first, in bounded pages', async () => {
    const q = (await get('programme', '/api/delegations/queue?limit=1')).json() as Queue;
    expect(q.total).toBeGreaterThanOrEqual(2);
    expect(q.items).toHaveLength(1);
    expect(q.items[0]?.id).toBe(ids[0]);
    expect((await get('senegal', '/api/delegations/queue')).statusCode).toBe(403);
    // A limit out of range is a 400 on every list (docs/api.md, Paging).
    expect((await get('programme', '/api/delegations/queue?limit=1000')).statusCode).toBe(400);
  });

  it('asks for a change with the reason; the State resubmits; the Secretariat approves', async () => {
    const review = (id: number | undefined, decision: string, reason: string | null) =>
      post('programme', `/api/events/${event}/delegates/${id}/review`, { decision, reason });
    const noReason = await review(ids[1], 'request_changes', null);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].field).toBe('reason');
    const asked = await review(ids[1], 'request_changes', 'give the function in full');
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().delegate.status).toBe('changes_requested');
    expect((await review(ids[0], 'approve', null)).json().delegate.status).toBe('approved');
    expect(
      (
        await post('senegal', `/api/events/${event}/delegates/${ids[0]}/review`, {
          decision: 'approve',
          reason: null,
        })
      ).statusCode,
    ).toBe(403);

    const again = await post('senegal', `/api/events/${event}/delegations`, {
      state: 'SEN',
      delegates: [
        senegal[0],
        { ...senegal[1], function: 'Head of the Firearms Unit, Ministry of the Interior' },
      ],
      noteVerbale: null,
    });
    expect(again.statusCode, again.body).toBe(200);
    const r = again.json() as DelegationResult;
    expect(r.updated).toBe(true);
    expect(r.delegationId).toBe(delegationId);
    expect(r.delegates.map((d) => [d.id, d.status])).toEqual([
      [ids[0], 'approved'],
      [ids[1], 'pending'],
    ]);
    expect((await review(ids[1], 'approve', null)).json().delegate.status).toBe('approved');
    expect((await review(ids[1], 'approve', null)).statusCode).toBe(409);

    const view = (
      (await get('admin', `/api/events/${event}/delegations`)).json() as { delegations: DelegationView[] }
    ).delegations[0];
    expect(view?.status).toBe('approved');
    expect(
      view?.log.filter((l) => l.delegateId === ids[1]).map((l) => [l.change, l.from, l.to, l.reason]),
    ).toEqual([
      ['registered', null, 'pending', null],
      ['changes_requested', 'pending', 'changes_requested', 'give the function in full'],
      ['details_changed', 'changes_requested', 'changes_requested', null],
      ['resubmitted', 'changes_requested', 'pending', null],
      ['approved', 'pending', 'approved', null],
    ]);
    const audited = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', 'like', 'delegation.%')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['delegation.register', 'delegation.update', 'delegation.review']),
    );
    expect(JSON.stringify(audited)).not.toMatch(/Diallo|Ndiaye|function in full/);
    expect((await get(null, `/api/events/${event}/attendance`)).json()).toMatchObject({
      statesAttending: 1,
      approved: { delegate: 1, expert: 1 },
    });
  });

  it('refuses a registration once the event is cancelled', async () => {
    const cancelled = await openSeminar(t, 'Seminar to be cancelled');
    const res = await post('admin', `/api/events/${cancelled}/status`, {
      status: 'cancelled',
      reason: 'venue unavailable',
      revision: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    const before = await counts();
    const refused = await post('ghana', `/api/events/${cancelled}/delegations`, {
      state: 'GHA',
      delegates: [person('Kofi', 'Mensah')],
      noteVerbale: noteOf(samplePdf()),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].field).toBe('event.status');
    expect(refused.json().detail).toMatch(/cancelled/);
    expect(await counts()).toEqual(before);
  });
});

describe('capacity and the waiting list', () => {
  it('waitlists beyond capacity and moves the first up when a place is freed', async () => {
    const event = await openSeminar(t, 'Seminar with two expert places', {
      overall: null,
      categories: { ...NO_LIMIT, expert: 2 },
    });
    const register = async (state: string, who: string, people: unknown[]) => {
      const res = await post(who, `/api/events/${event}/delegations`, {
        state,
        delegates: people,
        noteVerbale: noteOf(samplePdf()),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as DelegationResult;
    };
    const sen = await register('SEN', 'senegal', [
      person('A', 'One', 'expert'),
      person('B', 'Two', 'expert'),
    ]);
    const gha = await register('GHA', 'ghana', [
      person('C', 'Three', 'expert'),
      person('D', 'Four', 'delegate'),
    ]);
    const nga = await register('NGA', 'admin', [person('E', 'Five', 'expert')]);
    expect(gha.delegates.map((d) => d.status)).toEqual(['waitlisted', 'pending']);
    expect(gha.status).toBe('pending');
    expect(nga.delegates[0]?.status).toBe('waitlisted');

    const refused = await post('programme', `/api/events/${event}/delegates/${sen.delegates[1]?.id}/review`, {
      decision: 'refuse',
      reason: 'one expert per State',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json().movedUp).toEqual([gha.delegates[0]?.id]);

    // Senegal withdraws its first expert by leaving them out: the next on the list moves up.
    const withdrawn = await post('senegal', `/api/events/${event}/delegations`, {
      state: 'SEN',
      delegates: [person('B', 'Two', 'expert')],
      noteVerbale: null,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((withdrawn.json() as DelegationResult).delegates.map((d) => d.status)).toEqual([
      'withdrawn',
      'refused',
    ]);
    const list = (
      (await get('admin', `/api/events/${event}/delegations`)).json() as { delegations: DelegationView[] }
    ).delegations;
    const ngaView = list.find((d) => d.state.id === 'NGA');
    expect(ngaView?.delegates[0]?.status).toBe('pending');
    expect(ngaView?.log.map((l) => l.change)).toEqual(['registered', 'moved_up']);
  });
});
