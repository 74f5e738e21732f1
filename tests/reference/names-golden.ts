// src/reference/domain/names-data.ts is written from the reviewed reference files (country-names.csv,
// country-alpha2.csv, instrument-titles.csv), never by hand: this renders it, and names.test.ts compares.
//
// Regenerate after a reviewed change of those files:
//   UPDATE_GOLDEN=1 npx vitest run tests/reference/names.test.ts
// CI (CI=true) refuses to regenerate: there the file is only compared.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { format, resolveConfig } from 'prettier';

const ROOT = join(import.meta.dirname, '../..');
export const DATA_MODULE = join(ROOT, 'src/reference/domain/names-data.ts');

type Row = Record<string, string>;

export function referenceRows(file: string): Row[] {
  return parse(readFileSync(join(ROOT, 'reference', file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Row[];
}

const HEADER = `// GENERATED from reference/country-names.csv, reference/country-alpha2.csv and reference/instrument-titles.csv
// (their provenance: reference/SOURCES.md). Do not edit: change those files, then run
//   UPDATE_GOLDEN=1 npx vitest run tests/reference/names.test.ts
// Read through names.ts.

import type { CountryEntry, TitleEntry, UnLanguage } from './names-shapes.ts';
`;

/** The data module's text, as Prettier would leave it. */
export async function renderNamesData(): Promise<string> {
  const alpha2 = new Map(referenceRows('country-alpha2.csv').map((r) => [r.iso3, r.alpha2]));
  const countries: Record<string, { region: string; names: Record<string, { text: string; source: string }> }> =
    {};
  for (const r of referenceRows('country-names.csv')) {
    const iso3 = r.iso3 as string;
    const region = alpha2.get(iso3) ?? (iso3 === 'EUU' ? 'EU' : '');
    countries[iso3] ??= { region, names: {} };
    countries[iso3].names[r.language as string] = { text: r.name as string, source: r.source as string };
  }
  const titles: Record<string, Record<string, { title: string; shortTitle: string | null; source: string }>> = {};
  for (const r of referenceRows('instrument-titles.csv')) {
    const code = r.instrument as string;
    titles[code] ??= {};
    titles[code][r.language as string] = {
      title: r.title as string,
      shortTitle: r.short_title ? (r.short_title as string) : null,
      source: r.source as string,
    };
  }
  const text = `${HEADER}
export const COUNTRY_NAMES: Readonly<Record<string, CountryEntry>> = ${JSON.stringify(countries)};

export const INSTRUMENT_TITLES: Readonly<Record<string, Partial<Record<UnLanguage, TitleEntry>>>> = ${JSON.stringify(titles)};
`;
  const options = await resolveConfig(DATA_MODULE);
  return format(text, { ...options, filepath: DATA_MODULE });
}

/** Compares the data module with its rendering; writes it instead when asked to (never on CI). */
export async function checkNamesData(): Promise<{ actual: string; expected: string }> {
  const expected = await renderNamesData();
  if (process.env.UPDATE_GOLDEN === '1') {
    if (process.env.CI === 'true') throw new Error('UPDATE_GOLDEN is refused on CI: regenerate locally and review');
    writeFileSync(DATA_MODULE, expected);
  }
  let actual = '';
  try {
    actual = readFileSync(DATA_MODULE, 'utf8');
  } catch {
    // compared below as empty: the test says how to generate it
  }
  return { actual, expected };
}
