// What the report pages share: the section's navigation, the status badge, a report's name (its symbol or
// the placeholder), the links to a frozen report's files in every format and language, and the notice that
// a draft changed since the page loaded it.
import type { TFunction } from 'i18next';
import {
  downloadUrl,
  REPORT_FORMATS,
  REPORT_LOCALES,
  type ReportFormat,
  type ReportLocale,
  type ReportStatus,
  type ReportSummary,
} from '../../api-reports.ts';
import { ApiError } from '../../api.ts';
import { useFormat } from '../../useFormat.ts';
import { SubNav } from '../SubNav.tsx';

export function ReportsNav() {
  const { t } = useFormat();
  return <SubNav label={t('reports.nav.label')} links={[['/reports', t('reports.nav.list')]]} />;
}

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useFormat();
  return (
    <span
      className={`request-status ${status === 'frozen' ? 'request-completed' : 'request-submitted'}`}
      data-testid="report-status"
    >
      {t(`reports.status.${status}`)}
    </span>
  );
}

/** "E/CN.15/2005/8", or before a symbol is assigned "Report 3 (symbol to come)". */
export function reportName(t: TFunction, report: Pick<ReportSummary, 'id' | 'symbol'>): string {
  return report.symbol ?? t('reports.unnamed', { id: report.id });
}

export const FORMAT_NAMES: Readonly<Record<ReportFormat, string>> = {
  html: 'HTML',
  docx: 'DOCX',
  pdf: 'PDF',
  xlsx: 'XLSX',
};

/** One line a language: the frozen report's four files, each a download link. */
export function DownloadLinks({ id, name }: { id: number; name: string }) {
  const { t } = useFormat();
  return (
    <ul className="plain-list report-files" data-testid="report-downloads">
      {REPORT_LOCALES.map((locale: ReportLocale) => (
        <li key={locale}>
          {t(`reports.locale.${locale}`)}:{' '}
          {REPORT_FORMATS.map((format, i) => (
            <span key={format}>
              {i > 0 && ' · '}
              <a
                href={downloadUrl(id, format, locale)}
                download
                aria-label={t('reports.download', {
                  name,
                  format: FORMAT_NAMES[format],
                  language: t(`reports.locale.${locale}`),
                })}
                data-testid={`download-${format}-${locale}`}
              >
                {FORMAT_NAMES[format]}
              </a>
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

/** Whether a refusal is a 409 at the version the page edited (another save came first, or it was frozen). */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/** Someone saved or froze the report meanwhile: say so plainly, with the server's words, and offer a reload. */
export function StaleNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useFormat();
  const detail =
    error instanceof ApiError ? (error.problem.errors?.[0]?.message ?? error.problem.detail) : null;
  return (
    <div className="problem" role="alert" data-testid="stale">
      <p className="problem-heading">{t('reports.stale.heading')}</p>
      <p>{t('reports.stale.text')}</p>
      {detail && <p lang="en">{detail}</p>}
      <button type="button" onClick={onReload}>
        {t('reports.stale.reload')}
      </button>
    </div>
  );
}
