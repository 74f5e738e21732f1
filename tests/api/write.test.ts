// The write side of the API: who may write, the treaty rules on recorded actions (signature window,
// Protocol requires the Convention, one consent, denunciation and its cascade), dry runs, corrections,
// and refusals of malformed requests. Every refusal is checked to have written nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writtenCounts, type Problem, type Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/store.ts';

let t: TestApp;

interface Effect {
  instrumentId: string;
  participantId: string;
  statusAfter: {
    state: string;
    consentDate: string | null;
    eif: { on: string | null; explanation: string } | null;
    denunciationEffective: { on: string | null; explanation: string } | null;
  };
  instrumentEntryIntoForce: { on: string | null } | null;
  summary: string;
}

interface ActionRecord {
  id: number;
  instrumentId: string;
  participantId: string;
  kind: string;
  date: string | null;
  correction: {
    reason: string;
    replacementActionId: number | null;
    correctedAt: string;
    correctedBy: string | null;
  } | null;
}

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: unknown, headers: Record<string, string> = t.auth) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

function action(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instrumentId: 'UNTOC',
    participantId: 'IRN',
    kind: 'ratification',
    date: '2026-01-15',
    source: 'test: write.test.ts',
    ...overrides,
  };
}

/** What the store holds: rows of actions and corrections, and the registry version. */
const written = () => writtenCounts(t.store);

/** Runs a request that must be refused with `status`, and checks that nothing was written. */
async function refused(request: () => Promise<Res>, status: number): Promise<Problem> {
  const before = await written();
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(await written()).toEqual(before);
  const body = res.json() as Problem;
  expect(body.status).toBe(status);
  return body;
}

