// The people of a delegation, as rows the focal point adds and removes: each with a position (head or member),
// a category, title, names, function and e-mail. Each input carries its own id ("delegates.1.familyName"),
// so a message of the server about `delegates[1].familyName` lands beside that field.
import { DELEGATE_CATEGORIES, DELEGATE_POSITIONS, type DelegateCategory } from '../../api-delegations.ts';
import { useFormat } from '../../useFormat.ts';
import { FieldMessages, SelectField, TextField, type FormErrors } from '../forms.tsx';
import { emptyPerson, type PersonRow } from './registration-model.ts';

type TextKey = 'title' | 'givenName' | 'familyName' | 'function' | 'email';

export function PeopleField({
  rows,
  onChange,
  fieldId,
  errors,
}: {
  rows: readonly PersonRow[];
  onChange: (rows: PersonRow[]) => void;
  fieldId: (field: string) => string;
  errors: FormErrors;
}) {
  const { t } = useFormat();
  const id = fieldId('delegates');
  const error = errors.fields.delegates;
  const update = (i: number, patch: Partial<PersonRow>) =>
    onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const text = (
    i: number,
    key: TextKey,
    label: string,
    extra: { type?: string; autoComplete?: string } = {},
  ) => {
    const path = `delegates.${i}.${key}`;
    return (
      <TextField
        id={fieldId(path)}
        label={label}
        value={rows[i]![key]}
        error={errors.fields[path]}
        autoComplete={extra.autoComplete ?? 'off'}
        {...(extra.type ? { type: extra.type } : {})}
        onChange={(e) => update(i, { [key]: e.target.value })}
      />
    );
  };
  return (
    <fieldset id={id} tabIndex={-1} className={`field people${error ? ' field-invalid' : ''}`}>
      <legend>{t('delegations.register.people')}</legend>
      <FieldMessages id={id} hint={t('delegations.register.peopleHint')} error={error} />
      {rows.map((row, i) => (
        <fieldset key={i} className="target-row person-row" data-testid="person-row">
          <legend>{t('delegations.register.person', { n: i + 1 })}</legend>
          <div className="field-pair">
            <SelectField
              id={fieldId(`delegates.${i}.position`)}
              label={t('delegations.person.position')}
              value={row.position}
              error={errors.fields[`delegates.${i}.position`]}
              onChange={(e) => update(i, { position: e.target.value as PersonRow['position'] })}
            >
              {DELEGATE_POSITIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`delegations.position.${p}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id={fieldId(`delegates.${i}.category`)}
              label={t('delegations.person.category')}
              value={row.category}
              error={errors.fields[`delegates.${i}.category`]}
              onChange={(e) => update(i, { category: e.target.value as DelegateCategory })}
            >
              {DELEGATE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`delegations.category.${c}`)}
                </option>
              ))}
            </SelectField>
          </div>
          {text(i, 'title', t('delegations.person.title'), { autoComplete: 'honorific-prefix' })}
          <div className="field-pair">
            {text(i, 'givenName', t('delegations.person.givenName'))}
            {text(i, 'familyName', t('delegations.person.familyName'))}
          </div>
          {text(i, 'function', t('delegations.person.function'))}
          {text(i, 'email', t('delegations.person.email'), { type: 'email' })}
          <button
            type="button"
            className="secondary"
            onClick={() => onChange(rows.filter((_, n) => n !== i))}
          >
            {t('delegations.register.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...rows, emptyPerson()])}>
        {t('delegations.register.add')}
      </button>
    </fieldset>
  );
}
