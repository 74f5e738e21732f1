// Capacity under concurrency, on both stores: twenty States register at once for five delegate places; the
// event's row lock (PostgreSQL) or the single connection (SQLite) serialises the registrations, so exactly
// five hold a place and fifteen wait. And an upload cut off midway leaves nothing behind.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DelegationResult } from '../../src/events/delegation-contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { countRows, key, NO_LIMIT, noteOf, openSeminar, person, samplePdf } from './delegations-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
});
afterAll(async () => t.close());

const STATES = ['SEN', 'GHA', 'NGA', 'MLI', 'NER', 'BFA', 'CIV', 'GIN', 'TGO', 'BEN'].concat([
  'LBR',
  'SLE',
  'GMB',
  'GNB',
  'CPV',
  'MRT',
  'FRA',
  'DEU',
  'ITA',
  'ESP',
]);

describe('capacity under concurrency', () => {
  it('gives exactly five places to twenty registrations made at once', async () => {
    const event = await openSeminar(t, 'Seminar with five places', {
      overall: null,
      categories: { ...NO_LIMIT, delegate: 5 },
    });
    const answers = await Promise.all(
      STATES.map((state, i) =>
        t.app.inject({
          method: 'POST',
          url: `/api/events/${event}/delegations`,
          headers: { ...t.auth, 'idempotency-key': key() },
          payload: {
            state,
            delegates: [person(`Given${i}`, `Family${i}`, 'delegate', 'head')],
            noteVerbale: noteOf(samplePdf(state)),
          },
        }),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const statuses = answers.map((a) => (a.json() as DelegationResult).delegates[0]?.status);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(15);
    const stored = await t.store.db
      .selectFrom('event_delegates')
      .select('status')
      .where('event_id', '=', event)
      .execute();
    expect(stored.filter((s) => s.status === 'pending')).toHaveLength(5);
    expect(stored.filter((s) => s.status === 'waitlisted')).toHaveLength(15);
  });
});

describe('an interrupted upload', () => {
  it('leaves nothing behind when the connection drops midway through the body', async () => {
    const event = await openSeminar(t, 'Seminar of the interrupted upload');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const tables = ['event_delegations', 'event_delegates', 'event_delegation_log', 'audit_log'] as const;
    const before = await Promise.all(tables.map((x) => countRows(t, x)));
    const body = JSON.stringify({
      state: 'SEN',
      delegates: [person('Aminata', 'Diallo', 'delegate', 'head')],
      noteVerbale: noteOf(samplePdf()),
    });
    const closed = new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/events/${event}/delegations HTTP/1.1\r\nHost: localhost\r\n` +
            `Authorization: ${t.auth.authorization}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        );
        // Half the body, then the connection is cut, as when a browser tab is closed mid-upload.
        socket.write(body.slice(0, Math.floor(body.length / 2)), () => socket.destroy());
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await closed;
    // A complete request after it is answered: the server is sound, and the cut one wrote nothing.
    const res = await fetch(`${address}/api/events/${event}/attendance`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statesRegistered: 0 });
    expect(await Promise.all(tables.map((x) => countRows(t, x)))).toEqual(before);
  });
});
