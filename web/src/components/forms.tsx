// Form building blocks shared by the account and administration pages. Every input has a visible label;
// its hint and its error are linked with aria-describedby and the input is marked aria-invalid. After a
// failed submit, an error summary at the top of the form takes the focus and links to each field.
import {
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api.ts';

/** A message to show; `lang` is set when it comes from the server in English. */
export interface Message {
  text: string;
  lang?: 'en' | undefined;
}

export interface FormErrors {
  /** By field name (the form's own names). */
  fields: Record<string, Message>;
  /** About the form as a whole (wrong credentials, a link that no longer works, the network…). */
  form: Message[];
}

export const NO_ERRORS: FormErrors = { fields: {}, form: [] };

export function hasErrors(errors: FormErrors): boolean {
  return errors.form.length > 0 || Object.keys(errors.fields).length > 0;
}

/**
 * Turns a failed request into messages: each problem+json `errors[]` item goes to its field (a path such
 * as `states.0` goes to `states`) when the form has that field, else to the form. `known` may replace a
 * server message (in English) by a translated one for a case the interface knows.
 */
export function errorsFromProblem(
  error: unknown,
  t: TFunction,
  fields: readonly string[],
  known?: (issue: { field: string | null; status: number; message?: string }) => string | undefined,
  /** Which field of the form an `errors[].field` path names (by default its first segment). */
  target: (path: string) => string = (path) => path.split('.')[0] ?? path,
): FormErrors {
  const out: FormErrors = { fields: {}, form: [] };
  if (!(error instanceof ApiError)) {
    out.form.push({ text: String(error) });
    return out;
  }
  if (error.status === 0) {
    out.form.push({ text: t('problem.network') });
    return out;
  }
  const issues = error.problem.errors ?? [];
  for (const issue of issues) {
    const base = target(issue.field);
    const translated = known?.({ field: base, status: error.status, message: issue.message });
    const message: Message = translated ? { text: translated } : { text: issue.message, lang: 'en' };
    if (fields.includes(base)) out.fields[base] ??= message;
    else out.form.push(message);
  }
  if (issues.length === 0) {
    const translated = known?.({ field: null, status: error.status });
    out.form.push(
      translated ? { text: translated } : { text: error.problem.detail ?? error.problem.title, lang: 'en' },
    );
  }
  return out;
}

/**
 * Like errorsFromProblem, for forms whose fields have paths: each problem+json `errors[].field`
 * ("instalments.1.amount", "entries[0].measure") goes to the deepest field of the form it names — the path
 * itself, else its parent ("instalments"), and so on — and to the form when none is a field.
 */
export function errorsAtPaths(
  error: unknown,
  t: TFunction,
  fields: readonly string[],
  options: {
    rename?: (path: string) => string;
    known?: (issue: { field: string | null; status: number; message?: string }) => string | undefined;
  } = {},
): FormErrors {
  const rename = options.rename ?? ((p: string) => p);
  return errorsFromProblem(error, t, fields, options.known, (field) =>
    deepestField(rename(field.replace(/\[(\d+)\]/g, '.$1')), fields),
  );
}

function deepestField(path: string, fields: readonly string[]): string {
  let p = path;
  while (p) {
    if (fields.includes(p)) return p;
    const dot = p.lastIndexOf('.');
    if (dot < 0) break;
    p = p.slice(0, dot);
  }
  return path;
}

export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailError(value: string, t: TFunction): Message | undefined {
  if (!value.trim()) return { text: t('form.emailRequired') };
  if (!EMAIL_SHAPE.test(value.trim())) return { text: t('form.emailInvalid') };
  return undefined;
}

/** Drops the undefined entries of a field → message record. */
export function definedFields(fields: Record<string, Message | undefined>): Record<string, Message> {
  const out: Record<string, Message> = {};
  for (const [k, v] of Object.entries(fields)) if (v) out[k] = v;
  return out;
}

interface SummaryProps {
  errors: FormErrors;
  /** The id of each field's input, by field name. */
  fieldId: (field: string) => string;
  /** Field names in the order of the form (the summary lists them in that order). */
  order: readonly string[];
  /** Changes at every failed submit: the summary then takes the focus. */
  attempt: number;
}

/** "There is a problem": the form's errors, each field's linked to its input. */
export function ErrorSummary({ errors, fieldId, order, attempt }: SummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const show = hasErrors(errors);
  useEffect(() => {
    if (show && attempt > 0) ref.current?.focus();
    // Only a new failed submit moves the focus, not every change of the messages.
  }, [attempt]);
  if (!show) return null;
  const fieldEntries = order.flatMap((f) => {
    const message = errors.fields[f];
    return message ? [[f, message] as const] : [];
  });
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} aria-labelledby={`${fieldId('summary')}-heading`}>
      <h2 id={`${fieldId('summary')}-heading`}>{t('form.problemHeading')}</h2>
      <ul>
        {errors.form.map((m, i) => (
          <li key={`form-${i}`} lang={m.lang} data-testid="form-error">
            {m.text}
          </li>
        ))}
        {fieldEntries.map(([field, m]) => (
          <li key={field} lang={m.lang}>
            <a
              href={`#${fieldId(field)}`}
              onClick={(event) => {
                // Focus the input without touching location.hash (some pages keep a token there).
                event.preventDefault();
                const input = document.getElementById(fieldId(field));
                input?.focus();
                input?.scrollIntoView({ block: 'center' });
              }}
            >
              {m.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's hint and error, with the ids its input's aria-describedby names (`{id}-hint`, `{id}-error`). */
export function FieldMessages({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: ReactNode;
  error?: Message | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" lang={error.lang}>
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error.text}
        </p>
      )}
    </>
  );
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Message | undefined;
  className?: string;
  children: (described: { 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

function FieldShell({ id, label, hint, error, className, children }: FieldShellProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children({
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Message | undefined;
  inputRef?: Ref<HTMLInputElement>;
  fieldClassName?: string;
};

export function TextField({ id, label, hint, error, inputRef, fieldClassName, ...input }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      {(described) => <input id={id} type="text" ref={inputRef} {...input} {...described} />}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Message | undefined;
  children: ReactNode;
};

export function SelectField({ id, label, hint, error, children, ...select }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <select id={id} {...select} {...described}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Message | undefined;
};

export function TextAreaField({ id, label, hint, error, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(described) => <textarea id={id} {...textarea} {...described} />}
    </FieldShell>
  );
}

interface CheckboxGroupProps {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: Message | undefined;
  options: ReadonlyArray<{ value: string; label: ReactNode; lang?: string }>;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  className?: string;
}

/**
 * Several choices: a fieldset with its legend, hint and error (linked to every box), each box labelled. The
 * fieldset carries the field's id so the error summary can move the focus to it.
 */
export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
  className,
}: CheckboxGroupProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}
    >
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {options.map((o) => (
        <label key={o.value} className="choice" lang={o.lang}>
          <input
            type="checkbox"
            value={o.value}
            checked={selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
            {...(describedBy ? { 'aria-describedby': describedBy } : {})}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A status line that screen readers announce (role=status), and that can take the focus. */
export function Notice({
  children,
  tone = 'success',
  focusKey,
  testId,
}: {
  children: ReactNode;
  tone?: 'success' | 'info';
  /** When set and changed, the notice takes the focus. */
  focusKey?: number | string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey !== undefined) ref.current?.focus();
  }, [focusKey]);
  return (
    <div className={`notice notice-${tone}`} role="status" tabIndex={-1} ref={ref} data-testid={testId}>
      {children}
    </div>
  );
}
