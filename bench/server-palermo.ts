// The real Palermo server for the benchmark, in its own process: a temporary SQLite file (passed by the
// parent), migrated and loaded with the real reference data, listening on 127.0.0.1 on a free port.
// Issues an administrator API token (for the write load) and reports the port and the token over IPC; stops (closing the store) on SIGTERM or when the parent goes away.
// Profiles itself on request (see profiling.ts).
import { rmSync } from 'node:fs';
import { issueToken } from '../src/auth/services/sessions.ts';
import { startServer } from '../src/http/server.ts';
import { systemClock } from '../src/common/clock.ts';
import { RegistryState } from '../src/treaties/registry-state.ts';
import { answerProfileRequests } from './profiling.ts';

const sqlitePath = process.argv[3];
if (!sqlitePath) throw new Error('usage: server-palermo.ts <sqlite path>');

const server = await startServer({ sqlitePath, port: 0, host: '127.0.0.1', logger: false });
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
const { token } = await issueToken(
  { store: server.store, clock: systemClock, registry: new RegistryState(server.store), actor: 'bench' },
  { name: 'bench', role: 'admin' },
);
process.send?.({ type: 'listening', port: Number(new URL(server.url).port), token });
