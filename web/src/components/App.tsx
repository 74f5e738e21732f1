import { useTranslation } from 'react-i18next';
import { Header } from './Header.tsx';
import { StatusPage } from './StatusPage.tsx';

/** The application frame: skip link, banner with navigation, main content, footer. */
export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <StatusPage />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
