/// <reference types="vite/client" />
// Checks every language of the web application against English, the reference set: the same keys
// (plural families compared by their base key), the same placeholders key by key, every plural form the
// language's Intl.PluralRules asks for, and in the languages that use another script, no string left in
// English. A locale file added to this folder is checked without being listed here.
import { describe, expect, it } from 'vitest';
import en, { type LocaleMeta } from './en.ts';
import { PSEUDO_GROWTH, pseudoLocalize, pseudoString } from './pseudo.ts';

type Tree = { [key: string]: string | Tree };
interface LocaleModule {
  default: Tree;
  meta: LocaleMeta;
}

const modules = import.meta.glob<LocaleModule>('./*.ts', { eager: true });
const LOCALES: Record<string, LocaleModule> = {};
for (const [file, module] of Object.entries(modules)) {
  const code = /^\.\/([a-z]{2})\.ts$/.exec(file)?.[1];
  if (code && code !== 'en') LOCALES[code] = module;
}

/** The Intl locale of each language, as web/src/i18n.ts sets it (that file needs a browser to load). */
const INTL: Record<string, string> = {
  ar: 'ar-u-nu-latn',
  zh: 'zh-CN',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

/**
 * Plural forms a language may leave out, filled from its `_other` when it loads (web/src/i18n.ts): in French
 * and Spanish `many` is for exact millions ("1 000 000 de participants") and reads as `other` with digits.
 */
const MAY_OMIT: Record<string, string[]> = { fr: ['many'], es: ['many'] };

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The key without its plural suffix, when English has that family. */
function baseKey(key: string, englishFamilies: Set<string>): string {
  const m = PLURAL.exec(key);
  return m && englishFamilies.has(m[1]!) ? m[1]! : key;
}

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]!));
}

const english = flatten(en as unknown as Tree);
const englishFamilies = new Set([...english.keys()].flatMap((k) => PLURAL.exec(k)?.[1] ?? []));
const englishBases = new Set([...english.keys()].map((k) => baseKey(k, englishFamilies)));

/** Words that are the same in every language: names, codes and formats. */
const SAME_EVERYWHERE =
  /\b(?:Palermo|CSV|XLSX|Excel|JSON|PDF|DOCX|USD|UTC|KB|MB|IATI|UNTOC|TIP|SOM|FIREARMS|English|Français)\b/g;

function allowedAsEnglish(text: string): boolean {
  const rest = text.replace(/\{\{[^}]*\}\}/g, '').replace(SAME_EVERYWHERE, '');
  return !/[A-Za-z]{2,}/.test(rest);
}

describe('the locale files', () => {
  it('include the six UN languages', () => {
    expect(Object.keys(LOCALES).sort()).toEqual(['ar', 'es', 'fr', 'ru', 'zh']);
  });

  describe.each(Object.keys(LOCALES))('%s', (code) => {
    const module = LOCALES[code]!;
    const messages = flatten(module.default);
    const categories = new Intl.PluralRules(INTL[code]).resolvedOptions().pluralCategories as string[];

    it('has every key of English and no other, plural forms aside', () => {
      const bases = new Set([...messages.keys()].map((k) => baseKey(k, englishFamilies)));
      expect([...englishBases].filter((k) => !bases.has(k))).toEqual([]);
      expect([...bases].filter((k) => !englishBases.has(k))).toEqual([]);
    });

    it('gives every plural form its plural rules use, and none they do not', () => {
      const missing: string[] = [];
      const extra: string[] = [];
      for (const family of englishFamilies) {
        for (const category of categories) {
          if (MAY_OMIT[code]?.includes(category)) continue;
          if (!messages.has(`${family}_${category}`)) missing.push(`${family}_${category}`);
        }
        for (const key of messages.keys()) {
          const m = PLURAL.exec(key);
          // _zero is looked up for a count of 0 in every language (i18next), so it is never extra.
          if (m?.[1] === family && m[2] !== 'zero' && !categories.includes(m[2]!)) extra.push(key);
        }
      }
      expect(missing).toEqual([]);
      expect(extra).toEqual([]);
    });

    it('keeps the placeholders of English, key by key', () => {
      const wrong: string[] = [];
      for (const [key, text] of messages) {
        const plural = PLURAL.exec(key);
        const family = plural && englishFamilies.has(plural[1]!) ? plural[1]! : null;
        const reference = family
          ? new Set([
              ...placeholders(english.get(`${family}_other`) ?? ''),
              ...placeholders(english.get(`${family}_one`) ?? ''),
            ])
          : placeholders(english.get(key) ?? '');
        const mine = placeholders(text);
        // A plural form may leave the count out ("one user", "two users" in Arabic), nothing else.
        const needed = [...reference].filter((p) => !(family && p === 'count'));
        if (needed.some((p) => !mine.has(p)) || [...mine].some((p) => !reference.has(p))) {
          wrong.push(`${key}: ${[...mine].join(',')} vs ${[...reference].join(',')}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('leaves no string empty', () => {
      expect([...messages].filter(([, text]) => text.trim() === '').map(([k]) => k)).toEqual([]);
    });

    it('records its review status, and a reviewer when reviewed', () => {
      expect(['draft', 'reviewed']).toContain(module.meta.status);
      if (module.meta.status === 'reviewed') {
        expect(module.meta.reviewer).toBeTruthy();
        expect(module.meta.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    });

    it.skipIf(!['ar', 'zh', 'ru'].includes(code))('leaves nothing in English but names and codes', () => {
      const same = [...messages].filter(
        ([key, text]) => english.get(key) === text && !allowedAsEnglish(text) && !key.startsWith('language.'),
      );
      expect(same.map(([k]) => k)).toEqual([]);
    });
  });
});

describe('the pseudo-locale', () => {
  it('makes every string at least 40% longer, accented, with its placeholders intact', () => {
    const pseudo = flatten(pseudoLocalize(en as unknown as Tree));
    for (const [key, text] of english) {
      const p = pseudo.get(key)!;
      expect(p.length).toBeGreaterThanOrEqual(Math.floor(text.length * (1 + PSEUDO_GROWTH)));
      expect(placeholders(p)).toEqual(placeholders(text));
    }
    expect(pseudoString('Sign in as {{name}} to Palermo')).toBe('[Šíĝñ íñ áš {{name}} ţö Palermo ~~~~~~~~~]');
  });
});
