import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from '../auth.tsx';
import { usePath } from '../router.tsx';
import { AccountPage } from './AccountPage.tsx';
import { AdminUsersPage } from './AdminUsersPage.tsx';
import { Header } from './Header.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { InvitationPage, ResetPage } from './PasswordPages.tsx';
import { SignInPage } from './SignInPage.tsx';
import { StatusPage } from './StatusPage.tsx';

function Page({ path }: { path: string }) {
  switch (path) {
    case '/':
      return <StatusPage />;
    case '/account/sign-in':
      return <SignInPage />;
    case '/account':
      return <AccountPage />;
    case '/account/invitation':
      return <InvitationPage />;
    case '/account/reset':
      return <ResetPage />;
    case '/admin/users':
      return <AdminUsersPage />;
    default:
      return <NotFoundPage />;
  }
}

/**
 * After a client-side navigation the focus goes to the new page's heading (or the main region), as a
 * page load would put a screen reader at the top of the new page. Not on the first load.
 */
function useFocusOnNavigation(path: string) {
  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    const main = document.getElementById('main');
    const heading = main?.querySelector('h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else main?.focus();
  }, [path]);
}

/** The application frame: skip link, banner with navigation, main content, footer. */
export function App() {
  return (
    <AuthProvider>
      <Frame />
    </AuthProvider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const path = usePath();
  useFocusOnNavigation(path);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Page key={path} path={path} />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
