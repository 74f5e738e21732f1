// The files of the shipped reference data (reference/, copied from the project's shared data with their
// provenance), read by whichever feature loads its part of them. Here, not in src/reference/, so that a
// feature reading a file does not depend on the loader, which depends on features.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './project-root.ts';

export const REFERENCE_DIR = join(PROJECT_ROOT, 'reference');

export function readReference(name: string): string {
  return readFileSync(join(REFERENCE_DIR, name), 'utf8');
}
