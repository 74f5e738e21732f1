#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) through tsx's loader.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: run-ts.mjs <file.ts> [args]\n');
  process.exit(2);
}
await import(pathToFileURL(resolve(file)).href);
