// The reports to the Commission (/reports): everyone sees the frozen reports with their files in every format
// and language (the server gives the public nothing else); the Secretariat also sees the drafts, starts a
// new one, and starts the next session's report from a frozen one.
import { useId } from 'react';
import { listReports, startNextReport, type ReportSummary } from '../../api-reports.ts';
import { useAuth } from '../../auth.tsx';
import { Link, navigate } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { PageFrame } from '../PageFrame.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { FormShell, useForm } from '../useForm.tsx';
import { DownloadLinks, ReportsNav, ReportStatusBadge, reportName } from './common.tsx';
import { NewReportForm } from './NewReportForm.tsx';

export function ReportsPage() {
  const { t } = useFormat();
  const auth = useAuth();
  const reports = useResource((signal) => listReports(signal), [auth.user?.id]);
  return (
    <PageFrame title={t('reports.list.title')} nav={<ReportsNav />}>
      <p className="meta">{t('reports.list.lead')}</p>
      {reports.error !== undefined && <ProblemAlert error={reports.error} onRetry={reports.reload} />}
      {reports.data && (
        <>
          <p role="status" data-testid="reports-count">
            {t('reports.list.count', { count: reports.data.length })}
          </p>
          <ul className="plain-list report-list" data-testid="reports">
            {reports.data.map((r) => (
              <ReportItem key={r.id} report={r} />
            ))}
          </ul>
        </>
      )}
      {auth.can('reports.manage') && <NewReportForm />}
    </PageFrame>
  );
}

function ReportItem({ report: r }: { report: ReportSummary }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const id = useId();
  const name = reportName(t, r);
  return (
    <li className="card" data-testid="report-item" data-report={r.id} data-status={r.status}>
      <h2 id={`${id}-h`} className="report-item-heading">
        <Link to={`/reports/${r.id}`}>{name}</Link> <ReportStatusBadge status={r.status} />
      </h2>
      <p>
        {t('reports.list.facts', { session: r.session, asAt: date(r.asAt), version: r.version })}
        {r.frozenAt && <> {t('reports.list.frozenOn', { date: date(r.frozenAt.slice(0, 10)) })}</>}
      </p>
      {r.status === 'frozen' && <DownloadLinks id={r.id} name={name} />}
      {r.status === 'frozen' && auth.can('reports.manage') && <NextReportButton report={r} />}
    </li>
  );
}

/** A new draft for the next session, from a frozen report's text and resources. */
function NextReportButton({ report }: { report: ReportSummary }) {
  const { t } = useFormat();
  const form = useForm({
    initial: {},
    fields: () => [],
    send: (_v, key) => startNextReport(report.id, key),
    done: (next) => navigate(`/reports/${next.id}`),
  });
  return (
    <FormShell
      form={form}
      submit={t('reports.list.next')}
      working={t('reports.working')}
      testId="next-report-form"
      className="inline-form"
    >
      {null}
    </FormShell>
  );
}
