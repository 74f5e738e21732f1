// The real Palermo server for the benchmark, in its own process, as users run it: `bin/palermo.mjs serve`,
// the compiled bundle, with its default log level and access log (pino at info; an access line for writes
// and errors), no TypeScript loader. It serves a temporary SQLite file (passed by the parent), migrated and
// loaded with the real reference data; `--no-demo` keeps the illustrative fund data out, so that every
// benchmark measures the same data set. Before serving, `palermo token create` issues an administrator API
// token (for the write load); the port and the token go to the parent over IPC.
// Profiles itself on request (profiling.mjs) and collects its garbage on request (the soak); stops on
// SIGTERM (the server's own handler closes the store) or when the parent goes away.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { answerProfileRequests } from './profiling.mjs';

const sqlitePath = process.argv[2];
if (!sqlitePath) throw new Error('usage: server-palermo.mjs <sqlite path>');
const bin = fileURLToPath(new URL('../bin/palermo.mjs', import.meta.url));

/** A port free now, for `--port` (the command prints where it listens, but on its standard output). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const token = execFileSync(
  process.execPath,
  [bin, 'token', 'create', '--role', 'admin', '--name', 'bench', '--db', sqlitePath],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
).trim();
const port = await freePort();

answerProfileRequests();
// The soak's last sample is taken after a full collection ({type:'gc'} → {type:'gc-done'}): what is still on
// the heap then is kept, not garbage waiting for the next collection.
const collectGarbage = (() => {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  return typeof gc === 'function' ? gc : () => undefined;
})();
process.on('message', (/** @type {{ type?: string }} */ message) => {
  if (message.type !== 'gc') return;
  collectGarbage();
  process.send?.({ type: 'gc-done' });
});
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

// The write load runs on one token far faster than a client's quota allows (PALERMO_TOKEN_QUOTA, default
// 1200/60): it measures the server, so the operator's setting turns that quota off; all else is the default.
process.env.PALERMO_TOKEN_QUOTA = 'off';
// What `node bin/palermo.mjs serve …` runs: the command reads its arguments from process.argv, and its
// import ends once the server listens.
process.argv = [
  process.argv[0],
  bin,
  'serve',
  '--port',
  String(port),
  '--host',
  '127.0.0.1',
  '--db',
  sqlitePath,
  '--no-demo',
];
await import(bin);
process.send?.({ type: 'listening', port, token });
