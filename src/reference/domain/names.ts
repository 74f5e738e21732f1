// The names the United Nations uses, in its six official languages: country names as the UNSD M49 list writes
// them and the titles of the Convention and its Protocols from their authentic texts (reference/SOURCES.md).
//
// Why a generated data module (names-data.ts) and not the CSV read at call time, as the server's other reference
// loaders do: the web reads its country data from the API today, but a search by a name in Arabic or Chinese,
// and labels in the reader's language, are wanted in the browser too, where there is no file system. The web may
// import from src/ only contracts and pure domain code (tests/architecture.test.ts), so the names live here, in
// a domain folder, as plain data. reference/country-names.csv and reference/instrument-titles.csv stay the
// reviewed source; tests/reference/names.test.ts fails when the module differs from them and says how to
// regenerate it. About 90 kB of source: a page that needs it should load it on demand (a dynamic import).
import { COUNTRY_NAMES, INSTRUMENT_TITLES } from './names-data.ts';
import { UN_LANGUAGES, type CountryEntry, type NameSource, type TitleEntry, type UnLanguage } from './names-shapes.ts';

export { UN_LANGUAGES, type CountryEntry, type NameSource, type TitleEntry, type UnLanguage };

export interface CountryName {
  text: string;
  /** The language the text is in (a BCP 47 tag), for a `lang` attribute. */
  lang: string;
  source: NameSource;
}

export interface InstrumentTitle {
  text: string;
  /** The short title the authentic text itself gives, if any. */
  shortTitle: string | null;
  /** The language the text is in: the one asked for, or English when that language's title is not recorded. */
  lang: UnLanguage;
  /** The authentic text (or its published copy) the title was read from. */
  source: string;
}

export function isUnLanguage(lang: string): lang is UnLanguage {
  return (UN_LANGUAGES as readonly string[]).includes(lang);
}

function cldrName(iso3: string, lang: string): CountryName | null {
  const region = COUNTRY_NAMES[iso3]?.region;
  if (!region) return null;
  try {
    const text = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(region);
    return text ? { text, lang, source: 'CLDR' } : null;
  } catch {
    return null; // a malformed language tag: no name rather than an error
  }
}

/**
 * The name of a participant (ISO3 code as in reference/countries.csv, EUU for the European Union) in a language:
 * the recorded name in one of the six, else Unicode CLDR's through Intl.DisplayNames, marked as such; null for
 * a code the reference data does not know.
 */
export function countryName(iso3: string, lang: string): CountryName | null {
  const entry = COUNTRY_NAMES[iso3];
  if (!entry) return null;
  const recorded = isUnLanguage(lang) ? entry.names[lang] : undefined;
  if (recorded) return { text: recorded.text, lang, source: recorded.source };
  return cldrName(iso3, lang);
}

/**
 * The title of an instrument (its id in reference/instruments.csv: UNTOC, TIP, SOM, FIREARMS) in a language,
 * from its authentic text; the English title, so marked by `lang`, where that language's is not recorded (never
 * a translation of ours); null for an unknown instrument.
 */
export function instrumentTitle(code: string, lang: string): InstrumentTitle | null {
  const titles = INSTRUMENT_TITLES[code];
  if (!titles) return null;
  const chosen: UnLanguage = isUnLanguage(lang) && titles[lang] ? lang : 'en';
  const t = titles[chosen];
  return t ? { text: t.title, shortTitle: t.shortTitle, lang: chosen, source: t.source } : null;
}

/**
 * What a search compares: lower case, without accents or other combining marks (so "cote d'ivoire" finds
 * "Côte d’Ivoire", "е" finds "ё", and Arabic without its short vowels or hamza finds the written name), with
 * apostrophes and spaces made uniform. Han characters pass through as they are.
 */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

export interface CountryMatch {
  iso3: string;
  name: CountryName;
}

/**
 * The participants whose name in `lang` contains the query (see searchKey): whole-name matches first, then
 * names starting with it, then the rest, each group in the order of the language's collation.
 */
export function findCountries(query: string, lang: string): CountryMatch[] {
  const q = searchKey(query);
  if (q === '') return [];
  const found: Array<CountryMatch & { rank: number }> = [];
  for (const iso3 of Object.keys(COUNTRY_NAMES)) {
    const name = countryName(iso3, lang);
    if (!name) continue;
    const key = searchKey(name.text);
    const at = key.indexOf(q);
    if (at < 0) continue;
    found.push({ iso3, name, rank: key === q ? 0 : at === 0 ? 1 : 2 });
  }
  const collator = new Intl.Collator(isUnLanguage(lang) ? lang : 'en');
  return found
    .sort((a, b) => a.rank - b.rank || collator.compare(a.name.text, b.name.text))
    .map(({ iso3, name }) => ({ iso3, name }));
}

/** Every participant code the names cover, in the order of reference/countries.csv. */
export function namedParticipants(): string[] {
  return Object.keys(COUNTRY_NAMES);
}
