// One report to the Commission (/reports/{id}): its front-matter facts; frozen, its files, fingerprint and who
// froze it when; a draft, for the Secretariat, the previews, the paragraphs to edit, freezing, and every
// version with a comparison of two. A draft is 404 to anyone else (the server's rule).
import { useId, useState, type ReactNode } from 'react';
import { getReport, previewUrl, REPORT_FORMATS, REPORT_LOCALES, type ReportView } from '../../api-reports.ts';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Notice } from '../forms.tsx';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { DownloadLinks, FORMAT_NAMES, ReportsNav, ReportStatusBadge, reportName } from './common.tsx';
import { FreezeForm } from './FreezeForm.tsx';
import { ParagraphsForm } from './ParagraphsForm.tsx';
import { ReportVersions } from './ReportVersions.tsx';

export function ReportPage({ reportId }: { reportId: number }) {
  const { t } = useFormat();
  const auth = useAuth();
  const report = useResource((signal) => getReport(reportId, signal), [reportId, auth.user?.id]);
  const r = report.data;
  const manage = auth.can('reports.manage');
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <PageFrame
      title={r ? reportName(t, r) : t('reports.report.title', { id: reportId })}
      nav={<ReportsNav />}
    >
      {report.error instanceof ApiError && report.error.status === 404 ? (
        <div className="problem" data-testid="report-unavailable">
          <p className="problem-heading">{t('reports.report.unavailableHeading')}</p>
          <p>{t('reports.report.unavailable')}</p>
        </div>
      ) : report.error !== undefined ? (
        <ProblemAlert error={report.error} onRetry={report.reload} />
      ) : !r ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <div data-testid="report">
          <Facts report={r} />
          {r.frozen && <Frozen report={r} frozen={r.frozen} />}
          {manage && r.status === 'draft' && (
            <>
              <Previews report={r} />
              {saved !== null && (
                <Notice focusKey={saved} testId="saved">
                  {t('reports.edit.saved', { version: saved })}
                </Notice>
              )}
              <ParagraphsForm
                key={r.version}
                report={r}
                onSaved={(version) => {
                  setSaved(version);
                  report.reload();
                }}
                onReload={() => {
                  setSaved(null);
                  report.reload();
                }}
              />
              <FreezeForm key={`freeze-${r.version}`} report={r} onChanged={report.reload} />
            </>
          )}
          {manage && <ReportVersions report={r} />}
        </div>
      )}
    </PageFrame>
  );
}

function Facts({ report: r }: { report: ReportView }) {
  const { t, date, language } = useFormat();
  const d = r.draft;
  // The place and the agenda item's title in the interface's language, as the Secretariat wrote them.
  const lang = language.startsWith('fr') ? 'fr' : 'en';
  const row = (label: string, value: ReactNode, testId?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <dl className="details card" data-testid="report-facts">
      {row(t('reports.facts.status'), <ReportStatusBadge status={r.status} />)}
      {row(t('reports.facts.symbol'), d.symbol ?? t('reports.facts.symbolPending'), 'report-symbol')}
      {row(t('reports.facts.asAt'), date(d.asAt), 'report-as-at')}
      {row(
        t('reports.facts.period'),
        t('reports.facts.range', { from: date(d.period.from), to: date(d.period.to) }),
        'report-period',
      )}
      {row(
        t('reports.facts.session'),
        <>
          {t('reports.facts.sessionText', {
            number: d.session.number,
            from: date(d.session.from),
            to: date(d.session.to),
          })}{' '}
          (<span lang={lang}>{d.texts[lang].place}</span>)
        </>,
        'report-session',
      )}
      {row(
        t('reports.facts.agenda'),
        <>
          {t('reports.facts.agendaItem', { item: d.session.agendaItem })} —{' '}
          <span lang={lang}>{d.texts[lang].agendaTitle}</span> ({d.session.agendaSymbol})
        </>,
      )}
      {row(t('reports.facts.date'), date(d.date))}
      {row(
        t('reports.facts.version'),
        t('reports.facts.versionText', {
          version: r.version,
          at: r.savedAt.slice(0, 16).replace('T', ' '),
          by: r.savedBy,
        }),
        'report-version',
      )}
    </dl>
  );
}

function Frozen({ report: r, frozen }: { report: ReportView; frozen: NonNullable<ReportView['frozen']> }) {
  const { t } = useFormat();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="report-frozen">
      <h2 id={`${id}-h`}>{t('reports.frozen.heading')}</h2>
      <p>
        {t('reports.frozen.text', {
          version: frozen.version,
          at: frozen.at.slice(0, 16).replace('T', ' '),
          by: frozen.by,
        })}
      </p>
      <p>
        {t('reports.frozen.fingerprint')}{' '}
        <code className="fingerprint" data-testid="report-fingerprint">
          {frozen.fingerprint}
        </code>
      </p>
      <DownloadLinks id={r.id} name={reportName(t, r)} />
    </section>
  );
}

/** The saved version as a file, produced now and marked DRAFT; each opens in a new tab. */
function Previews({ report: r }: { report: ReportView }) {
  const { t } = useFormat();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="report-previews">
      <h2 id={`${id}-h`}>{t('reports.preview.heading')}</h2>
      <p>{t('reports.preview.lead', { version: r.version })}</p>
      <ul className="plain-list report-files">
        {REPORT_LOCALES.map((locale) => (
          <li key={locale}>
            {t(`reports.locale.${locale}`)}:{' '}
            {REPORT_FORMATS.map((format, i) => (
              <span key={format}>
                {i > 0 && ' · '}
                <a
                  href={previewUrl(r.id, format, locale, r.version)}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('reports.preview.link', {
                    format: FORMAT_NAMES[format],
                    language: t(`reports.locale.${locale}`),
                  })}
                  data-testid={`preview-${format}-${locale}`}
                >
                  {FORMAT_NAMES[format]}
                </a>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
