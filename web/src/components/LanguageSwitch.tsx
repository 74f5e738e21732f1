import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n.ts';

const CODES = Object.keys(LANGUAGES) as Language[];

/**
 * One button per language, each named in its own language (العربية, 中文, English, Français, Русский,
 * Español) with its lang attribute, so a reader finds theirs whatever the page's language and a screen
 * reader pronounces it right. The chosen one is pressed.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {CODES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          dir="auto"
          aria-pressed={i18n.resolvedLanguage === code}
          onClick={() => void setLanguage(code)}
        >
          {LANGUAGES[code].name}
        </button>
      ))}
    </div>
  );
}
