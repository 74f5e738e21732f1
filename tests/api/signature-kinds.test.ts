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
