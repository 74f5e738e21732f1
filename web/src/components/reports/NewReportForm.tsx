// A new draft (the Secretariat): the Commission's session, the "as at" date, the period (left empty, the
// server runs it from the previous report's "as at" date) and the symbol once assigned. The prose starts from
// the default paragraphs, which cite the figures by name; it is edited on the report's page.
import { useId } from 'react';
import { createReport, DEFAULT_PARAGRAPHS, type NewReport } from '../../api-reports.ts';
import { todayIso } from '../../format.ts';
import { navigate } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { TextField } from '../forms.tsx';
import { FormShell, optional, required, useForm } from '../useForm.tsx';

/** The form's fields, named as the server names them, so its messages land at the field. */
const FIELDS = [
  'session.number',
  'texts.en.place',
  'texts.fr.place',
  'session.from',
  'session.to',
  'session.agendaItem',
  'session.agendaSymbol',
  'texts.en.agendaTitle',
  'texts.fr.agendaTitle',
  'asAt',
  'period.from',
  'period.to',
  'date',
  'symbol',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const WHOLE = /^[1-9]\d{0,2}$/;

export function toNewReport(v: Values): NewReport {
  const from = optional(v['period.from']);
  const to = optional(v['period.to']);
  return {
    symbol: optional(v.symbol),
    date: v.date,
    asAt: v.asAt,
    session: {
      number: Number(v['session.number']),
      from: v['session.from'],
      to: v['session.to'],
      agendaItem: Number(v['session.agendaItem']),
      agendaSymbol: v['session.agendaSymbol'].trim(),
    },
    texts: {
      en: {
        place: v['texts.en.place'].trim(),
        agendaTitle: v['texts.en.agendaTitle'].trim(),
        paragraphs: { ...DEFAULT_PARAGRAPHS.en },
      },
      fr: {
        place: v['texts.fr.place'].trim(),
        agendaTitle: v['texts.fr.agendaTitle'].trim(),
        paragraphs: { ...DEFAULT_PARAGRAPHS.fr },
      },
    },
    resources: [],
    ...(from || to ? { period: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
  };
}

export function NewReportForm() {
  const { t } = useFormat();
  const id = useId();
  const initial: Values = {
    'session.number': '',
    'texts.en.place': 'Vienna',
    'texts.fr.place': 'Vienne',
    'session.from': '',
    'session.to': '',
    'session.agendaItem': '',
    'session.agendaSymbol': '',
    'texts.en.agendaTitle': 'Crime prevention and criminal justice',
    'texts.fr.agendaTitle': 'Prévention du crime et justice pénale',
    asAt: '',
    'period.from': '',
    'period.to': '',
    date: todayIso(),
    symbol: '',
  };
  const form = useForm({
    initial,
    fields: () => FIELDS,
    check: (v) => ({
      ...required(v, {
        'session.from': t('reports.required.date'),
        'session.to': t('reports.required.date'),
        'session.agendaSymbol': t('reports.required.agendaSymbol'),
        'texts.en.place': t('reports.required.place'),
        'texts.fr.place': t('reports.required.place'),
        'texts.en.agendaTitle': t('reports.required.agendaTitle'),
        'texts.fr.agendaTitle': t('reports.required.agendaTitle'),
        asAt: t('reports.required.asAt'),
        date: t('reports.required.date'),
      }),
      'session.number': WHOLE.test(v['session.number'].trim())
        ? undefined
        : { text: t('reports.required.whole') },
      'session.agendaItem': /^[1-9]\d?$/.test(v['session.agendaItem'].trim())
        ? undefined
        : { text: t('reports.required.whole') },
    }),
    send: (v, key) => createReport(toNewReport(v), key),
    done: (created) => navigate(`/reports/${created.id}`),
  });
  const field = (name: Field, props: { type?: string; hint?: string; lang?: string } = {}) => (
    <TextField
      label={t(`reports.fields.${name.replace(/\./g, '_') as 'asAt'}`)}
      {...(props.type ? { type: props.type } : {})}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.lang ? { lang: props.lang } : {})}
      {...form.bind(name)}
    />
  );
  return (
    <section className="card form-card" aria-labelledby={`${id}-h`} id="new-report">
      <h2 id={`${id}-h`}>{t('reports.new.heading')}</h2>
      <p>{t('reports.new.lead')}</p>
      <FormShell
        form={form}
        submit={t('reports.new.submit')}
        working={t('reports.working')}
        testId="new-report"
      >
        <fieldset>
          <legend>{t('reports.new.session')}</legend>
          {field('session.number', { hint: t('reports.new.sessionHint') })}
          {field('texts.en.place', { lang: 'en' })}
          {field('texts.fr.place', { lang: 'fr' })}
          {field('session.from', { type: 'date' })}
          {field('session.to', { type: 'date' })}
          {field('session.agendaItem')}
          {field('session.agendaSymbol', { hint: t('reports.new.agendaSymbolHint') })}
          {field('texts.en.agendaTitle', { lang: 'en' })}
          {field('texts.fr.agendaTitle', { lang: 'fr' })}
        </fieldset>
        <fieldset>
          <legend>{t('reports.new.dates')}</legend>
          {field('asAt', { type: 'date' })}
          {field('period.from', { type: 'date', hint: t('reports.new.periodHint') })}
          {field('period.to', { type: 'date', hint: t('reports.new.periodToHint') })}
          {field('date', { type: 'date', hint: t('reports.new.dateHint') })}
          {field('symbol', { hint: t('reports.new.symbolHint') })}
        </fieldset>
      </FormShell>
    </section>
  );
}
