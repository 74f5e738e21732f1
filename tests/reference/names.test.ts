// The names the UN uses (src/reference/domain/names.ts): every participant named in the six official languages,
// each in its own script, the counts per source as reference/SOURCES.md states them, the titles of the
// Convention in the six languages, and a search that finds a country by its name in Arabic, Chinese or
// Cyrillic, or in Latin letters without accents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  UN_LANGUAGES,
  countryName,
  findCountries,
  instrumentTitle,
  namedParticipants,
  searchKey,
} from '../../src/reference/domain/names.ts';
import { checkNamesData, referenceRows } from './names-golden.ts';

const countries = referenceRows('countries.csv');
const names = referenceRows('country-names.csv');
const titles = referenceRows('instrument-titles.csv');
const SOURCES = readFileSync(join(import.meta.dirname, '../../reference/SOURCES.md'), 'utf8');

/** The lines of SOURCES.md under a `### heading`, up to the next heading of that level or above. */
function section(heading: string): string {
  const start = SOURCES.indexOf(`### ${heading}`);
  expect(start, `SOURCES.md has a "### ${heading}" section`).toBeGreaterThanOrEqual(0);
  const rest = SOURCES.slice(start + 4);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the generated data module', () => {
  it('is what the reference files give (regenerate: UPDATE_GOLDEN=1, see names-golden.ts)', async () => {
    const { actual, expected } = await checkNamesData();
    expect(actual, 'src/reference/domain/names-data.ts is out of date with reference/').toBe(expected);
  });
});

