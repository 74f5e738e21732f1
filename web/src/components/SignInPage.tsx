import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beginMfaEnrolment, login } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Link, navigate, navigationState, safeNext } from '../router.tsx';
import { useTitle } from '../useTitle.ts';
import { emailError, ErrorSummary, Notice, TextField } from './forms.tsx';
import { MfaCodeForm, MfaEnrolment, type EnrolmentKey } from './Mfa.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { useForm } from './useForm.tsx';

const FIELDS = ['email', 'password'] as const;

/**
 * Sign in: email and password, then, on the same page, the code from the authenticator app, or its
 * enrolment for Secretariat roles that have none yet. A half-open session (password given, code not yet)
 * resumes at its step after a reload. Afterwards the page named by `?next=` opens (by default My account).
 */
export function SignInPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  useTitle(t('signIn.title'));
  const [next] = useState(() =>
    safeNext(new URLSearchParams(window.location.search).get('next'), '/account'),
  );
  const [notice] = useState(() => navigationState().notice);
  const [enrolKey, setEnrolKey] = useState<EnrolmentKey | null>(null);
  const [leaving, setLeaving] = useState(false);
  const stage = auth.me?.stage ?? null;

  // Moving to a second-factor step puts the focus on its heading.
  // Moving back to the password step (cancel, sign out) puts it on the page heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const previousStage = useRef(stage);
  useEffect(() => {
    if (previousStage.current === stage) return;
    previousStage.current = stage;
    if (stage === 'mfa_required' || stage === 'mfa_enrolment_required') stepHeading.current?.focus();
    else if (stage === null) heading.current?.focus();
  }, [stage]);

  const finish = async () => {
    setLeaving(true);
    const me = await auth.refresh();
    if (me?.signedIn) navigate(next, { replace: true });
    else setLeaving(false);
  };

  const cancel = (
    <button type="button" className="secondary" onClick={() => void auth.signOut({ stay: true })}>
      {t('mfa.cancel')}
    </button>
  );

  let body;
  if (auth.loading || leaving) {
    body = (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  } else if (auth.signedIn && auth.user) {
    body = (
      <>
        <p>{t('signIn.already', { name: auth.user.displayName })}</p>
        <p className="form-actions">
          <Link to={next}>{t('signIn.continue')}</Link>
          <button type="button" className="secondary" onClick={() => void auth.signOut()}>
            {t('session.signOut')}
          </button>
        </p>
      </>
    );
  } else if (stage === 'mfa_required') {
    body = (
      <section aria-labelledby="mfa-step-heading">
        <h2 id="mfa-step-heading" ref={stepHeading} tabIndex={-1}>
          {t('mfa.codeHeading')}
        </h2>
        <p>{t('mfa.codeLead')}</p>
        <MfaCodeForm onVerified={finish} secondary={cancel} />
      </section>
    );
  } else if (stage === 'mfa_enrolment_required') {
    body = (
      <section aria-labelledby="mfa-step-heading">
        <h2 id="mfa-step-heading" ref={stepHeading} tabIndex={-1}>
          {t('mfa.enrolHeading')}
        </h2>
        <MfaEnrolment
          initialKey={enrolKey}
          lead={t('mfa.enrolLead')}
          onVerified={finish}
          secondary={cancel}
        />
      </section>
    );
  } else {
    body = (
      <>
        {auth.error !== undefined && <ProblemAlert error={auth.error} />}
        <PasswordStep
          onSignedIn={finish}
          onSecondFactor={async (needsEnrolment) => {
            if (needsEnrolment) {
              try {
                setEnrolKey(await beginMfaEnrolment());
              } catch {
                setEnrolKey(null); // the enrolment step offers a button to ask again
              }
            }
            await auth.refresh();
          }}
        />
      </>
    );
  }

  return (
    <div className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('signIn.title')}
      </h1>
      {notice === 'signedOut' && !auth.signedIn && (
        <Notice testId="signed-out">{t('signIn.signedOut')}</Notice>
      )}
      {body}
    </div>
  );
}

interface PasswordStepProps {
  onSignedIn: () => Promise<void>;
  onSecondFactor: (needsEnrolment: boolean) => Promise<void>;
}

function PasswordStep({ onSignedIn, onSecondFactor }: PasswordStepProps) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { email: '', password: '' },
    fields: () => FIELDS,
    check: (v) => ({
      email: emailError(v.email, t),
      password: v.password ? undefined : { text: t('signIn.passwordRequired') },
    }),
    send: (v) => login(v.email.trim(), v.password),
    done: async (answer) => {
      if (answer.stage === 'signed_in') await onSignedIn();
      else await onSecondFactor(answer.stage === 'mfa_enrolment_required');
    },
    known: ({ status }) => (status === 401 ? t('signIn.wrong') : undefined),
    // Here a 401 says the email or password is wrong, not that a session ended.
    sessionOn401: false,
    failed: () => form.set('password', ''),
  });

  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="sign-in-form">
      <p>{t('signIn.lead')}</p>
      <ErrorSummary errors={form.errors} fieldId={form.fieldId} order={FIELDS} attempt={form.attempt} />
      <TextField
        {...form.bind('email')}
        name="email"
        type="email"
        label={t('signIn.email')}
        autoComplete="username"
        spellCheck={false}
      />
      <TextField
        {...form.bind('password')}
        name="password"
        type="password"
        label={t('signIn.password')}
        autoComplete="current-password"
      />
      <div className="form-actions">
        <button type="submit">{form.busy ? t('signIn.working') : t('signIn.submit')}</button>
      </div>
      <p>
        <Link to="/account/reset">{t('signIn.forgotten')}</Link>
      </p>
    </form>
  );
}
