// The server's access log (src/http/access-log.ts): one line per request, when it is answered, for every write
// and every error; successful reads only with PALERMO_ACCESS_LOG=all. Read back from the file the log goes to.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { accessLogFromEnv, serverLogging, type AccessLog } from '../../src/http/access-log.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-access-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  msg: string;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
}

/** The lines a small app logs for GET 200, HEAD 200, GET 404, POST 201 and POST 400, in that order. */
async function linesFor(mode: AccessLog): Promise<Line[]> {
  const file = join(dir, `${mode}.log`);
  const logging = serverLogging({ level: 'info' }, mode, file);
  const app = Fastify(logging.options);
  logging.prepare(app.log);
  app.addHook('onClose', (_app, done) => logging.flush(done));
  app.get('/read', async () => ({ ok: true }));
  app.post('/write', async (request, reply) =>
    (request.body as { bad?: boolean }).bad ? reply.code(400).send({ bad: true }) : reply.code(201).send({}),
  );
  await app.inject({ method: 'GET', url: '/read' });
  await app.inject({ method: 'HEAD', url: '/read' });
  await app.inject({ method: 'GET', url: '/missing' });
  await app.inject({ method: 'POST', url: '/write', payload: {} });
  await app.inject({ method: 'POST', url: '/write', payload: { bad: true } });
  await app.close();
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

/** Each line names its request (the request's own logger, made when the line is written). */
const summary = (lines: Line[]) =>
  lines.map((l) =>
    `${l.msg}${l.reqId ? '' : ' (no reqId)'} ${l.req?.method ?? ''} ${l.req?.url ?? ''} ${l.res?.statusCode ?? ''}`.trim(),
  );

describe('access log', () => {
  it('logs writes and errors, one line each, and no successful read by default', async () => {
    expect(summary(await linesFor('writes-and-errors'))).toEqual([
      'request completed GET /missing 404',
      'request completed POST /write 201',
      'request completed POST /write 400',
    ]);
  });

  it('logs every request once with PALERMO_ACCESS_LOG=all', async () => {
    expect(summary(await linesFor('all'))).toEqual([
      'request completed GET /read 200',
      'request completed HEAD /read 200',
      'request completed GET /missing 404',
      'request completed POST /write 201',
      'request completed POST /write 400',
    ]);
  });

  it('reads the setting, refusing an unknown value with the variable named', () => {
    expect(accessLogFromEnv({})).toBe('writes-and-errors');
    expect(accessLogFromEnv({ PALERMO_ACCESS_LOG: 'all' })).toBe('all');
    expect(() => accessLogFromEnv({ PALERMO_ACCESS_LOG: 'reads' })).toThrow(/PALERMO_ACCESS_LOG: "reads"/);
  });
});
