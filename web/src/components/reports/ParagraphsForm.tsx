// The Secretariat's prose of a draft: one text a slot (summary, sections I-VI) in each language, with
// placeholders for the figures. Saved as a new version made from the version the page shows (`baseVersion`):
// if someone saved meanwhile the server refuses (409) and the page says so, with a way to reload; nothing
// is overwritten. A placeholder that does not check is refused at its field, with the server's line, column
// and suggestion.
import { useId, useState } from 'react';
import {
  PARAGRAPH_SLOTS,
  REPORT_LOCALES,
  saveReport,
  type ReportLocale,
  type ReportView,
} from '../../api-reports.ts';
import { useFormat } from '../../useFormat.ts';
import { TextAreaField } from '../forms.tsx';
import { FormShell, useForm } from '../useForm.tsx';
import { isStale, StaleNotice } from './common.tsx';
import { TemplateHelp } from './TemplateHelp.tsx';

/** The server's path of a paragraph, which is also the form's field name. */
const fieldOf = (locale: ReportLocale, slot: string) => `texts.${locale}.paragraphs.${slot}`;
const FIELDS = REPORT_LOCALES.flatMap((l) => PARAGRAPH_SLOTS.map((s) => fieldOf(l, s)));

function valuesOf(report: ReportView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of REPORT_LOCALES)
    for (const s of PARAGRAPH_SLOTS) out[fieldOf(l, s)] = report.draft.texts[l].paragraphs[s];
  return out;
}

export function ParagraphsForm({
  report,
  onSaved,
  onReload,
}: {
  report: ReportView;
  /** After a save, with the version it made. */
  onSaved: (version: number) => void;
  onReload: () => void;
}) {
  const { t } = useFormat();
  const id = useId();
  const [stale, setStale] = useState<unknown>(null);
  const saved = valuesOf(report);
  const form = useForm({
    initial: saved,
    fields: () => FIELDS,
    checkWhole: (v) =>
      FIELDS.every((f) => v[f] === saved[f]) ? { text: t('reports.edit.unchanged') } : undefined,
    send: (v, key) => {
      const { draft } = report;
      const texts = Object.fromEntries(
        REPORT_LOCALES.map((l) => [
          l,
          {
            ...draft.texts[l],
            paragraphs: Object.fromEntries(PARAGRAPH_SLOTS.map((s) => [s, v[fieldOf(l, s)] ?? ''])),
          },
        ]),
      ) as typeof draft.texts;
      return saveReport(report.id, { ...draft, texts, baseVersion: report.version }, key);
    },
    failed: (error) => setStale(isStale(error) ? error : null),
    done: (view) => onSaved(view.version),
  });
  return (
    <section className="card form-card" aria-labelledby={`${id}-h`} data-testid="paragraphs">
      <h2 id={`${id}-h`}>{t('reports.edit.heading')}</h2>
      <p>{t('reports.edit.lead', { version: report.version })}</p>
      <TemplateHelp />
      {stale !== null && <StaleNotice error={stale} onReload={onReload} />}
      <FormShell
        form={form}
        submit={t('reports.edit.submit')}
        working={t('reports.working')}
        testId="paragraphs-form"
      >
        {REPORT_LOCALES.map((locale) => (
          <fieldset key={locale} data-locale={locale}>
            <legend>{t(`reports.locale.${locale}`)}</legend>
            {PARAGRAPH_SLOTS.map((slot) => (
              <TextAreaField
                key={slot}
                label={t('reports.edit.slotLabel', {
                  slot: t(`reports.slots.${slot}`),
                  language: t(`reports.locale.${locale}`),
                })}
                rows={slot === 'summary' || slot === 'conclusions' ? 4 : 6}
                lang={locale}
                {...form.bind(fieldOf(locale, slot))}
              />
            ))}
          </fieldset>
        ))}
      </FormShell>
    </section>
  );
}
