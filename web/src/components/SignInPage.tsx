import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { beginMfaEnrolment, login } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Link, navigate, navigationState, safeNext } from '../router.tsx';
import { useTitle } from '../useTitle.ts';
import {
  definedFields,
  emailError,
  ErrorSummary,
  errorsFromProblem,
  hasErrors,
  NO_ERRORS,
  Notice,
  TextField,
  type FormErrors,
} from './forms.tsx';
import { MfaCodeForm, MfaEnrolment, type EnrolmentKey } from './Mfa.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

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
  const id = useId();
  const fieldId = (f: string) => `${id}-${f}`;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local: FormErrors = {
      fields: definedFields({
        email: emailError(email, t),
        password: password ? undefined : { text: t('signIn.passwordRequired') },
      }),
      form: [],
    };
    if (hasErrors(local)) return fail(local);
    setBusy(true);
    try {
      const answer = await login(email.trim(), password);
      setErrors(NO_ERRORS);
      if (answer.stage === 'signed_in') await onSignedIn();
      else await onSecondFactor(answer.stage === 'mfa_enrolment_required');
    } catch (error) {
      setPassword('');
      fail(
        errorsFromProblem(error, t, FIELDS, ({ status }) => (status === 401 ? t('signIn.wrong') : undefined)),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
      <p>{t('signIn.lead')}</p>
      <ErrorSummary errors={errors} fieldId={fieldId} order={FIELDS} attempt={attempt} />
      <TextField
        id={fieldId('email')}
        name="email"
        type="email"
        label={t('signIn.email')}
        autoComplete="username"
        spellCheck={false}
        error={errors.fields.email}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        id={fieldId('password')}
        name="password"
        type="password"
        label={t('signIn.password')}
        autoComplete="current-password"
        error={errors.fields.password}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit">{busy ? t('signIn.working') : t('signIn.submit')}</button>
      </div>
      <p>
        <Link to="/account/reset">{t('signIn.forgotten')}</Link>
      </p>
    </form>
  );
}
