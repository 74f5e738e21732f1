#!/usr/bin/env node
// Entry point of the `palermo` command. It loads the compiled server and CLI, dist/palermo.mjs, rebuilding it
// first when the sources changed since it was built (bin/build.mjs): no build step to remember between
// `npm install` and `npm start`, and no TypeScript compiled at every call.
import module from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, ensureBuilt } from './build.mjs';
import { mapStackTraces } from './stack-traces.mjs';

// A reader that goes away early (`palermo status | head`) makes the next write fail with EPIPE. Unix tools
// (git, seq) are ended by SIGPIPE then, silently, which the shell reports as 128 + 13 = 141; Node ignores
// SIGPIPE and would print a stack trace instead, so every command ends the same way as those tools, here,
// before anything is written. Nothing is half-written: a store write commits before its summary is printed,
// and an open transaction rolls back with the process.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(141);
    throw err;
  });
}

// The server's stack traces (in its log) name the TypeScript sources, through the bundle's source maps, read
// when a trace is first written (bin/stack-traces.mjs), not at start. Other commands' errors are one line
// without a stack (NODE_OPTIONS=--enable-source-maps maps their traces too, and then the server's itself).
if (process.argv[2] === 'serve' && !process.sourceMapsEnabled) mapStackTraces(dirname(BUNDLE));
// Node.js 22 and later keep V8's compiled code between calls (in the system's temporary folder), so a call
// does not compile the bundle again; Node.js 20 has no such cache and goes on without it.
module.enableCompileCache?.();
const { runCli } = await import(pathToFileURL(await ensureBuilt()).href);
const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
