import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** Site banner: name, purpose, language choice and the main navigation (one entry for now). */
export function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="container header-inner">
        <p className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </p>
        <LanguageSwitch />
      </div>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <div className="container">
          <ul>
            <li>
              <a href="/" aria-current="page">
                {t('nav.status')}
              </a>
            </li>
          </ul>
        </div>
      </nav>
    </header>
  );
}
