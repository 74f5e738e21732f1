// The real Palermo server for the benchmark, in its own process: a temporary SQLite file (passed by the
// parent), migrated and loaded with the real reference data, listening on 127.0.0.1 on a free port.
// Logs as `palermo serve` does.
// Issues an administrator API token (for the write load) and reports the port and the token over IPC; stops (closing the store) on SIGTERM or when the parent goes away.
// Profiles itself on request (see profiling.ts), and collects its garbage on request (the soak).
import { rmSync } from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { issueToken } from '../src/auth/services/sessions.ts';
import { startServer } from '../src/server/server.ts';
import { systemClock } from '../src/common/clock.ts';
import { RegistryState } from '../src/treaties/registry-state.ts';
import { answerProfileRequests } from './profiling.ts';

const sqlitePath = process.argv[3];
if (!sqlitePath) throw new Error('usage: server-palermo.ts <sqlite path>');

// Logging as `palermo serve` does by default (src/cli/main.ts): pino at LOG_LEVEL or info, the access log
// PALERMO_ACCESS_LOG asks for (default: writes and errors), on standard output.
const server = await startServer({
  sqlitePath,
  port: 0,
  host: '127.0.0.1',
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  // The write load runs on one token far faster than any client's quota allows: it measures the server.
  tokenQuota: false,
});
let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => undefined);
  // The parent removes its temporary directory too, but not if it was killed outright.
  for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());

answerProfileRequests();
// The soak's last sample is taken after a full collection ({type:'gc'} → {type:'gc-done'}): what is still on
// the heap then is kept, not garbage waiting for the next collection.
const collectGarbage = (() => {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'gc') return;
  collectGarbage();
  process.send?.({ type: 'gc-done' });
});
const { token } = await issueToken(
  { store: server.store, clock: systemClock, registry: new RegistryState(server.store), actor: 'bench' },
  { name: 'bench', role: 'admin' },
);
process.send?.({ type: 'listening', port: Number(new URL(server.url).port), token });
