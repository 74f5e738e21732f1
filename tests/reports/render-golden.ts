// The renderers' golden files (tests/reports/golden/): each format's exact bytes for the fixed fixture, and
// beside each a text companion a reviewer can read in a diff (the zip's entries with their SHA-256, the
// PDF's text page by page). Regenerate, then review the diff like code:
//   UPDATE_GOLDEN=1 npx vitest run tests/reports/render.test.ts tests/reports/render-pdf.test.ts
// (refused when CI is set: a golden file is written on a developer's machine and reviewed, never in CI).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';

export const GOLDEN_DIR = join(import.meta.dirname, 'golden');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A zip's entries in order, each with its size and SHA-256. */
export async function zipManifest(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const lines: string[] = [];
  for (const entry of Object.values(zip.files)) {
    const content = await entry.async('uint8array');
    lines.push(`${entry.name} ${content.length} ${sha256(content)}`);
  }
  return `${lines.join('\n')}\n`;
}

function updating(): boolean {
  if (!process.env.UPDATE_GOLDEN) return false;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(
      'UPDATE_GOLDEN is refused in CI: regenerate the golden files locally and review the diff',
    );
  return true;
}

/** The bytes equal the golden file `name` (and the companion text equals `name.txt` when given). */
export function expectGolden(name: string, bytes: Buffer, companion?: string): void {
  const file = join(GOLDEN_DIR, name);
  if (updating()) {
    writeFileSync(file, bytes);
    if (companion !== undefined) writeFileSync(`${file}.txt`, companion);
  }
  if (!existsSync(file))
    throw new Error(
      `no golden file ${name}: run UPDATE_GOLDEN=1 npx vitest run ${'tests/reports/render*.test.ts'}`,
    );
  if (companion !== undefined)
    expect(companion, `${name}.txt (regenerate as tests/reports/render-golden.ts says)`).toBe(
      readFileSync(`${file}.txt`, 'utf8'),
    );
  expect(
    bytes.equals(readFileSync(file)),
    `${name} differs from its golden file (${bytes.length} bytes)`,
  ).toBe(true);
}