describe('country names', () => {
  it('names every participant of countries.csv, and only those, in the six languages', () => {
    expect(countries).toHaveLength(198);
    expect(namedParticipants()).toEqual(countries.map((c) => c.iso3));
    for (const c of countries)
      for (const lang of UN_LANGUAGES) {
        const name = countryName(c.iso3 as string, lang);
        expect(name?.text.trim(), `${c.iso3} in ${lang}`).toBeTruthy();
        expect(name?.lang).toBe(lang);
      }
    expect(names).toHaveLength(198 * 6);
  });

  it('writes each name in its language’s script', () => {
    const scripts: Record<string, RegExp> = {
      ar: /^\p{Script=Arabic}$/u,
      zh: /^\p{Script=Han}$/u,
      ru: /^\p{Script=Cyrillic}$/u,
      en: /^\p{Script=Latin}$/u,
      fr: /^\p{Script=Latin}$/u,
      es: /^\p{Script=Latin}$/u,
    };
    for (const r of names) {
      const letters = [...(r.name as string)].filter((ch) => /\p{L}/u.test(ch));
      expect(letters.length, `${r.iso3} ${r.language}`).toBeGreaterThan(0);
      const foreign = letters.filter((ch) => !scripts[r.language as string]?.test(ch));
      expect(foreign, `${r.iso3} in ${r.language}: "${r.name}"`).toEqual([]);
    }
  });

  it('counts its rows per source as SOURCES.md states them', () => {
    const stated = Object.fromEntries(
      [...section('`country-names.csv`').matchAll(/^\| (UNSD M49|CLDR) \| (\d+) \|$/gm)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    const counted: Record<string, number> = {};
    for (const r of names) counted[r.source as string] = (counted[r.source as string] ?? 0) + 1;
    expect(Object.keys(stated).length, 'SOURCES.md states a count per source').toBeGreaterThan(0);
    expect(counted).toEqual(stated);
    for (const r of names)
      expect(countryName(r.iso3 as string, r.language as string)?.source, `${r.iso3} ${r.language}`).toBe(r.source);
  });

  it('differs in English from countries.csv only where SOURCES.md says so', () => {
    const differing = countries
      .filter((c) => countryName(c.iso3 as string, 'en')?.text !== c.name)
      .map((c) => c.iso3 as string);
    expect(differing).toEqual(['CIV', 'NLD']);
    for (const iso3 of differing) expect(section('`country-names.csv`')).toContain(iso3);
  });

  it('falls back to Unicode CLDR, so marked, outside the six languages; knows no other code', () => {
    expect(countryName('EGY', 'de')).toEqual({ text: 'Ägypten', lang: 'de', source: 'CLDR' });
    expect(countryName('EUU', 'de')?.source).toBe('CLDR');
    expect(countryName('XYZ', 'en')).toBeNull();
    expect(countryName('EGY', 'not a language!')).toBeNull();
  });
});

describe('instrument titles', () => {
  it('gives the Convention’s title in each of the six languages from its recorded source', () => {
    for (const lang of UN_LANGUAGES) {
      const t = instrumentTitle('UNTOC', lang);
      expect(t?.lang, lang).toBe(lang);
      expect(t?.text).toBeTruthy();
      expect(t?.source).toMatch(/https?:\/\//);
    }
    expect(instrumentTitle('UNTOC', 'zh')?.text).toMatch(/^\p{Script=Han}+$/u);
    expect(instrumentTitle('UNTOC', 'ru')?.text).toMatch(/^[\p{Script=Cyrillic} ]+$/u);
    expect(instrumentTitle('UNTOC', 'ar')?.text).toMatch(/^[\p{Script=Arabic} ]+$/u);
  });

  it('has the English titles of instruments.csv', () => {
    for (const i of referenceRows('instruments.csv'))
      expect(instrumentTitle(i.id as string, 'en')?.text).toBe(i.title);
  });

  it('records exactly the titles SOURCES.md lists as found', () => {
    const table = section('`instrument-titles.csv`');
    for (const i of referenceRows('instruments.csv')) {
      const row = table.match(new RegExp(`^\\| ${i.id} \\|(.*)\\|$`, 'm'));
      expect(row, `SOURCES.md lists ${i.id}`).not.toBeNull();
      const stated = (row?.[1] ?? '').split('|').map((cell) => cell.trim() === 'yes');
      const recorded = UN_LANGUAGES.map((lang) => titles.some((t) => t.instrument === i.id && t.language === lang));
      expect(stated, `${i.id} in ${UN_LANGUAGES.join(' ')}`).toEqual(recorded);
    }
  });

  it('falls back to the English title, so marked, never to a translation', () => {
    const t = instrumentTitle('FIREARMS', 'de');
    expect(t?.lang).toBe('en');
    expect(t?.text).toBe(instrumentTitle('FIREARMS', 'en')?.text);
    expect(instrumentTitle('NOPE', 'en')).toBeNull();
  });
});

describe('findCountries', () => {
  const first = (q: string, lang: string): string | undefined => findCountries(q, lang)[0]?.iso3;

  it('finds a country by its name in Arabic, Chinese and Cyrillic', () => {
    expect(first('مصر', 'ar')).toBe('EGY');
    expect(first('中国', 'zh')).toBe('CHN');
    expect(first('Египет', 'ru')).toBe('EGY');
    expect(findCountries('中国', 'zh').map((m) => m.iso3)).toContain('CHN');
  });

  it('ignores case and accents in Latin scripts, and the kind of apostrophe', () => {
    expect(first('egypte', 'fr')).toBe('EGY');
    expect(first('ÉGYPTE', 'fr')).toBe('EGY');
    expect(first("cote d'ivoire", 'en')).toBe('CIV');
    expect(first('turkiye', 'es')).toBe('TUR');
    expect(first('  pays-bas ', 'fr')).toBe('NLD');
  });

  it('ignores case in Cyrillic and marks in Arabic', () => {
    expect(first('ЕГИПЕТ', 'ru')).toBe('EGY');
    expect(first('الجزائر', 'ar')).toBe('DZA');
    expect(searchKey('إندونيسيا')).toBe(searchKey('اندونيسيا'));
    expect(findCountries('اندونيسيا', 'ar').map((m) => m.iso3)).toEqual(['IDN']);
  });

  it('puts the whole-name match first, then names that start with the query', () => {
    expect(findCountries('niger', 'en').map((m) => m.iso3)).toEqual(['NER', 'NGA']);
    expect(findCountries('guinea', 'en')[0]?.iso3).toBe('GIN');
  });

  it('finds nothing for an empty query or a name in another script', () => {
    expect(findCountries('   ', 'en')).toEqual([]);
    expect(findCountries('Egypt', 'ar')).toEqual([]);
  });

  it('answers each match with the name and its source', () => {
    expect(findCountries('European', 'en')).toEqual([
      { iso3: 'EUU', name: { text: 'European Union', lang: 'en', source: 'CLDR' } },
    ]);
  });
});
