// The languages and the shapes of the names data: apart from names.ts so that the generated names-data.ts can
// name its types without importing the module that imports it.

/** The six official languages of the United Nations, in the UN's own order. */
export const UN_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type UnLanguage = (typeof UN_LANGUAGES)[number];

/** Where a country name comes from: the UNSD M49 list in that language, or Unicode CLDR where M49 has none. */
export type NameSource = 'UNSD M49' | 'CLDR';

/** A participant in the generated data: its CLDR region code (ISO 3166-1 alpha-2, or EU) and recorded names. */
export interface CountryEntry {
  region: string;
  names: Partial<Record<UnLanguage, { text: string; source: NameSource }>>;
}

/** A title in the generated data, as instrument-titles.csv records it. */
export interface TitleEntry {
  title: string;
  shortTitle: string | null;
  source: string;
}
