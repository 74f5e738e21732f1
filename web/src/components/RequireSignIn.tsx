import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { navigate, signInPath } from '../router.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

interface Props {
  /** The policy action the page needs (e.g. `users.manage`); none: being signed in is enough. */
  permission?: string;
  children: ReactNode;
}

/**
 * Shows its content only to a signed-in account that may take `permission`. Signed out (or half-way
 * through the second factor): the sign-in page replaces this one, and brings the user back here after.
 * Signed in without the permission: a short refusal. The server enforces the same policy on every request;
 * this only keeps the interface from offering what would be refused.
 */
export function RequireSignIn({ permission, children }: Props) {
  const { t } = useTranslation();
  const auth = useAuth();
  const mustSignIn = !auth.loading && auth.me !== null && !auth.signedIn;
  useEffect(() => {
    if (mustSignIn) navigate(signInPath(), { replace: true });
  }, [mustSignIn]);

  if (auth.loading)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  if (auth.me === null) return <ProblemAlert error={auth.error} onRetry={() => void auth.refresh()} />;
  if (!auth.signedIn) return <p role="status">{t('pages.redirecting')}</p>;
  if (permission && !auth.can(permission))
    return (
      <div className="problem" data-testid="forbidden">
        <h2 className="problem-heading">{t('pages.forbiddenHeading')}</h2>
        <p>{t('pages.forbidden', { role: auth.user ? t(`roles.${auth.user.role}`) : '' })}</p>
      </div>
    );
  return <>{children}</>;
}
