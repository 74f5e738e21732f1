// Files of delegations through the API, on both stores: the participant list as CSV and XLSX for the
// Secretariat (read back: header, rows, a formula neutralised), and the certificate of attendance of an
// approved participant of a held event, for the Secretariat and the participant's State only.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { PARTICIPANT_LIST_HEADER } from '../../src/events/documents/participants-list.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { key, noteOf, openSeminar, person, samplePdf } from './delegations-support.ts';

let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let held: number;
let open: number;
let approved: number;
let pending: number;

const post = (url: string, payload: unknown, who = 'admin') =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...as[who], 'idempotency-key': key() },
    payload: payload as Record<string, unknown>,
  });
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  as.admin = t.auth;
  for (const [name, states] of [
    ['senegal', ['SEN']],
    ['ghana', ['GHA']],
  ] as const) {
    const { token } = await issueToken(t.ctx('test-setup'), {
      name,
      role: 'focal_point',
      states: [...states],
    });
    as[name] = { authorization: `Bearer ${token}` };
  }
  held = await openSeminar(t, 'Seminar held in May', undefined, ['2026-05-04', '2026-05-05']);
  const reg = await post(`/api/events/${held}/delegations`, {
    state: 'SEN',
    delegates: [
      person('Aminata', 'Diallo', 'delegate', 'head'),
      { ...person('=HYPERLINK("x")', 'Ndiaye', 'expert'), function: null },
    ],
    noteVerbale: noteOf(samplePdf()),
  });
  const ids = (reg.json() as { delegates: Array<{ id: number }> }).delegates.map((d) => d.id);
  [approved, pending] = [ids[0] ?? 0, ids[1] ?? 0];
  await post(`/api/events/${held}/delegates/${approved}/review`, { decision: 'approve', reason: null });
  open = await openSeminar(t, 'Seminar still open');
  await post(`/api/events/${open}/delegations`, {
    state: 'GHA',
    delegates: [person('Kwame', 'Asante', 'observer', 'head')],
    noteVerbale: noteOf(samplePdf()),
  });
});
afterAll(async () => t.close());

describe('the participant list', () => {
  it('is a CSV for the Secretariat, one row per person, formulas neutralised', async () => {
    const res = await get('admin', `/api/events/${held}/participants.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="participants-${held}.csv"`);
    const rows = parse(res.body, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...PARTICIPANT_LIST_HEADER]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[5], r[6], r[8]])).toEqual([
      ['Senegal', 'head of delegation', 'delegate', 'Aminata', 'Diallo', 'approved'],
      ['Senegal', 'member', 'expert', `'=HYPERLINK("x")`, 'Ndiaye', 'pending'],
    ]);
  });

  it('is an XLSX with the same rows', async () => {
    const res = await get('admin', `/api/events/${held}/participants.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(7).value).toBe('Diallo');
    expect(sheet?.rowCount).toBe(3);
  });

  it('is the Secretariat’s only', async () => {
    expect((await get('senegal', `/api/events/${held}/participants.csv`)).statusCode).toBe(403);
    expect((await get(null, `/api/events/${held}/participants.xlsx`)).statusCode).toBe(401);
  });
});

describe('the certificate of attendance', () => {
  it('is issued to an approved participant of a held event, for the Secretariat and the State', async () => {
    for (const [status, revision] of [
      ['registration_closed', 2],
      ['held', 3],
    ] as const) {
      const res = await post(`/api/events/${held}/status`, { status, reason: null, revision });
      expect(res.statusCode, res.body).toBe(200);
    }
    const url = `/api/events/${held}/delegates/${approved}/certificate.pdf`;
    for (const who of ['admin', 'senegal']) {
      const res = await get(who, `${url}?language=fr`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="certificate-/);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await get('ghana', url)).statusCode).toBe(404);
  });

  it('is refused for a person not approved and for an event not held', async () => {
    const notApproved = await get('admin', `/api/events/${held}/delegates/${pending}/certificate.pdf`);
    expect(notApproved.statusCode).toBe(409);
    expect(notApproved.json().errors[0].field).toBe('delegateId');
    const list = (await get('admin', `/api/events/${open}/delegations`)).json() as {
      delegations: Array<{ delegates: Array<{ id: number }> }>;
    };
    const person = list.delegations[0]?.delegates[0]?.id;
    const notHeld = await get('admin', `/api/events/${open}/delegates/${person}/certificate.pdf`);
    expect(notHeld.statusCode).toBe(409);
    expect(notHeld.json().errors[0].field).toBe('event.status');
    expect((await get('admin', `/api/events/${held}/delegates/999999/certificate.pdf`)).statusCode).toBe(404);
  });
});
