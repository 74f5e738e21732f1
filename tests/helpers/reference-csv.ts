// A shipped reference file (reference/) read as rows of named cells, for tests that check the data against it.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export type ReferenceRow = Record<string, string>;

export function readReferenceCsv(name: string): ReferenceRow[] {
  return parse(readFileSync(new URL(`../../reference/${name}`, import.meta.url), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as ReferenceRow[];
}
