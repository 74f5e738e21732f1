#!/usr/bin/env node
// Entry point of the `palermo` command. TypeScript sources run through tsx's loader, so there is no build
// step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
