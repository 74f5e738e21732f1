// The second factor: entering a code from the authenticator app, and enrolling one (a setup key shown once
// in groups of four, and the otpauth:// link that phones with an authenticator app open directly).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { beginMfaEnrolment, verifyMfa, type EnrolmentKey, type SessionAnswer } from '../api.ts';
import { ErrorSummary, TextField } from './forms.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { useForm } from './useForm.tsx';

export type { EnrolmentKey };

/** "ABCDEFGHIJKL…" → "ABCD EFGH IJKL …", easier to copy by hand. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The code as typed, spaces removed ("123 456" → "123456"). */
const digits = (code: string) => code.replace(/\s+/g, '');

interface CodeFormProps {
  onVerified: (answer: SessionAnswer) => void | Promise<void>;
  /** Further buttons next to "Verify" (e.g. cancel and sign out). */
  secondary?: ReactNode;
}

export function MfaCodeForm({ onVerified, secondary }: CodeFormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { code: '' },
    fields: () => ['code'],
    check: (v) => {
      const value = digits(v.code);
      const local = !value ? t('mfa.codeRequired') : !/^\d{6}$/.test(value) ? t('mfa.codeFormat') : undefined;
      return { code: local ? { text: local } : undefined };
    },
    send: (v) => verifyMfa(digits(v.code)),
    done: (answer) => onVerified(answer),
    known: ({ field, status }) => (field === 'code' && status === 422 ? t('mfa.codeWrong') : undefined),
    // A code refused is a wrong code, not the end of the session.
    sessionOn401: false,
    failed: () => form.set('code', ''),
  });

  return (
    <form noValidate onSubmit={(e) => void form.submit(e)}>
      <ErrorSummary errors={form.errors} fieldId={form.fieldId} order={form.order} attempt={form.attempt} />
      <TextField
        {...form.bind('code')}
        name="code"
        label={t('mfa.code')}
        hint={t('mfa.codeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        fieldClassName="field-code"
      />
      <div className="form-actions">
        <button type="submit">{form.busy ? t('mfa.working') : t('mfa.verify')}</button>
        {secondary}
      </div>
    </form>
  );
}

interface EnrolmentProps {
  /** A key already asked for (right after sign-in); otherwise a button asks for one. */
  initialKey?: EnrolmentKey | null;
  lead: string;
  onVerified: (answer: SessionAnswer) => void | Promise<void>;
  secondary?: ReactNode;
}

export function MfaEnrolment({ initialKey = null, lead, onVerified, secondary }: EnrolmentProps) {
  const { t } = useTranslation();
  const [key, setKey] = useState<EnrolmentKey | null>(initialKey);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  async function getKey() {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setKey(await beginMfaEnrolment());
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="mfa-enrolment">
      <p>{lead}</p>
      {error !== undefined && <ProblemAlert error={error} />}
      {!key ? (
        <div className="form-actions">
          <button type="button" onClick={() => void getKey()}>
            {busy ? t('mfa.gettingKey') : t('mfa.getKey')}
          </button>
          {secondary}
        </div>
      ) : (
        <ol className="steps">
          <li>{t('mfa.step1')}</li>
          <li>
            <p>{t('mfa.step2')}</p>
            <p className="totp-key">
              <span className="totp-key-label">{t('mfa.keyLabel')}</span>{' '}
              <code data-testid="totp-key" translate="no">
                {groupKey(key.secret)}
              </code>
            </p>
            {typeof navigator !== 'undefined' && navigator.clipboard && (
              <p className="field-row">
                <button type="button" className="secondary" onClick={() => void copy(key.secret)}>
                  {t('mfa.copy')}
                </button>
                <span role="status" className="hint">
                  {copied ? t('mfa.copied') : ''}
                </span>
              </p>
            )}
            <p className="hint">{t('mfa.keyOnce')}</p>
            <p>
              {t('mfa.link')} <a href={key.otpauthUri}>{t('mfa.linkText')}</a>
            </p>
          </li>
          <li>
            <p>{t('mfa.step3')}</p>
            <MfaCodeForm onVerified={onVerified} secondary={secondary} />
          </li>
        </ol>
      )}
    </div>
  );
}
