// The agenda of an event: items, each with a title and, when it concerns one of the event's instruments, the
// articles it covers ("5, 34, 32(2)"). Each item's fields carry their own ids so a server message about
// `agenda[2].articles` lands at that item.
import type { Instrument } from '../../api.ts';
import { useFormat } from '../../useFormat.ts';
import { FieldMessages, SelectField, TextField, type FormErrors } from '../forms.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';

export interface AgendaRow {
  title: string;
  instrumentId: string;
  articles: string;
}

export const emptyItem = (): AgendaRow => ({ title: '', instrumentId: '', articles: '' });

export const agendaPaths = (rows: readonly AgendaRow[]): string[] =>
  rows.flatMap((_, i) => [`agenda.${i}.title`, `agenda.${i}.instrumentId`, `agenda.${i}.articles`]);

export function AgendaField({
  rows,
  onChange,
  onAdd,
  fieldId,
  errors,
  instruments,
}: {
  rows: readonly AgendaRow[];
  onChange: (rows: AgendaRow[]) => void;
  onAdd: () => void;
  fieldId: (field: string) => string;
  errors: FormErrors;
  /** The event's instruments: an item may concern one of them. */
  instruments: readonly Instrument[];
}) {
  const { t } = useFormat();
  const id = fieldId('agenda');
  const update = (i: number, patch: Partial<AgendaRow>) =>
    onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const path = (i: number, f: keyof AgendaRow) => `agenda.${i}.${f}`;
  return (
    <fieldset id={id} tabIndex={-1} className={`field agenda${errors.fields.agenda ? ' field-invalid' : ''}`}>
      <legend>{t('events.fields.agenda')}</legend>
      <FieldMessages id={id} hint={t('events.agenda.hint')} error={errors.fields.agenda} />
      {rows.map((row, i) => (
        <fieldset key={i} className="target-row" data-testid="agenda-row">
          <legend>{t('events.agenda.item', { n: i + 1 })}</legend>
          <TextField
            id={fieldId(path(i, 'title'))}
            label={t('events.agenda.title')}
            lang="en"
            value={row.title}
            error={errors.fields[path(i, 'title')]}
            onChange={(e) => update(i, { title: e.target.value })}
          />
          <SelectField
            id={fieldId(path(i, 'instrumentId'))}
            label={t('events.agenda.instrument')}
            value={row.instrumentId}
            error={errors.fields[path(i, 'instrumentId')]}
            onChange={(e) =>
              update(i, { instrumentId: e.target.value, articles: e.target.value ? row.articles : '' })
            }
          >
            <option value="">{t('events.agenda.noInstrument')}</option>
            {instruments.map((ins) => (
              <option key={ins.id} value={ins.id}>
                {instrumentShortTitle(t, ins)}
              </option>
            ))}
          </SelectField>
          {row.instrumentId && (
            <TextField
              id={fieldId(path(i, 'articles'))}
              label={t('events.agenda.articles')}
              hint={t('events.agenda.articlesHint')}
              value={row.articles}
              error={errors.fields[path(i, 'articles')]}
              onChange={(e) => update(i, { articles: e.target.value })}
            />
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => onChange(rows.filter((_, n) => n !== i))}
          >
            {t('events.agenda.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={onAdd}>
        {t('events.agenda.add')}
      </button>
    </fieldset>
  );
}