async function counts(instrumentId: string, asOf = TEST_TODAY) {
  const res = await get(`/api/instruments/${instrumentId}/status?asOf=${asOf}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    counts: { signatories: number; contractingParties: number; partiesInForce: number; withdrawn: number };
    participants: Array<{ participantId: string; state: string }>;
  };
}

async function stateOf(instrumentId: string, participantId: string, asOf = TEST_TODAY): Promise<string> {
  const s = await counts(instrumentId, asOf);
  return s.participants.find((p) => p.participantId === participantId)?.state ?? 'none';
}

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('who may write', () => {
  it('without Authorization: 401', async () => {
    const p = await refused(() => post('/api/actions', action(), {}), 401);
    expect(p.detail).toMatch(/sign in/);
  });

  it('with another scheme or an empty token: 401', async () => {
    await refused(() => post('/api/actions', action(), { authorization: 'Basic dXNlcjpwYXNz' }), 401);
    await refused(() => post('/api/actions', action(), { authorization: 'Bearer ' }), 401);
  });

  it('with a wrong token: 401, never treated as anonymous', async () => {
    const p = await refused(
      () => post('/api/actions', action(), { authorization: 'Bearer not-the-token' }),
      401,
    );
    expect(p.detail).toMatch(/bearer token is not valid/);
    await refused(() => post('/api/actions', action(), { authorization: `${t.auth.authorization}x` }), 401);
  });

  it('every write route asks for the token', async () => {
    await refused(() => post('/api/actions/1/corrections', { reason: 'x' }, {}), 401);
    await refused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/imports/actions',
          headers: { 'content-type': 'text/csv' },
          payload: 'instrument,participant,kind,date,source\nUNTOC,IRN,ratification,2026-01-15,x\n',
        }),
      401,
    );
    await refused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/imports/participant-table?instrumentId=UNTOC',
          headers: { 'content-type': 'text/csv', authorization: 'Bearer wrong' },
          payload:
            'participant,iso3,signature_date,consent_date,consent_kind,as_of,source,notes\nIran,IRN,,2026-01-15,ratification,,x,\n',
        }),
      401,
    );
  });
});

describe('treaty rules', () => {
  it('a signature outside the window is refused: 422, field date, citing art. 36(1)', async () => {
    // Tuvalu never signed; UNTOC was open for signature until 2002-12-12.
    const p = await refused(
      () => post('/api/actions', action({ participantId: 'TUV', kind: 'signature', date: '2003-01-15' })),
      422,
    );
    expect(p.errors?.[0]?.field).toBe('date');
    expect(p.errors?.[0]?.message).toContain('art. 36(1)');
    expect(p.detail).toContain('art. 36(1)');
  });

  it('a date in the future or before adoption is refused', async () => {
    let p = await refused(() => post('/api/actions', action({ date: '2026-07-01' })), 422);
    expect(p.errors?.[0]?.field).toBe('date');
    p = await refused(() => post('/api/actions', action({ date: '2000-11-14' })), 422);
    expect(p.errors?.[0]?.field).toBe('date');
    p = await refused(() => post('/api/actions', action({ date: '2003-02-30' })), 422);
    expect(p.errors?.[0]?.field).toBe('date');
  });

  it('bounds after today, or that leave no day for the date, are refused at their field', async () => {
    // "Open-ended" 9999-12-31 once read as in force: its entry into force fell past the calendar's end.
    let p = await refused(
      () => post('/api/actions', action({ date: '', notBefore: '2019-01-01', notAfter: '9999-12-31' })),
      422,
    );
    expect(p.errors?.[0]).toMatchObject({ field: 'notAfter', message: expect.stringMatching(/after today/) });
    p = await refused(() => post('/api/actions', action({ date: '2020', notAfter: '2019-06-30' })), 422);
    expect(p.errors?.[0]).toMatchObject({ field: 'notAfter', message: expect.stringMatching(/no day/) });
    p = await refused(() => post('/api/actions', action({ date: '2020-05', notBefore: '2020-06-01' })), 422);
    expect(p.errors?.[0]).toMatchObject({ field: 'notBefore', message: expect.stringMatching(/no day/) });
  });

  it('Iran has signed UNTOC and not consented in the data', async () => {
    const res = await get('/api/instruments/UNTOC/participants/IRN');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      status: { state: string; signatureDate: string };
      participations: unknown[];
    };
    expect(body.status).toMatchObject({ state: 'signatory', signatureDate: '2000-12-12' });
    expect(body.participations).toEqual([]);
  });

  it('?dryRun=true previews the effect, answers 200 and writes nothing', async () => {
    const before = await written();
    const statusBefore = await counts('UNTOC');
    const res = await post('/api/actions?dryRun=true', action());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { action: null; effect: Effect };
    expect(body.action).toBeNull();
    expect(body.effect.summary).toBe(
      'UNTOC enters into force for Iran (Islamic Republic of) on 2026-02-14 (deposit 2026-01-15; art. 38(2): 30th day after → 2026-02-14)',
    );
    expect(body.effect.statusAfter).toMatchObject({ state: 'party', consentDate: '2026-01-15' });
    expect(await written()).toEqual(before);
    expect((await counts('UNTOC')).counts).toEqual(statusBefore.counts);
    expect(await stateOf('UNTOC', 'IRN')).toBe('signatory');
  });

  it('a refused dry run is refused like the real thing', async () => {
    const p = await refused(() => post('/api/actions?dryRun=true', action({ date: '2026-07-01' })), 422);
    expect(p.errors?.[0]?.field).toBe('date');
    await refused(() => post('/api/actions?dryRun=maybe', action()), 422);
  });

  let iranConsentId = 0;
  let untocPartiesBefore = 0;

  it('a ratification by Iran is recorded: 201, with its effect; the counts rise by one', async () => {
    const statusUrl = `/api/instruments/UNTOC/status?asOf=${TEST_TODAY}`;
    const etag = (await get(statusUrl)).headers.etag as string;
    untocPartiesBefore = (await counts('UNTOC')).counts.contractingParties;
    const before = await written();
    const res = await post('/api/actions', action());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { action: ActionRecord & { recordedBy: string }; effect: Effect };
    expect(body.action).toMatchObject({
      instrumentId: 'UNTOC',
      participantId: 'IRN',
      kind: 'ratification',
      date: '2026-01-15',
      correction: null,
    });
    iranConsentId = body.action.id;
    expect(body.effect.summary).toMatch(
      /^UNTOC enters into force for Iran \(Islamic Republic of\) on 2026-02-14 \(/,
    );
    expect(body.effect.statusAfter.eif?.on).toBe('2026-02-14');
    const after = await written();
    expect(after.actions).toBe(before.actions + 1);
    expect(after.corrections).toBe(before.corrections);
    expect(after.version).not.toBe(before.version);

    const now = await counts('UNTOC');
    expect(now.counts.contractingParties).toBe(untocPartiesBefore + 1);
    expect(await stateOf('UNTOC', 'IRN')).toBe('party');
    expect(await stateOf('UNTOC', 'IRN', '2026-02-13')).toBe('party_pending');
    // The cached status is stale now: the old ETag no longer matches.
    const revalidated = await get(statusUrl, { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.headers.etag).not.toBe(etag);
    // The action can be read back: by everyone with the recorder's name, by the Secretariat with its id too.
    const one = await get(`/api/actions/${iranConsentId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: iranConsentId,
      participantId: 'IRN',
      recordedBy: null,
      recordedByName: 'API token “test administrator”',
    });
    expect((await get(`/api/actions/${iranConsentId}`, t.auth)).json()).toMatchObject({
      recordedBy: expect.stringMatching(/^token:/),
    });
  });

  it('a second consent is refused: 409', async () => {
    const p = await refused(() => post('/api/actions', action({ date: '2026-03-01' })), 409);
    expect(p.detail).toMatch(/already deposited/);
    await refused(() => post('/api/actions', action({ participantId: 'ARM', date: '2025-01-01' })), 409);
  });

  it('a Protocol consent by a State that is not a UNTOC party is refused: 422, participantId, art. 37(2)', async () => {
    expect(await stateOf('UNTOC', 'TUV')).toBe('none');
    const p = await refused(
      () =>
        post(
          '/api/actions',
          action({ instrumentId: 'TIP', participantId: 'TUV', kind: 'accession', date: '2026-01-15' }),
        ),
      422,
    );
    expect(p.errors?.[0]?.field).toBe('participantId');
    expect(p.errors?.[0]?.message).toContain('37(2)');
  });

  it('a Protocol consent dated before the State joined the Convention is refused too', async () => {
    // Iran's UNTOC ratification is dated 2026-01-15; a TIP accession of 2026-01-14 would precede it.
    const p = await refused(
      () => post('/api/actions', action({ instrumentId: 'TIP', kind: 'accession', date: '2026-01-14' })),
      422,
    );
    expect(p.errors?.[0]?.field).toBe('participantId');
  });

  it('a denunciation by a non-party is refused: 422', async () => {
    const p = await refused(
      () => post('/api/actions', action({ participantId: 'TUV', kind: 'denunciation', date: '2025-01-10' })),
      422,
    );
    expect(p.detail).toContain('art. 40(1)');
    expect(p.detail).toMatch(/only a party may denounce/);
  });

  it('a denunciation by a party takes effect one year later, and its Protocols end too (art. 40(3))', async () => {
    // Albania: a party to UNTOC and to its three Protocols.
    for (const i of ['UNTOC', 'TIP', 'SOM', 'FIREARMS']) expect(await stateOf(i, 'ALB'), i).toBe('party');
    const before = await written();
    const partiesBefore = (await counts('UNTOC')).counts.contractingParties;
    const res = await post(
      '/api/actions',
      action({ participantId: 'ALB', kind: 'denunciation', date: '2025-03-10' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { effect } = res.json() as { effect: Effect };
    expect(effect.statusAfter.denunciationEffective?.on).toBe('2026-03-10');
    expect(effect.statusAfter.state).toBe('withdrawn');
    expect(effect.summary).toBe(
      'Albania ceases to be a party to UNTOC: denunciation notified 2025-03-10; art. 40(1): takes effect one year after → 2026-03-10',
    );
    expect((await written()).actions).toBe(before.actions + 1);

    expect(await stateOf('UNTOC', 'ALB', '2026-03-09')).toBe('party');
    expect(await stateOf('UNTOC', 'ALB', '2026-03-10')).toBe('withdrawn');
    for (const protocol of ['TIP', 'SOM', 'FIREARMS']) {
      expect(await stateOf(protocol, 'ALB', '2026-03-09'), protocol).toBe('party');
      expect(await stateOf(protocol, 'ALB', '2026-04-01'), protocol).toBe('withdrawn');
    }
    const tip = (await get('/api/instruments/TIP/participants/ALB')).json() as {
      participations: Array<{
        denunciation: { viaParent: boolean; effective: { on: string; explanation: string } } | null;
      }>;
    };
    expect(tip.participations[0]?.denunciation).toMatchObject({
      viaParent: true,
      effective: { on: '2026-03-10' },
    });
    expect(tip.participations[0]?.denunciation?.effective.explanation).toContain('art. 40(3)');
    const now = await counts('UNTOC');
    expect(now.counts.contractingParties).toBe(partiesBefore - 1);
    expect(now.counts.withdrawn).toBe(1);
  });

  it('a second denunciation is refused', async () => {
    await refused(
      () => post('/api/actions', action({ participantId: 'ALB', kind: 'denunciation', date: '2025-06-01' })),
      409,
    );
  });

  it('a notification needs its article', async () => {
    const p = await refused(
      () => post('/api/actions', action({ participantId: 'ARM', kind: 'notification', date: '2025-01-10' })),
      422,
    );
    expect(p.errors?.[0]?.field).toBe('article');
    const ok = await post(
      '/api/actions',
      action({ participantId: 'ARM', kind: 'notification', date: '2025-01-10', article: '18(13)' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('unknown instrument or participant in the body: 404', async () => {
    await refused(() => post('/api/actions', action({ instrumentId: 'NOPE' })), 404);
    await refused(() => post('/api/actions', action({ participantId: 'XXX' })), 404);
  });

  describe('corrections', () => {
    let replacementId = 0;

    it('a replacement changes the computed date; the history keeps the original with its correction', async () => {
      const before = await written();
      const res = await post(`/api/actions/${iranConsentId}/corrections`, {
        reason: 'the instrument was deposited on 1 March, not 15 January',
        replacement: action({ date: '2026-03-01' }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json() as { corrected: ActionRecord; replacement: ActionRecord };
      replacementId = body.replacement.id;
      expect(body.corrected).toMatchObject({
        id: iranConsentId,
        date: '2026-01-15',
        correction: {
          reason: 'the instrument was deposited on 1 March, not 15 January',
          replacementActionId: replacementId,
        },
      });
      expect(body.replacement).toMatchObject({ participantId: 'IRN', date: '2026-03-01', correction: null });
      const after = await written();
      expect(after.actions).toBe(before.actions + 1);
      expect(after.corrections).toBe(before.corrections + 1);

      const detail = (await get('/api/instruments/UNTOC/participants/IRN')).json() as {
        participations: Array<{
          consentActionId: number;
          consentDate: string;
          entryIntoForce: { on: string };
        }>;
      };
      expect(detail.participations).toHaveLength(1);
      expect(detail.participations[0]).toMatchObject({
        consentActionId: replacementId,
        consentDate: '2026-03-01',
        entryIntoForce: { on: '2026-03-31' },
      });
      expect(await stateOf('UNTOC', 'IRN', '2026-03-30')).toBe('party_pending');

      const history = (await get('/api/instruments/UNTOC/actions?participant=IRN', t.auth)).json() as {
        actions: ActionRecord[];
      };
      const original = history.actions.find((a) => a.id === iranConsentId);
      expect(original).toMatchObject({
        date: '2026-01-15',
        correction: { replacementActionId: replacementId },
      });
      expect(original?.correction?.correctedBy).toMatch(/^token:/);
      expect(history.actions.find((a) => a.id === replacementId)?.correction).toBeNull();
    });

    it('correcting the same action twice is refused: 409', async () => {
      await refused(
        () =>
          post(`/api/actions/${iranConsentId}/corrections`, {
            reason: 'again',
            replacement: action({ date: '2026-02-01' }),
          }),
        409,
      );
      await refused(() => post(`/api/actions/${iranConsentId}/corrections`, { reason: 'void it' }), 409);
    });

    it('a replacement that breaks a rule is refused and nothing is written', async () => {
      const p = await refused(
        () =>
          post(`/api/actions/${replacementId}/corrections`, {
            reason: 'r',
            replacement: action({ date: '2027-01-01' }),
          }),
        422,
      );
      expect(p.errors?.[0]?.field).toBe('date');
    });

    it('an unknown action: 404', async () => {
      await refused(() => post('/api/actions/99999999/corrections', { reason: 'r' }), 404);
      expect((await get('/api/actions/99999999')).statusCode).toBe(404);
    });

    it('voiding a Convention consent that Protocol consents rest on is refused: 409', async () => {
      const arm = (await get('/api/instruments/UNTOC/participants/ARM')).json() as {
        participations: Array<{ consentActionId: number }>;
      };
      const id = arm.participations[0]?.consentActionId as number;
      expect(id).toBeGreaterThan(0);
      await refused(() => post(`/api/actions/${id}/corrections`, { reason: 'never happened' }), 409);
    });

    it('voiding (no replacement) removes its effect', async () => {
      const before = await written();
      const res = await post(`/api/actions/${replacementId}/corrections`, { reason: 'recorded in error' });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json() as { corrected: ActionRecord; replacement: null };
      expect(body.replacement).toBeNull();
      expect(body.corrected.correction).toMatchObject({
        reason: 'recorded in error',
        replacementActionId: null,
      });
      const after = await written();
      expect(after.actions).toBe(before.actions);
      expect(after.corrections).toBe(before.corrections + 1);
      expect(await stateOf('UNTOC', 'IRN')).toBe('signatory');
      const detail = (await get('/api/instruments/UNTOC/participants/IRN')).json() as {
        participations: unknown[];
        actions: ActionRecord[];
      };
      expect(detail.participations).toEqual([]);
      // The history still has all three entries: signature, the corrected consent and the voided one.
      expect(detail.actions.map((a) => a.id)).toEqual(expect.arrayContaining([iranConsentId, replacementId]));
      // Iran counts again as it did before anything was recorded (Albania's denunciation aside).
      expect((await counts('UNTOC')).counts.contractingParties).toBe(untocPartiesBefore - 1);
    });
  });
});

describe('malformed requests', () => {
  it.each(['role', 'status', 'approvedBy', 'id', 'recordedBy', 'somethingElse'])(
    'mass assignment: an unknown field "%s" is refused, naming it',
    async (field) => {
      const p = await refused(() => post('/api/actions', action({ [field]: 'admin' })), 422);
      const fields = (p.errors ?? []).map((e) => e.field);
      expect(
        fields.some((f) => f === field || f.endsWith(`.${field}`)),
        JSON.stringify(fields),
      ).toBe(true);
      expect(p.errors?.find((e) => e.field.endsWith(field))?.message).toMatch(/unknown field/);
    },
  );

  it('mass assignment: the unknown field is named like every other field (no "body." prefix)', async () => {
    // Other body errors name the field bare ("date", "source"); unknown top-level fields come back as
    // "body.role". Cause: toProblem (src/http/problem.ts) prefixes when `v.instancePath` is truthy, and
    // fastify-type-provider-zod gives "/" (truthy) for the root object.
    const p = await refused(() => post('/api/actions', action({ role: 'admin', approvedBy: 'me' })), 422);
    expect((p.errors ?? []).map((e) => e.field).sort()).toEqual(['approvedBy', 'role']);
  });

  it('mass assignment inside a correction names the nested field', async () => {
    const p = await refused(
      () => post('/api/actions/1/corrections', { reason: 'r', replacement: action({ status: 'approved' }) }),
      422,
    );
    expect((p.errors ?? []).map((e) => e.field)).toContain('replacement.status');
    const q = await refused(() => post('/api/actions/1/corrections', { reason: 'r', approvedBy: 'me' }), 422);
    expect((q.errors ?? []).map((e) => e.field).join(' ')).toMatch(/approvedBy/);
  });

  it.each([
    ['date', { date: 20260115 }],
    ['instrumentId', { instrumentId: 42 }],
    ['participantId', { participantId: 'iran' }],
    ['kind', { kind: 'marriage' }],
    ['source', { source: '' }],
    ['source', { source: ['a'] }],
    ['targetActionId', { targetActionId: '7' }],
    ['notes', { notes: { a: 1 } }],
  ])('wrong type or value of %s: 422 naming it', async (field, overrides) => {
    const p = await refused(() => post('/api/actions', action(overrides)), 422);
    expect(p.errors?.[0]?.field).toBe(field);
  });

  it('a missing required field: 422 naming it', async () => {
    const body = action();
    delete body.source;
    const p = await refused(() => post('/api/actions', body), 422);
    expect(p.errors?.[0]?.field).toBe('source');
  });

  it('a body that is not an object: 422', async () => {
    await refused(() => post('/api/actions', [action()]), 422);
  });

  it('an oversize body (> 1 MiB of JSON): 413 problem+json', async () => {
    const payload = JSON.stringify(action({ notes: 'x'.repeat(1024 * 1024 + 100) }));
    const p = await refused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/actions',
          headers: { ...t.auth, 'content-type': 'application/json' },
          payload,
        }),
      413,
    );
    expect(p.detail).toMatch(/larger/);
  });

  it('invalid JSON: 400 problem+json', async () => {
    await refused(
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/actions',
          headers: { ...t.auth, 'content-type': 'application/json' },
          payload: '{"instrumentId": "UNTOC",',
        }),
      400,
    );
  });

  it('an unknown query parameter on a write: 422', async () => {
    await refused(
      () => post('/api/actions?force=true', action({ participantId: 'PNG', kind: 'accession' })),
      422,
    );
  });
});
