// The project's root directory, where package.json, reference/ and web/dist/ sit. Code runs from two places:
// src/ (tests, tsx) and the bundle in dist/ that the `palermo` command loads (bin/build.mjs), so a path
// written relative to a module would point elsewhere once bundled: files that ship beside the code are found
// from here instead, walking up from this module to the first directory holding a package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
