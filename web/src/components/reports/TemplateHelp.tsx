// What a paragraph may say between {{ and }}: the template language in short (docs/reports.md, "Paragraph
// templates") and every figure of the catalogue by section, with the arguments it takes. The catalogue is
// the server's own list (src/reports/domain/figures.ts): the names shown are exactly those a save accepts.
import { useId } from 'react';
import { FIGURES, REPORT_SECTIONS, TEMPLATE_FORMATS } from '../../api-reports.ts';
import { useFormat } from '../../useFormat.ts';

const SECTIONS = Object.keys(REPORT_SECTIONS) as Array<keyof typeof REPORT_SECTIONS>;

export function TemplateHelp() {
  const { t } = useFormat();
  const id = useId();
  return (
    <details className="template-help" data-testid="template-help">
      <summary>{t('reports.help.summary')}</summary>
      <p>{t('reports.help.syntax')}</p>
      <p>
        <code>{'{{parties UNTOC}}'}</code> · <code>{'{{newParties SOM | words}}'}</code> ·{' '}
        <code>{'{{asAt}}'}</code>
      </p>
      <p>
        {t('reports.help.formats')}{' '}
        {Object.keys(TEMPLATE_FORMATS).map((f, i) => (
          <span key={f}>
            {i > 0 && ', '}
            <code>{f}</code>
          </span>
        ))}
        .
      </p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`${id}-${section}`}>
          <h3 id={`${id}-${section}`}>{t(`reports.help.section.${section}`)}</h3>
          <ul className="plain-list figure-list">
            {FIGURES.filter((f) => f.section === section).map((f) => (
              <li key={f.name}>
                <code>{`{{${[f.name, ...f.args.map(() => 'INSTRUMENT')].join(' ')}}}`}</code>{' '}
                <span lang="en">{f.meaning}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>{t('reports.help.instruments')}</p>
    </details>
  );
}
