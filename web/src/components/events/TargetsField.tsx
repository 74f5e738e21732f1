// Whom an event is for, or whom to invite: rows of a kind (region, sub-region, intermediate region, UN
// regional group, development class, State) and a value chosen among those the States' reference data has
// (GET /api/participants). Each row's choices carry their own ids, so a server message about
// `targets[1].value` lands at that row's value.
import type { TFunction } from 'i18next';
import { TARGET_KINDS, type Target, type TargetKind } from '../../api-events.ts';
import type { Participant } from '../../api.ts';
import { useFormat } from '../../useFormat.ts';
import { FieldMessages, SelectField, type FormErrors } from '../forms.tsx';
import { targetOptions } from './model.ts';

export interface TargetRow {
  kind: TargetKind;
  value: string;
}

export const emptyTarget = (): TargetRow => ({ kind: 'intermediate_region', value: '' });

/** The rows with a value, as the API takes them. */
export const chosenTargets = (rows: readonly TargetRow[]): Target[] =>
  rows.filter((r) => r.value).map((r) => ({ kind: r.kind, value: r.value }));

/** The form's field paths of the rows (for the messages' order and places). */
export const targetPaths = (name: string, rows: readonly TargetRow[]): string[] =>
  rows.flatMap((_, i) => [`${name}.${i}.kind`, `${name}.${i}.value`]);

function valueLabel(t: TFunction, kind: TargetKind, option: { value: string; label: string }): string {
  return kind === 'development_class' ? t(`developmentClass.${option.value as 'developing'}`) : option.label;
}

export function TargetsField({
  name,
  legend,
  hint,
  rows,
  onChange,
  fieldId,
  errors,
  participants,
}: {
  name: string;
  legend: string;
  hint?: string;
  rows: readonly TargetRow[];
  onChange: (rows: TargetRow[]) => void;
  fieldId: (field: string) => string;
  errors: FormErrors;
  participants: readonly Participant[];
}) {
  const { t } = useFormat();
  const id = fieldId(name);
  const error = errors.fields[name];
  const update = (i: number, patch: Partial<TargetRow>) =>
    onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  return (
    <fieldset id={id} tabIndex={-1} className={`field targets${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {rows.map((row, i) => {
        const options = targetOptions(row.kind, participants);
        return (
          <fieldset key={i} className="target-row" data-testid={`${name}-row`}>
            <legend>{t('events.targets.row', { n: i + 1 })}</legend>
            <SelectField
              id={fieldId(`${name}.${i}.kind`)}
              label={t('events.targets.kind')}
              value={row.kind}
              error={errors.fields[`${name}.${i}.kind`]}
              onChange={(e) => update(i, { kind: e.target.value as TargetKind, value: '' })}
            >
              {TARGET_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`events.targetKind.${k}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id={fieldId(`${name}.${i}.value`)}
              label={t('events.targets.value')}
              value={row.value}
              error={errors.fields[`${name}.${i}.value`]}
              onChange={(e) => update(i, { value: e.target.value })}
            >
              <option value="">{t('record.choose')}</option>
              {options.map((o) => (
                <option
                  key={o.value}
                  value={o.value}
                  lang={row.kind === 'development_class' ? undefined : 'en'}
                >
                  {valueLabel(t, row.kind, o)}
                </option>
              ))}
            </SelectField>
            <button
              type="button"
              className="secondary"
              onClick={() => onChange(rows.filter((_, n) => n !== i))}
            >
              {t('events.targets.remove', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={() => onChange([...rows, emptyTarget()])}>
        {t('events.targets.add')}
      </button>
    </fieldset>
  );
}
