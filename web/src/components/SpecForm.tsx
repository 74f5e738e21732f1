// A form described by its fields, for the many short forms of the fund and assistance pages: each field a
// label, a kind (text, date, decimal amount, long text, choice, radio buttons, a box to tick), an optional
// hint (which may depend on the other values), the message when it is missing, whether it applies and what
// choosing a value fills in elsewhere. The body sent is the trimmed values, empty ones as null, for the
// fields that apply; a form needing more builds its own request from it.
import type { ReactNode } from 'react';
import { useFormat } from '../useFormat.ts';
import { Notice, SelectField, TextAreaField, TextField } from './forms.tsx';
import { FormShell, useForm, type Form } from './useForm.tsx';

type Values = Record<string, string>;

export interface FieldSpec {
  name: string;
  label: string;
  hint?: ReactNode | ((values: Values) => ReactNode);
  kind?: 'text' | 'date' | 'decimal' | 'textarea' | 'select' | 'radio' | 'checkbox';
  options?: ReadonlyArray<{ value: string; label: string; lang?: string }>;
  /** For a choice: the first option (by default "Choose…"). */
  placeholder?: string;
  /** The message when it is left empty. */
  required?: string;
  /** Whether the field applies, given the other values (a field that does not apply is not sent). */
  when?: (values: Values) => boolean;
  /** What choosing a value changes in the other fields. */
  effect?: (value: string, values: Values) => Values;
}

export function SpecForm<R>({
  heading,
  lead,
  fields,
  initial = {},
  submit,
  working,
  send,
  done,
  notice,
  noticeKey,
  testId,
  children,
}: {
  /** With a heading the form is a card of its own. */
  heading?: string;
  lead?: ReactNode;
  fields: readonly FieldSpec[];
  initial?: Values;
  submit: string;
  working?: string;
  send: (body: Record<string, string | null>, key: string) => Promise<R>;
  done: (result: R) => void;
  /** What to say once it is done (shown above the form, which is emptied for the next entry). */
  notice?: ReactNode;
  noticeKey?: string | number;
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useFormat();
  const applies = (f: FieldSpec, v: Values) => !f.when || f.when(v);
  const form = useForm<Values, R>({
    initial: () => Object.fromEntries(fields.map((f) => [f.name, initial[f.name] ?? ''])),
    fields: () => fields.map((f) => f.name),
    check: (v) =>
      Object.fromEntries(
        fields.map((f) => [
          f.name,
          f.required && applies(f, v) && !(v[f.name] ?? '').trim() ? { text: f.required } : undefined,
        ]),
      ),
    send: (v, key) =>
      send(
        Object.fromEntries(
          fields.filter((f) => applies(f, v)).map((f) => [f.name, (v[f.name] ?? '').trim() || null]),
        ),
        key,
      ),
    done: (result) => {
      form.reset();
      done(result);
    },
  });
  const body = (
    <>
      {lead && <div className="hint">{lead}</div>}
      {notice && (
        <Notice focusKey={noticeKey ?? String(notice)} testId="outcome">
          {notice}
        </Notice>
      )}
      {children}
      <FormShell form={form} submit={submit} working={working ?? t('project.working')}>
        {fields
          .filter((f) => applies(f, form.values))
          .map((f) => (
            <SpecField key={f.name} spec={f} form={form} />
          ))}
      </FormShell>
    </>
  );
  if (!heading) return <div data-testid={testId}>{body}</div>;
  const headingId = form.fieldId('heading');
  return (
    <section className="card form-card" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId}>{heading}</h3>
      {body}
    </section>
  );
}

function SpecField({ spec: f, form }: { spec: FieldSpec; form: Form<Values> }) {
  const { t } = useFormat();
  const bound = form.bind(f.name);
  const hint = typeof f.hint === 'function' ? f.hint(form.values) : f.hint;
  const choose = (value: string) =>
    form.setValues((v) => ({
      ...v,
      [f.name]: value,
      ...(f.effect?.(value, { ...v, [f.name]: value }) ?? {}),
    }));
  switch (f.kind) {
    case 'select':
      return (
        <SelectField label={f.label} hint={hint} {...bound} onChange={(e) => choose(e.target.value)}>
          <option value="">{f.placeholder ?? t('record.choose')}</option>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </SelectField>
      );
    case 'radio':
      return (
        <fieldset className="field" id={bound.id} tabIndex={-1}>
          <legend>{f.label}</legend>
          {(f.options ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input
                type="radio"
                name={bound.id}
                value={o.value}
                checked={bound.value === o.value}
                onChange={() => choose(o.value)}
              />{' '}
              {o.label}
            </label>
          ))}
        </fieldset>
      );
    case 'checkbox':
      return (
        <div className="field">
          <label className="choice">
            <input
              id={bound.id}
              type="checkbox"
              checked={bound.value === 'yes'}
              onChange={(e) => choose(e.target.checked ? 'yes' : '')}
            />{' '}
            {f.label}
          </label>
        </div>
      );
    case 'textarea':
      return <TextAreaField label={f.label} hint={hint} rows={2} {...bound} />;
    default:
      return (
        <TextField
          label={f.label}
          hint={hint}
          type={f.kind === 'date' ? 'date' : 'text'}
          {...(f.kind === 'decimal' ? { inputMode: 'decimal' as const, autoComplete: 'off' } : {})}
          {...bound}
        />
      );
  }
}
