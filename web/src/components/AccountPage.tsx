import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { beginMfaEnrolment, type Role, type User } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Link } from '../router.tsx';
import { useTitle } from '../useTitle.ts';
import { Notice } from './forms.tsx';
import { MfaEnrolment, type EnrolmentKey } from './Mfa.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { RequireSignIn } from './RequireSignIn.tsx';

/** Roles that must use two-step verification (the server's SECRETARIAT_ROLES). */
export const MFA_ROLES: readonly Role[] = ['admin', 'fund_officer', 'programme_officer'];

/** My account: who I am, what I act for, two-step verification, password, sign out. */
export function AccountPage() {
  const { t } = useTranslation();
  useTitle(t('account.title'));
  return (
    <div className="narrow">
      <h1>{t('account.title')}</h1>
      <RequireSignIn>
        <AccountDetails />
      </RequireSignIn>
    </div>
  );
}

function AccountDetails() {
  const { t } = useTranslation();
  const auth = useAuth();
  const user = auth.user as User;
  const [key, setKey] = useState<EnrolmentKey | null>(null);
  const [keyError, setKeyError] = useState<unknown>(undefined);
  const [enrolled, setEnrolled] = useState(0);
  const setupButton = useRef<HTMLButtonElement>(null);
  const enrolHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (key) enrolHeading.current?.focus();
  }, [key]);

  async function startEnrolment() {
    setKeyError(undefined);
    try {
      setKey(await beginMfaEnrolment());
    } catch (error) {
      setKeyError(error);
    }
  }

  function cancelEnrolment() {
    flushSync(() => setKey(null));
    setupButton.current?.focus();
  }

  return (
    <>
      <section className="card" aria-labelledby="account-details">
        <h2 id="account-details">{t('account.details')}</h2>
        <dl className="details" data-testid="account-details">
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('account.role')}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
          </div>
          {(user.role === 'focal_point' || user.states.length > 0) && (
            <div>
              <dt>{t('account.states')}</dt>
              <dd>{user.states.length > 0 ? user.states.join(', ') : t('account.none')}</dd>
            </div>
          )}
          {(user.role === 'donor' || user.donors.length > 0) && (
            <div>
              <dt>{t('account.donors')}</dt>
              <dd>{user.donors.length > 0 ? user.donors.join(', ') : t('account.none')}</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="account-security">
        <h2 id="account-security">{t('account.security')}</h2>
        <h3>{t('account.mfa')}</h3>
        <p data-testid="mfa-status">
          {user.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}
          {MFA_ROLES.includes(user.role) && <> — {t('account.mfaRequired')}</>}
        </p>
        {enrolled > 0 && <Notice focusKey={enrolled}>{t('mfa.enabled')}</Notice>}
        {keyError !== undefined && <ProblemAlert error={keyError} />}
        {!user.mfaEnabled &&
          (key ? (
            <div className="subsection">
              <h4 ref={enrolHeading} tabIndex={-1}>
                {t('mfa.enrolHeading')}
              </h4>
              <MfaEnrolment
                initialKey={key}
                lead={t('mfa.enrolVoluntary')}
                onVerified={async () => {
                  await auth.refresh();
                  setKey(null);
                  setEnrolled((n) => n + 1);
                }}
                secondary={
                  <button type="button" className="secondary" onClick={cancelEnrolment}>
                    {t('form.cancel')}
                  </button>
                }
              />
            </div>
          ) : (
            <button
              type="button"
              className="secondary"
              ref={setupButton}
              onClick={() => void startEnrolment()}
            >
              {t('account.setUpMfa')}
            </button>
          ))}
        <h3>{t('account.password')}</h3>
        <p>
          <Link to="/account/reset">{t('account.changePassword')}</Link>
        </p>
        <p className="hint">{t('account.changePasswordHint')}</p>
      </section>

      <section className="card" aria-labelledby="account-sign-out">
        <h2 id="account-sign-out">{t('account.signOutHeading')}</h2>
        <p>{t('account.signOutLead')}</p>
        <button type="button" onClick={() => void auth.signOut()}>
          {t('session.signOut')}
        </button>
      </section>
    </>
  );
}
