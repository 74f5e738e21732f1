// One way to run a form that writes through the API, for the fund, assistance and account pages: its values,
// the checks it can make alone (in the user's language), one Idempotency-Key per submission (kept while the
// user retries the same values, so a lost answer never records twice), the server's problem+json messages at
// the field their path names, the error summary taking the focus, and a busy state.
import {
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, newIdempotencyKey } from '../api.ts';
import { useAuth } from '../auth.tsx';
import {
  definedFields,
  ErrorSummary,
  errorsAtPaths,
  NO_ERRORS,
  type FormErrors,
  type Message,
} from './forms.tsx';

export type StringKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

export interface FormOptions<V, R> {
  initial: V | (() => V);
  /** The form's fields in their order, as paths ("amount", "instalments.0.dueOn"); messages go to them. */
  fields: (values: V) => readonly string[];
  /** What the form checks before sending (required fields…); everything else is the server's to say. */
  check?: (values: V, t: TFunction) => Record<string, Message | undefined>;
  /** A last check of the values as a whole, once every field is right ("nothing changed"): a form message. */
  checkWhole?: (values: V, t: TFunction) => Message | undefined;
  /** Sends the values with the submission's idempotency key. */
  send: (values: V, idempotencyKey: string) => Promise<R>;
  /** What follows a success; while a promise it returns runs, the form stays busy. */
  done: (result: R, values: V) => void | Promise<void>;
  /** After a refused or failed request, once its messages are known (e.g. to empty a password field). */
  failed?: (error: unknown, values: V) => void;
  /** A translated message for a problem the interface knows (by default "not allowed" for a bare 403). */
  known?: (issue: { field: string | null; status: number; message?: string }) => string | undefined;
  /**
   * Whether a 401 means the session ended, so the page asks the server who is signed in (yes by default;
   * not where a 401 means wrong credentials, as when signing in).
   */
  sessionOn401?: boolean;
  /** Rewrites a server field path to the form's (e.g. "entries.0.measure" → "measure"). */
  rename?: (path: string) => string;
}

export interface Form<V> {
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  set: (field: StringKeys<V>, value: string) => void;
  errors: FormErrors;
  attempt: number;
  busy: boolean;
  order: readonly string[];
  fieldId: (field: string) => string;
  /** The props of an input, select or textarea bound to a text field. */
  bind: (field: StringKeys<V>) => {
    id: string;
    value: string;
    error: Message | undefined;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void;
  };
  submit: (event?: { preventDefault(): void }, patch?: Partial<V>) => Promise<void>;
  reset: () => void;
}

/** The props `bind` gives a text field (for components that take any form's field). */
export type Bound = ReturnType<Form<Record<string, string>>['bind']>;

export function useForm<V extends object, R>(options: FormOptions<V, R>): Form<V> {
  const { t } = useTranslation();
  const auth = useAuth();
  const id = useId();
  const [current, setValues] = useState<V>(options.initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const submission = useRef<{ body: string; key: string } | null>(null);
  const order = options.fields(current);
  const fieldId = (field: string) => `${id}-${field}`;

  const fail = (next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(event?: { preventDefault(): void }, patch?: Partial<V>) {
    event?.preventDefault();
    if (busy) return;
    // A button may add a value of its own (the step a workflow button takes) to what is sent.
    const values = patch ? { ...current, ...patch } : current;
    if (patch) setValues(values);
    const local = definedFields(options.check?.(values, t) ?? {});
    if (Object.keys(local).length > 0) return fail({ fields: local, form: [] });
    const whole = options.checkWhole?.(values, t);
    if (whole) return fail({ fields: {}, form: [whole] });
    const body = JSON.stringify(values);
    if (submission.current?.body !== body) submission.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const result = await options.send(values, submission.current.key);
      submission.current = null;
      await options.done(result, values);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && options.sessionOn401 !== false)
        void auth.refresh();
      fail(
        errorsAtPaths(error, t, options.fields(values), {
          ...(options.rename ? { rename: options.rename } : {}),
          known:
            options.known ??
            (({ field, status }) => (status === 403 && field === null ? t('form.forbidden') : undefined)),
        }),
      );
      options.failed?.(error, values);
    } finally {
      setBusy(false);
    }
  }

  const set = (field: StringKeys<V>, value: string) => setValues((v) => ({ ...v, [field]: value }));
  return {
    values: current,
    setValues,
    set,
    errors,
    attempt,
    busy,
    order,
    fieldId,
    bind: (field) => ({
      id: fieldId(field),
      value: current[field] as string,
      error: errors.fields[field],
      onChange: (event) => set(field, event.target.value),
    }),
    submit,
    reset: () => {
      setValues(typeof options.initial === 'function' ? (options.initial as () => V)() : options.initial);
      setErrors(NO_ERRORS);
    },
  };
}

/** The form element: error summary first, the fields, then the submit button (and any other actions). */
export function FormShell<V>({
  form,
  submit,
  working,
  children,
  actions,
  testId,
  className,
}: {
  form: Form<V>;
  submit: string;
  working: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} data-testid={testId} className={className}>
      <ErrorSummary errors={form.errors} fieldId={form.fieldId} order={form.order} attempt={form.attempt} />
      {children}
      <div className="form-actions">
        <button type="submit" aria-disabled={form.busy || undefined}>
          {form.busy ? working : submit}
        </button>
        {actions}
      </div>
    </form>
  );
}

/** Required text fields: a message for each one left empty. */
export function required<V>(
  values: V,
  messages: Partial<Record<StringKeys<V>, string>>,
): Record<string, Message | undefined> {
  const out: Record<string, Message | undefined> = {};
  for (const [field, text] of Object.entries(messages) as Array<[StringKeys<V>, string]>) {
    if (!String(values[field] ?? '').trim()) out[field] = { text };
  }
  return out;
}

/** An optional text field as the API wants it: trimmed, or absent. */
export const optional = (text: string): string | null => (text.trim() ? text.trim() : null);
