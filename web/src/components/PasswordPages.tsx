// Choosing a password with a one-time link (invitation or reset), and asking for a reset link. The link's
// token is in the URL fragment (#…), which browsers never send to a server; the page reads it once and
// then removes it from the address bar and the history entry.
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, requestPasswordReset, setPasswordWithLink } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Link } from '../router.tsx';
import { useTitle } from '../useTitle.ts';
import { emailError, ErrorSummary, TextField } from './forms.tsx';
import { useForm } from './useForm.tsx';

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

function readToken(): string | null {
  const raw = window.location.hash.slice(1);
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The token of the link that opened the page; removed from the URL as soon as it is read. A link pasted
 * into the address bar of this very page only changes the fragment (no page load): it is read too.
 */
function useLinkToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState<string | null>(readToken);
  useEffect(() => {
    const take = () => {
      const next = readToken();
      // "#main" (the skip link) and other in-page targets are not tokens.
      if (next === null || document.getElementById(next)) return;
      setToken(next);
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, []);
  return [token, setToken];
}

export function InvitationPage() {
  const { t } = useTranslation();
  useTitle(t('password.invitationTitle'));
  const [token] = useLinkToken();
  return (
    <div className="narrow">
      <h1>{t('password.invitationTitle')}</h1>
      {token ? (
        <ChoosePassword key={token} purpose="invitation" token={token} />
      ) : (
        <div className="problem" data-testid="no-token">
          <p>{t('password.noToken')}</p>
        </div>
      )}
    </div>
  );
}

export function ResetPage() {
  const { t } = useTranslation();
  const [token, setToken] = useLinkToken();
  const title = token ? t('password.resetTitle') : t('reset.title');
  useTitle(title);
  return (
    <div className="narrow">
      <h1>{title}</h1>
      {token ? (
        <ChoosePassword key={token} purpose="reset" token={token} onRequestNewLink={() => setToken(null)} />
      ) : (
        <RequestReset />
      )}
    </div>
  );
}

const PASSWORD_FIELDS = ['password', 'confirm'] as const;

/** The server refused the link's token: it is unknown, used or expired. */
const linkRefused = ({ field, status }: { field: string | null; status: number }) =>
  field === 'token' && (status === 422 || status === 400);

interface ChooseProps {
  purpose: 'invitation' | 'reset';
  token: string;
  onRequestNewLink?: () => void;
}

function ChoosePassword({ purpose, token, onRequestNewLink }: ChooseProps) {
  const { t } = useTranslation();
  const auth = useAuth();
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [done, setDone] = useState(false);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);
  const form = useForm({
    initial: { password: '', confirm: '' },
    fields: () => PASSWORD_FIELDS,
    check: ({ password, confirm }) => ({
      password: !password
        ? { text: t('password.required') }
        : password.length < PASSWORD_MIN
          ? { text: t('password.tooShort') }
          : password.length > PASSWORD_MAX
            ? { text: t('password.tooLong') }
            : undefined,
      confirm: !confirm
        ? { text: t('password.confirmRequired') }
        : password && confirm !== password
          ? { text: t('password.mismatch') }
          : undefined,
    }),
    send: (v) => setPasswordWithLink(purpose, token, v.password),
    done: () => {
      setDone(true);
      // Setting a password ends the account's sessions, this browser's included.
      void auth.refresh();
    },
    known: (issue) => (linkRefused(issue) ? t('password.linkInvalid') : undefined),
    sessionOn401: false,
    failed: (error) =>
      setLinkInvalid(
        error instanceof ApiError &&
          (error.problem.errors ?? []).some((e) => linkRefused({ field: e.field, status: error.status })),
      ),
  });
  const fieldId = form.fieldId;

  if (done) {
    return (
      <section aria-labelledby={fieldId('done')} data-testid="password-saved">
        <h2 id={fieldId('done')} ref={doneHeading} tabIndex={-1}>
          {t('password.doneHeading')}
        </h2>
        <p>{t('password.done')}</p>
        <p>
          <Link to="/account/sign-in" className="button-link">
            {t('password.signIn')}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="choose-password-form">
      <p>{purpose === 'invitation' ? t('password.invitationLead') : t('password.resetLead')}</p>
      <ErrorSummary errors={form.errors} fieldId={fieldId} order={PASSWORD_FIELDS} attempt={form.attempt} />
      {linkInvalid && (
        <p className="link-invalid" data-testid="link-invalid-help">
          {purpose === 'reset' ? (
            <Link to="/account/reset" onClick={() => onRequestNewLink?.()}>
              {t('password.resetAgain')}
            </Link>
          ) : (
            t('password.invitationAgain')
          )}
        </p>
      )}
      <TextField
        {...form.bind('password')}
        name="password"
        type="password"
        label={t('password.newPassword')}
        hint={t('password.newPasswordHint')}
        autoComplete="new-password"
      />
      <TextField
        {...form.bind('confirm')}
        name="confirm"
        type="password"
        label={t('password.confirm')}
        autoComplete="new-password"
      />
      <div className="form-actions">
        <button type="submit">{form.busy ? t('password.working') : t('password.submit')}</button>
      </div>
    </form>
  );
}

function RequestReset() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sentCount, setSentCount] = useState(0);
  const emailInput = useRef<HTMLInputElement>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (sentCount > 0) sentHeading.current?.focus();
  }, [sentCount]);
  const form = useForm({
    initial: { email: '' },
    fields: () => ['email'],
    check: (v) => ({ email: emailError(v.email, t) }),
    send: (v) => requestPasswordReset(v.email.trim()),
    done: (_, v) => {
      setSentTo(v.email.trim());
      setSentCount((n) => n + 1);
    },
    known: () => undefined,
    sessionOn401: false,
  });
  const fieldId = form.fieldId;

  if (sentTo !== null) {
    return (
      <section className="notice notice-success" aria-labelledby={fieldId('sent')} data-testid="reset-sent">
        <h2 id={fieldId('sent')} ref={sentHeading} tabIndex={-1}>
          {t('reset.sentHeading')}
        </h2>
        <p>{t('reset.sent', { email: sentTo })}</p>
        <p>{t('reset.notReceived')}</p>
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              flushSync(() => {
                setSentTo(null);
                form.set('email', '');
              });
              emailInput.current?.focus();
            }}
          >
            {t('reset.another')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid="reset-request-form">
      <p>{t('reset.lead')}</p>
      <ErrorSummary errors={form.errors} fieldId={fieldId} order={form.order} attempt={form.attempt} />
      <TextField
        {...form.bind('email')}
        name="email"
        type="email"
        label={t('reset.email')}
        autoComplete="email"
        spellCheck={false}
        inputRef={emailInput}
      />
      <div className="form-actions">
        <button type="submit">{form.busy ? t('reset.working') : t('reset.submit')}</button>
      </div>
      <p>
        <Link to="/account/sign-in">{t('signIn.title')}</Link>
      </p>
    </form>
  );
}
