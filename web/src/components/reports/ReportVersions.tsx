// Every version of a report (the Secretariat's): who saved it, when; and what changed between two of them,
// as the server compares them — the fields before and after, and each text that differs line by line.
import { useId, useState } from 'react';
import {
  compareReport,
  getReport,
  listReportVersions,
  type ReportComparison,
  type ReportView,
} from '../../api-reports.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Empty } from '../Empty.tsx';
import { SelectField } from '../forms.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function ReportVersions({ report }: { report: ReportView }) {
  const { t } = useFormat();
  const id = useId();
  const versions = useResource(
    (signal) => listReportVersions(report.id, signal),
    [report.id, report.version],
  );
  const list = versions.data ?? [];
  const [from, setFrom] = useState(String(Math.max(1, report.version - 1)));
  const [to, setTo] = useState(String(report.version));
  const [asked, setAsked] = useState<{ from: number; to: number; fromReport?: number } | null>(null);
  const comparison = useResource(
    (signal) => (asked ? compareAsked(report.id, asked, signal) : Promise.resolve(null)),
    [report.id, asked?.from, asked?.to, asked?.fromReport],
  );
  const startedFrom = report.startedFrom;
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="report-versions">
      <h2 id={`${id}-h`}>{t('reports.versions.heading')}</h2>
      {versions.error !== undefined && <ProblemAlert error={versions.error} onRetry={versions.reload} />}
      <ol className="history-list">
        {list.map((v) => (
          <li key={v.version} data-version={v.version}>
            {t('reports.versions.item', { version: v.version, by: v.savedBy })}{' '}
            <time dateTime={v.savedAt}>{when(v.savedAt)}</time>
          </li>
        ))}
      </ol>
      {list.length > 1 && (
        <form
          className="compare-form"
          data-testid="compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked({ from: Number(from), to: Number(to) });
          }}
        >
          <VersionSelect
            id={`${id}-from`}
            label={t('reports.versions.from')}
            value={from}
            onChange={setFrom}
            versions={list}
          />
          <VersionSelect
            id={`${id}-to`}
            label={t('reports.versions.to')}
            value={to}
            onChange={setTo}
            versions={list}
          />
          <div className="form-actions">
            <button type="submit">{t('reports.versions.compare')}</button>
          </div>
        </form>
      )}
      {startedFrom !== null && (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => setAsked({ from: 0, to: report.version, fromReport: startedFrom })}
            data-testid="compare-since-frozen"
          >
            {t('reports.versions.sinceFrozen', { id: startedFrom })}
          </button>
        </p>
      )}
      {comparison.error !== undefined && (
        <ProblemAlert error={comparison.error} onRetry={comparison.reload} />
      )}
      {comparison.data && <Comparison comparison={comparison.data} />}
    </section>
  );
}

/** With `fromReport`, its frozen version (`from` is then unused) against this report's version. */
async function compareAsked(
  id: number,
  asked: { from: number; to: number; fromReport?: number },
  signal: AbortSignal,
): Promise<ReportComparison> {
  if (asked.fromReport === undefined)
    return compareReport(id, { fromVersion: asked.from, toVersion: asked.to }, signal);
  const base = await getReport(asked.fromReport, signal);
  const fromVersion = base.frozen?.version ?? base.version;
  return compareReport(id, { fromVersion, toVersion: asked.to, fromReport: asked.fromReport }, signal);
}

function VersionSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  versions: ReadonlyArray<{ version: number }>;
}) {
  const { t } = useFormat();
  return (
    <SelectField
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.versions.map((v) => (
        <option key={v.version} value={v.version}>
          {t('reports.versions.option', { version: v.version })}
        </option>
      ))}
    </SelectField>
  );
}

function Comparison({ comparison: c }: { comparison: ReportComparison }) {
  const { t } = useFormat();
  const id = useId();
  const value = (v: string | number | null) => (v === null ? <Empty /> : String(v));
  return (
    <section aria-labelledby={`${id}-h`} data-testid="comparison">
      <h3 id={`${id}-h`}>
        {c.from.report === c.to.report
          ? t('reports.versions.compared', { from: c.from.version, to: c.to.version })
          : t('reports.versions.comparedReport', {
              report: c.from.report,
              from: c.from.version,
              to: c.to.version,
            })}
      </h3>
      {c.fields.length === 0 && c.texts.length === 0 && (
        <p data-testid="comparison-same">{t('reports.versions.same')}</p>
      )}
      {c.fields.length > 0 && (
        <ul className="change-list" data-testid="comparison-fields">
          {c.fields.map((f) => (
            <li key={f.field} data-field={f.field}>
              <code>{f.field}</code>: <del lang="en">{value(f.from)}</del> <span aria-hidden="true">→</span>{' '}
              <span className="visually-hidden">{t('reports.versions.became')} </span>
              <ins lang="en">{value(f.to)}</ins>
            </li>
          ))}
        </ul>
      )}
      {c.texts.map((text) => (
        <div key={text.field} className="diff" data-field={text.field}>
          <h4>
            <code>{text.field}</code>
          </h4>
          <ul
            className="diff-lines"
            data-testid="diff-lines"
            lang={text.field.startsWith('texts.fr') ? 'fr' : 'en'}
          >
            {text.lines.map((line, i) => (
              <li key={i} className={`diff-${line.op}`} data-op={line.op}>
                <span className="diff-mark" aria-hidden="true">
                  {line.op === 'added' ? '+' : line.op === 'removed' ? '−' : ' '}
                </span>
                {line.op !== 'same' && (
                  <span className="visually-hidden">{t(`reports.versions.${line.op}`)} </span>
                )}
                {line.op === 'added' ? (
                  <ins>{line.text}</ins>
                ) : line.op === 'removed' ? (
                  <del>{line.text}</del>
                ) : (
                  <span>{line.text}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
