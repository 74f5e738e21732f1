// Internationalisation: every visible string goes through i18next. English is the reference set
// (locales/en.ts); French must have the same keys (checked by the Messages type). Adding Arabic later
// means adding locales/ar.ts and an entry in LANGUAGES: the `dir` attribute already follows i18next.dir().
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.ts';
import fr from './locales/fr.ts';

/** The languages offered, with the BCP 47 locale used by Intl for dates and numbers. */
export const LANGUAGES = {
  en: { locale: 'en-GB' },
  fr: { locale: 'fr-FR' },
} as const;

export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'palermo.language';

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

/** The saved choice, else the first browser language offered, else English. */
function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
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

export function setLanguage(language: Language): Promise<unknown> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  return i18next.changeLanguage(language);
}

i18next.on('languageChanged', applyToDocument);

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: Object.keys(LANGUAGES),
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false }, // React escapes
  showSupportNotice: false,
});
applyToDocument(i18next.language);

export default i18next;
