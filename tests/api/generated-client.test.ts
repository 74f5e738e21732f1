// A client generated from the live document works: openapi-typescript turns the /openapi.json a real server
// (on a real port, real store) serves into TypeScript types, a short client script written against them
// type-checks with tsc (and a script that gets a parameter wrong does not), and the script's journey runs
// with openapi-fetch against that server: the status of UNTOC as at a date, read without credentials, then
// with an API token an action recorded and a donor's statement read after a payment.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/common/project-root.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const run = promisify(execFile);

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'palermo-client-'));
  const res = await fetch(`${server.url}/openapi.json`);
  expect(res.status).toBe(200);
  const types = astToString(await openapiTS((await res.json()) as Parameters<typeof openapiTS>[0]));
  writeFileSync(join(dir, 'palermo-api.ts'), types);
  writeFileSync(join(dir, 'journey.ts'), JOURNEY);
  writeFileSync(join(dir, 'wrong.ts'), WRONG);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        lib: ['ES2022', 'DOM'],
        types: [],
        // The client's one dependency, from the project's node_modules (the scripts live in a temporary dir).
        paths: { 'openapi-fetch': [join(PROJECT_ROOT, 'node_modules', 'openapi-fetch')] },
      },
      files: ['journey.ts', 'wrong.ts'],
    }),
  );
}, 60_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await server?.close();
});

/** The client script: typed by the generated `paths` alone; createClient is handed in at run time. */
const JOURNEY = `
import type createClient from 'openapi-fetch';
import type { paths } from './palermo-api.ts';

export async function journey(create: typeof createClient, baseUrl: string, token: string) {
  const anonymous = create<paths>({ baseUrl });
  const status = await anonymous.GET('/api/instruments/{instrumentId}/status', {
    params: { path: { instrumentId: 'UNTOC' }, query: { asOf: '2003-09-29' } },
  });
  if (!status.data) throw new Error('status: ' + JSON.stringify(status.error));
  const parties: number = status.data.counts.partiesInForce;

  const client = create<paths>({ baseUrl, headers: { authorization: 'Bearer ' + token } });
  const recorded = await client.POST('/api/actions', {
    body: {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      kind: 'notification',
      date: '2025-01-10',
      article: '18(13)',
      source: 'generated-client journey',
    },
  });
  // 201 holds the action recorded; 200 is a dry run's answer, whose \`action: null\` openapi-fetch's
  // Readable<> type drops (a property typed null alone), hence the narrowing by \`in\`.
  const created = recorded.data;
  if (!created || !('action' in created)) throw new Error('record: ' + JSON.stringify(recorded.error));
  const actionId: number = created.action.id;

  const donor = await client.POST('/api/fund/donors', {
    params: { header: { 'idempotency-key': 'journey-donor-0001' } },
    body: { id: 'JOURNEY', name: 'Journey Foundation', kind: 'foundation' },
  });
  if (!donor.data) throw new Error('donor: ' + JSON.stringify(donor.error));
  const earmark = await client.POST('/api/fund/earmarks', {
    params: { header: { 'idempotency-key': 'journey-earmark-0001' } },
    body: { id: 'JOURNEY-GENERAL', name: 'General purpose', purpose: 'general', iatiCategory: 1 },
  });
  if (!earmark.data) throw new Error('earmark: ' + JSON.stringify(earmark.error));
  const paid = await client.POST('/api/fund/payments', {
    params: { header: { 'idempotency-key': 'journey-payment-0001' } },
    body: {
      donorId: 'JOURNEY',
      earmarkId: 'JOURNEY-GENERAL',
      receivedOn: '2026-03-10',
      currency: 'USD',
      amount: '1000.00',
    },
  });
  if (!paid.data) throw new Error('payment: ' + JSON.stringify(paid.error));
  const statement = await client.GET('/api/fund/donors/{donorId}/statement', {
    params: { path: { donorId: 'JOURNEY' }, query: { asOf: '2026-06-30' } },
  });
  if (!statement.data) throw new Error('statement: ' + JSON.stringify(statement.error));
  const contributions: string = statement.data.totals.contributions;

  // An error is the problem+json the document promises, typed as such.
  const missing = await client.GET('/api/actions/{actionId}', { params: { path: { actionId: 2147483647 } } });
  const problem = missing.error ? { status: missing.error.status, detail: missing.error.detail } : null;

  return {
    asOf: status.data.asOf,
    parties,
    actionId,
    requestId: recorded.response.headers.get('x-request-id'),
    contributions,
    problem,
  };
}
`;

/** The same client getting an operation wrong: tsc must refuse it. */
const WRONG = `
import createClient from 'openapi-fetch';
import type { paths } from './palermo-api.ts';

const client = createClient<paths>({ baseUrl: 'http://localhost' });
export const wrong = client.GET('/api/instruments/{instrumentId}/status', {
  params: { path: { instrument: 'UNTOC' } },
});
`;

describe('a client generated from /openapi.json', () => {
  it('type-checks against the generated types, and a wrong parameter does not', async () => {
    const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const out = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    const errors = out.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors.length, out).toBeGreaterThan(0);
    // Every error is in the wrong script, none in the journey.
    expect(
      errors.filter((line) => !line.includes('wrong.ts(')),
      out,
    ).toEqual([]);
    expect(out).toMatch(/wrong\.ts\(7,\d+\): error TS\d+: .*'instrument' does not exist/);
  }, 120_000);

  it('runs the journey against the live server with openapi-fetch', async () => {
    const { journey } = (await import(pathToFileURL(join(dir, 'journey.ts')).href)) as {
      journey: (
        create: typeof createClient,
        baseUrl: string,
        token: string,
      ) => Promise<{
        asOf: string;
        parties: number;
        actionId: number;
        requestId: string | null;
        contributions: string;
        problem: { status: number; detail: string } | null;
      }>;
    };
    const result = await journey(createClient, server.url, server.token);
    // UNTOC entered into force on 2003-09-29, 90 days after the 40th instrument (art. 38(1)).
    expect(result.asOf).toBe('2003-09-29');
    expect(result.parties).toBeGreaterThanOrEqual(40);
    expect(result.actionId).toBeGreaterThan(0);
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.contributions).toBe('1000.00');
    expect(result.problem).toMatchObject({ status: 404 });
  }, 60_000);
});
