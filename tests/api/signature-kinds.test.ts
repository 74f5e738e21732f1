// Signature through the API, for treaties unlike the shipped four: an instrument open for signature with no
// closing date, one not open for signature at all, and (below) a successor State's succession to its
// predecessor's signature. Every refusal is checked to have written nothing. Both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirtyPlusNinety, writtenCounts, type Problem, type Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: t.auth, payload: payload as Record<string, unknown> });

async function ok(res: Res, status = 201): Promise<Record<string, unknown>> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown>;
}

/** Runs a request that must be refused with `status`, and checks that nothing was written. */
async function refused(request: () => Promise<Res>, status: number): Promise<Problem> {
  const before = await writtenCounts(t.store);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect(await writtenCounts(t.store)).toEqual(before);
  return res.json() as Problem;
}

const action = (overrides: Record<string, unknown>) => ({
  participantId: 'ARM',
  kind: 'signature',
  source: 'test: signature-kinds.test.ts',
  ...overrides,
});

async function signatories(instrumentId: string): Promise<number> {
  const res = await get(`/api/instruments/${instrumentId}/status`);
  return (res.json() as { counts: { signatories: number } }).counts.signatories;
}

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('signature periods', () => {
  it('the shipped instruments are open for signature until their closing date', async () => {
    const untoc = await ok(await get('/api/instruments/UNTOC'), 200);
    expect(untoc).toMatchObject({
      signature: 'open',
      signatureOpensOn: '2000-12-12',
      signatureClosesOn: '2002-12-12',
    });
  });

  it('open with no closing date: a signature years after it opened is recorded and counted', async () => {
    const defined = await ok(
      await post(
        '/api/instruments',
        thirtyPlusNinety('OPENSIG', { signature: 'open', signatureClosesOn: null }),
      ),
    );
    expect(defined).toMatchObject({
      signature: 'open',
      signatureOpensOn: '2003-12-09',
      signatureClosesOn: null,
    });
    await ok(await post('/api/actions', action({ instrumentId: 'OPENSIG', date: '2025-05-04' })));
    expect(await signatories('OPENSIG')).toBe(1);
    // Still not before it opens.
    const p = await refused(
      () =>
        post('/api/actions', action({ instrumentId: 'OPENSIG', participantId: 'ALB', date: '2003-12-08' })),
      422,
    );
    expect(p.errors?.[0]?.field).toBe('date');
    expect(p.detail).toMatch(/open for signature from 2003-12-09, with no closing date/);
  });

  it('a first day of signature without a closing date and without a mode: open with no closing date', async () => {
    const defined = await ok(
      await post('/api/instruments', thirtyPlusNinety('OPENSIG2', { signatureClosesOn: undefined })),
    );
    expect(defined).toMatchObject({ signature: 'open', signatureClosesOn: null });
    await ok(await post('/api/actions', action({ instrumentId: 'OPENSIG2', date: '2026-01-15' })));
  });

  it('not open for signature: every signature is refused; participants accede', async () => {
    const defined = await ok(
      await post(
        '/api/instruments',
        thirtyPlusNinety('NOSIG', { signature: 'none', signatureOpensOn: null, signatureClosesOn: null }),
      ),
    );
    expect(defined).toMatchObject({ signature: 'none', signatureOpensOn: null, signatureClosesOn: null });
    const p = await refused(
      () => post('/api/actions', action({ instrumentId: 'NOSIG', date: '2004-01-15' })),
      422,
    );
    expect(p.errors?.[0]?.field).toBe('kind');
    expect(p.detail).toMatch(/not open for signature/);
    await ok(
      await post('/api/actions', action({ instrumentId: 'NOSIG', kind: 'accession', date: '2004-01-15' })),
    );
  });

  it.each([
    [
      'open without a first day',
      { signature: 'open', signatureOpensOn: null, signatureClosesOn: null },
      'signatureOpensOn',
    ],
    ['none with signature dates', { signature: 'none' }, 'signature'],
    ['a closing date without a first day', { signatureOpensOn: null }, 'signatureOpensOn'],
    ['an unknown mode', { signature: 'sometimes' }, 'signature'],
  ])('a definition with %s is refused (422, field named)', async (_label, overrides, field) => {
    const p = await refused(() => post('/api/instruments', thirtyPlusNinety('BADSIG', overrides)), 422);
    expect(p.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('succession to signature ("d")', () => {
  const succession = (overrides: Record<string, unknown> = {}) =>
    action({
      instrumentId: 'UNTOC',
      participantId: 'SSD',
      kind: 'succession_to_signature',
      date: '2012-01-20',
      targetParticipantId: 'SDN',
      ...overrides,
    });

  it('is recorded after the signature period closed, names the predecessor and counts as a signature', async () => {
    const before = await signatories('UNTOC');
    // An ordinary signature that late is refused: the period closed on 2002-12-12.
    await refused(
      () => post('/api/actions', succession({ kind: 'signature', targetParticipantId: null })),
      422,
    );
    const recorded = await ok(await post('/api/actions', succession()));
    expect(recorded.action).toMatchObject({
      kind: 'succession_to_signature',
      date: '2012-01-20',
      targetParticipantId: 'SDN',
    });
    expect(recorded.effect).toMatchObject({
      statusAfter: { signed: 'yes', signatureKind: 'succession_to_signature', signatureDate: '2012-01-20' },
    });
    expect(await signatories('UNTOC')).toBe(before + 1);
    const status = (await get('/api/instruments/UNTOC/status')).json() as {
      participants: Array<{
        participantId: string;
        signatureKind: string | null;
        signatureDate: string | null;
      }>;
    };
    expect(status.participants.find((p) => p.participantId === 'SSD')).toMatchObject({
      signatureKind: 'succession_to_signature',
      signatureDate: '2012-01-20',
    });
    expect(status.participants.find((p) => p.participantId === 'SDN')).toMatchObject({
      signatureKind: 'signature',
    });
    const country = (await get('/api/participants/SSD')).json() as {
      instruments: Array<{
        instrumentId: string;
        signatureKind: string | null;
        signatureDate: string | null;
      }>;
    };
    expect(country.instruments.find((i) => i.instrumentId === 'UNTOC')).toMatchObject({
      signatureKind: 'succession_to_signature',
      signatureDate: '2012-01-20',
    });
    // One signature each.
    await refused(() => post('/api/actions', succession({ date: '2013-01-20' })), 409);
  });

  it.each([
    [
      'by a State already a party (Montenegro succeeded to UNTOC in 2006)',
      { participantId: 'MNE' },
      422,
      'kind',
    ],
    ['by an organization', { participantId: 'EUU', targetParticipantId: null }, 422, 'participantId'],
    [
      'naming itself as its predecessor',
      { participantId: 'TUV', targetParticipantId: 'TUV' },
      422,
      'targetParticipantId',
    ],
    [
      'naming an unknown predecessor',
      { participantId: 'TUV', targetParticipantId: 'XXX' },
      404,
      'targetParticipantId',
    ],
    ['on an instrument not open for signature', { instrumentId: 'NOSIG', participantId: 'TUV' }, 422, 'kind'],
  ])('is refused %s', async (_label, overrides, status, field) => {
    const p = await refused(() => post('/api/actions', succession(overrides)), status);
    expect(p.errors?.[0]?.field).toBe(field);
  });

  const importTable = (csv: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/imports/participant-table?instrumentId=TIP',
      headers: { ...t.auth, 'content-type': 'text/csv' },
      payload: csv,
    });
  const HEADER = 'participant,iso3,signature_date,consent_date,consent_kind,as_of,source,notes,predecessor';

  it('is imported from a participant table: "d" after the signature date, the predecessor in its column', async () => {
    const csv = `${HEADER}\nSouth Sudan,SSD,2012-02-01 d,,,,test,,SDN\n`;
    expect(await ok(await importTable(csv), 200)).toEqual({ rows: 1, recorded: 1, alreadyPresent: 0 });
    expect(await ok(await importTable(csv), 200)).toEqual({ rows: 1, recorded: 0, alreadyPresent: 1 });
    const actions = (await get('/api/instruments/TIP/actions?participant=SSD')).json() as {
      actions: Array<{
        participantId: string;
        kind: string;
        date: string;
        targetParticipantId: string | null;
      }>;
    };
    expect(actions.actions.filter((a) => a.participantId === 'SSD')).toMatchObject([
      { kind: 'succession_to_signature', date: '2012-02-01', targetParticipantId: 'SDN' },
    ]);
  });

  it('a predecessor without the "d" marker is refused, with its line and column', async () => {
    const p = await refused(() => importTable(`${HEADER}\nTuvalu,TUV,2001-02-01,,,,test,,SDN\n`), 422);
    expect(p.errors?.map((e) => e.field)).toEqual(['line 2, predecessor']);
  });
});
