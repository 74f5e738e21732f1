// Internationalisation: every visible string goes through i18next. English is the reference set
// (locales/en.ts) and is in the first page's JavaScript; every other language is its own chunk, loaded
// when it is first chosen (a dynamic import), so adding a language does not make the first page heavier
// and switching language does not reload the page. The `dir` and `lang` of <html> follow i18next.dir().
//
// Which language at start: `?lang=xx` in the address (a link opens in the sender's language), else the
// choice saved by the language switch, else the first browser language offered, else English.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en, { type LocaleMeta, type Messages } from './locales/en.ts';

/**
 * The languages offered, in the order of the switch, each with its own name and the BCP 47 locale Intl
 * uses for dates, numbers and plural rules. Arabic pins the Latin digits the UN's Arabic documents use
 * (`nu-latn`), whatever default the browser's CLDR version has for `ar`; Chinese is the simplified script
 * of the mainland (`zh-CN`), the one the UN writes; English is British (`en-GB`), the UN's spelling and
 * day-month-year dates; French, Russian and Spanish take the locale of their language's home country.
 */
export const LANGUAGES = {
  ar: { locale: 'ar-u-nu-latn', name: 'العربية' },
  zh: { locale: 'zh-CN', name: '中文' },
  en: { locale: 'en-GB', name: 'English' },
  fr: { locale: 'fr-FR', name: 'Français' },
  ru: { locale: 'ru-RU', name: 'Русский' },
  es: { locale: 'es-ES', name: 'Español' },
} as const;

export type Language = keyof typeof LANGUAGES;

type Loader = () => Promise<{ default: Messages; meta: LocaleMeta }>;

/** Each language but English, as a separate chunk (Vite splits at every dynamic import). */
const LOADERS: Record<Exclude<Language, 'en'>, Loader> = {
  ar: () => import('./locales/ar.ts'),
  zh: () => import('./locales/zh.ts'),
  fr: () => import('./locales/fr.ts'),
  ru: () => import('./locales/ru.ts'),
  es: () => import('./locales/es.ts'),
};

const STORAGE_KEY = 'palermo.language';
/** The query parameter that carries the language in a link. */
export const LANGUAGE_PARAM = 'lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function urlLanguage(): Language | null {
  const value = new URLSearchParams(window.location.search).get(LANGUAGE_PARAM);
  return isLanguage(value) ? value : null;
}

/** A browser language tag's base ("zh-Hans-CN" → "zh") when it is offered. */
export function offeredBase(tag: string): Language | null {
  const base = tag.toLowerCase().split('-')[0];
  return isLanguage(base) ? base : null;
}

/** The language of the address, else the saved choice, else the first browser language offered, else English. */
function initialLanguage(): Language {
  const chosen = urlLanguage() ?? storedLanguage();
  if (chosen) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const offered = offeredBase(tag);
    if (offered) return offered;
  }
  return 'en';
}

/** The Intl locale for the current (or a given) language. */
export function localeOf(language: string = i18next.language): string {
  return isLanguage(language) ? LANGUAGES[language].locale : LANGUAGES.en.locale;
}

function applyToDocument(language: string): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = i18next.dir(language);
}

/**
 * i18next looks a count up under the plural form Intl.PluralRules gives (`_many` for a million in French
 * or Spanish) and, when that key is missing, falls back to English. A form a language leaves out is
 * copied from its `_other`, so a count never shows English; locales.test.ts says which forms may be left
 * out (French and Spanish `_many`, which reads as `_other`) and requires every other one.
 */
function withPluralForms(messages: Messages, language: Language): Messages {
  const categories = new Intl.PluralRules(localeOf(language)).resolvedOptions().pluralCategories;
  const fill = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = typeof value === 'string' ? value : fill(value as Record<string, unknown>);
      const other = /^(.*)_other$/.exec(key);
      if (other && typeof value === 'string') {
        for (const category of categories) {
          const form = `${other[1]}_${category}`;
          if (!Object.hasOwn(node, form)) out[form] = value;
        }
      }
    }
    return out;
  };
  return fill(messages as unknown as Record<string, unknown>) as unknown as Messages;
}

const loaded = new Map<Language, Promise<void>>([['en', Promise.resolve()]]);

/** Loads a language's strings once (its chunk), and adds them to i18next. */
export function loadLanguage(language: Language): Promise<void> {
  let pending = loaded.get(language);
  if (!pending) {
    pending = LOADERS[language as Exclude<Language, 'en'>]().then((module) => {
      i18next.addResourceBundle(
        language,
        'translation',
        withPluralForms(module.default, language),
        true,
        true,
      );
    });
    // A failed load (network) may be tried again by the next choice.
    pending.catch(() => loaded.delete(language));
    loaded.set(language, pending);
  }
  return pending;
}

/**
 * The language switch: loads the language if need be, then changes it in place (no reload), saves the
 * choice, and, when the address carries a language, puts the new one there so a reload or a copied link
 * keeps it.
 */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  const params = new URLSearchParams(window.location.search);
  if (params.has(LANGUAGE_PARAM)) {
    params.set(LANGUAGE_PARAM, language);
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}?${params.toString()}${hash}`);
  }
  await loadLanguage(language);
  await i18next.changeLanguage(language);
}

i18next.on('languageChanged', applyToDocument);

const first = initialLanguage();

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: Object.keys(LANGUAGES),
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false }, // React escapes
  showSupportNotice: false,
});
applyToDocument(i18next.language);

/**
 * Resolves when the first language's strings are in: main.tsx renders after it, so a page opened in
 * Arabic shows no English first. English resolves at once; a failed load leaves the page in English.
 */
export const languageReady: Promise<void> =
  first === 'en'
    ? Promise.resolve()
    : loadLanguage(first).then(
        () => i18next.changeLanguage(first).then(() => undefined),
        () => undefined,
      );

export default i18next;
