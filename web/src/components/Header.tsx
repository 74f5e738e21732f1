import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { Link, usePath } from '../router.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/**
 * Site banner: name, purpose, who is signed in (or a sign-in link), language choice, and the main
 * navigation, which offers only what the signed-in account may do (its `permissions` from the server).
 */
export function Header() {
  const { t } = useTranslation();
  const auth = useAuth();
  const path = usePath();
  const current = (match: boolean) => (match ? ('page' as const) : undefined);
  return (
    <header className="site-header">
      <div className="container header-inner">
        <p className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </p>
        <div className="header-tools">
          <SessionArea />
          <LanguageSwitch />
        </div>
      </div>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <div className="container">
          <ul>
            <li>
              <Link to="/" aria-current={current(path === '/')}>
                {t('nav.dashboard')}
              </Link>
            </li>
            <li>
              <Link to="/instruments/UNTOC" aria-current={current(path.startsWith('/instruments'))}>
                {t('nav.status')}
              </Link>
            </li>
            <li>
              <Link to="/countries" aria-current={current(path.startsWith('/countries'))}>
                {t('nav.countries')}
              </Link>
            </li>
            <li>
              <Link to="/fund" aria-current={current(path.startsWith('/fund'))}>
                {t('nav.fund')}
              </Link>
            </li>
            <li>
              <Link to="/assistance" aria-current={current(path.startsWith('/assistance'))}>
                {t('nav.assistance')}
              </Link>
            </li>
            <li>
              <Link to="/events" aria-current={current(path.startsWith('/events'))}>
                {t('events.nav.link')}
              </Link>
            </li>
            <li>
              <Link to="/reports" aria-current={current(path.startsWith('/reports'))}>
                {t('reports.nav.link')}
              </Link>
            </li>
            <li>
              <Link to="/notifications" aria-current={current(path.startsWith('/notifications'))}>
                {t('notifications.nav')}
              </Link>
            </li>
            {auth.can('registry.record') && (
              <li>
                <Link to="/record" aria-current={current(path === '/record')}>
                  {t('nav.record')}
                </Link>
              </li>
            )}
            {auth.signedIn && (
              <li>
                <Link to="/account" aria-current={current(path === '/account')}>
                  {t('nav.account')}
                </Link>
              </li>
            )}
            {auth.can('users.manage') && (
              <li>
                <Link to="/admin/users" aria-current={current(path.startsWith('/admin'))}>
                  {t('nav.admin')}
                </Link>
              </li>
            )}
          </ul>
        </div>
      </nav>
    </header>
  );
}

function SessionArea() {
  const { t } = useTranslation();
  const auth = useAuth();
  const path = usePath();
  // Nothing until the server has said who is signed in: no "Sign in" flashing for a signed-in user.
  if (auth.loading) return <div className="session" />;
  if (!auth.user) {
    if (path === '/account/sign-in') return <div className="session" />;
    return (
      <div className="session">
        <Link className="header-link" to="/account/sign-in" data-testid="header-sign-in">
          {t('session.signIn')}
        </Link>
      </div>
    );
  }
  return (
    <div className="session" data-testid="header-session">
      <p className="session-who">
        <span className="visually-hidden">{t('session.signedInAs')} </span>
        <span className="session-name">{auth.user.displayName}</span>
        <span className="session-role">{t(`roles.${auth.user.role}`)}</span>
      </p>
      <button type="button" className="header-button" onClick={() => void auth.signOut()}>
        {t('session.signOut')}
      </button>
    </div>
  );
}
