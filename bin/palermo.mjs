#!/usr/bin/env node
// Entry point of the `palermo` command. TypeScript sources run through tsx's loader, so there is no build
// step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

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

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
