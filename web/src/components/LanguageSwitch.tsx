import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n.ts';

const CODES = Object.keys(LANGUAGES) as Language[];

/** EN / FR buttons; each names its language in that language (lang attribute) for screen readers. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {CODES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          title={t(`language.${code}`)}
          aria-pressed={i18n.resolvedLanguage === code}
          onClick={() => void setLanguage(code)}
        >
          {code.toUpperCase()}
          <span className="visually-hidden"> {t(`language.${code}`)}</span>
        </button>
      ))}
    </div>
  );
}
