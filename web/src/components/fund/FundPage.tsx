// The fund dashboard (/fund): the fund statement for a period in the shape trust funds publish (opening
// balance, sources, uses, closing balance, by earmark), its downloads, outstanding pledges as a note, and
// contributions by year and donor as a chart. Real and illustrative (demo) figures are separate datasets,
// never added together; illustrative ones always carry the banner.
import { lazy, Suspense, useId } from 'react';
import {
  defaultDataset,
  fundStatementUrl,
  getContributions,
  getFundStatement,
  type Contributions,
  type Dataset,
  type FundStatement,
} from '../../api-fund.ts';
import { OTHER_EARMARKS } from '../../../../src/funds/domain/disclosure.ts';
import { useAuth } from '../../auth.tsx';
import { SubNav } from '../SubNav.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { DatasetChoice, Downloads, IllustrativeBanner, Money, useFundNames } from './common.tsx';
import { LinesTable, StatementLines } from './StatementLines.tsx';
import { DataTable } from '../DataTable.tsx';

const ContributionsChart = lazy(() => import('./ContributionsChart.tsx'));

export function FundNav() {
  const { t } = useFormat();
  const auth = useAuth();
  const links: Array<[string, string]> = [
    ['/fund', t('fund.nav.dashboard')],
    ['/fund/donors', t('fund.nav.donors')],
    ['/fund/rates', t('fund.nav.rates')],
    ...(auth.can('fund.record') ? [['/fund/record', t('fund.nav.record')] as [string, string]] : []),
  ];
  return <SubNav label={t('fund.nav.label')} links={links} />;
}

/**
 * The dataset asked for in the address, else real figures when real donors exist, else the demo; and whether
 * there is a choice to offer at all (only when illustrative data is loaded, or illustrative figures are shown).
 */
export function useDataset(): [Dataset | null, (d: Dataset) => void, boolean] {
  const [query, setQuery] = useQuery();
  const { donors } = useFundNames();
  const asked = query.dataset === 'real' || query.dataset === 'illustrative' ? query.dataset : null;
  const dataset = asked ?? (donors.data ? defaultDataset(donors.data) : null);
  const choice =
    dataset !== null && (dataset === 'illustrative' || (donors.data ?? []).some((d) => d.illustrative));
  return [dataset, (d) => setQuery({ dataset: d }, { push: true }), choice];
}

export function FundPage() {
  const { t, date } = useFormat();
  const auth = useAuth();
  useTitle(t('fund.title'));
  const id = useId();
  const [query, setQuery] = useQuery();
  const [dataset, setDataset, offerChoice] = useDataset();
  const period = { from: query.from ?? null, to: query.to ?? null };
  const statement = useResource(
    (signal) => (dataset ? getFundStatement(period, dataset, signal) : new Promise<never>(() => {})),
    [dataset, period.from, period.to],
  );
  const contributions = useResource(
    (signal) => (dataset ? getContributions(dataset, signal) : new Promise<never>(() => {})),
    [dataset],
  );
  // Figures are shown only once they are the chosen dataset's: after a switch the previous dataset's stay
  // in memory while the new ones load, and must never appear under the other dataset's banner (or without it).
  const ofDataset = <D extends { illustrative: boolean }>(d: D | undefined) =>
    d && dataset !== null && d.illustrative === (dataset === 'illustrative') ? d : undefined;
  const s = ofDataset(statement.data);
  const chart = ofDataset(contributions.data);
  // The public (and any account without the ledger's detail) is given published figures only: whole closed
  // years, so it picks a year, not days (the server refuses other periods).
  const detail = auth.can('fund.read') && auth.user?.role !== 'donor';
  return (
    <>
      <h1>{t('fund.title')}</h1>
      <p className="meta">{t('fund.lead')}</p>
      <FundNav />
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label={t('fund.controls')}>
        {dataset && offerChoice && (
          <DatasetChoice value={dataset} onChange={setDataset} name={`${id}-dataset`} />
        )}
        {detail ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('fund.from')}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={period.from ?? s?.from ?? ''}
                onChange={(e) => setQuery({ from: e.target.value || null })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('fund.to')}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={period.to ?? s?.to ?? ''}
                onChange={(e) => setQuery({ to: e.target.value || null })}
              />
            </div>
          </>
        ) : (
          <YearChoice
            id={`${id}-year`}
            value={(period.to ?? s?.to ?? chart?.to ?? '').slice(0, 4)}
            years={publishedYears(chart)}
            onChange={(y) => setQuery({ from: `${y}-01-01`, to: `${y}-12-31` })}
          />
        )}
      </form>
      {s?.published && <p className="hint">{t('fund.publishedNote')}</p>}
      {dataset === 'illustrative' && <IllustrativeBanner />}
      {statement.error !== undefined && <ProblemAlert error={statement.error} onRetry={statement.reload} />}
      {!s && statement.error === undefined && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {s && dataset && (
        <>
          <section
            className="card statement"
            aria-labelledby={`${id}-statement`}
            data-testid="fund-statement"
          >
            <div className="section-head">
              <h2 id={`${id}-statement`}>
                {t('fund.statement.heading', { from: date(s.from), to: date(s.to) })}
              </h2>
              <Downloads
                description={t('fund.statement.downloadDescription', { from: date(s.from), to: date(s.to) })}
                files={(['csv', 'xlsx'] as const).map((format) => ({
                  format,
                  href: fundStatementUrl({ from: s.from, to: s.to }, dataset, format),
                  name: `fund-statement-${s.from}-${s.to}.${format}`,
                }))}
              />
            </div>
            <StatementLines
              caption={t('fund.statement.caption', { currency: s.currency })}
              lines={statementLines(s, t)}
            />
          </section>
          <EarmarkTable statement={s} />
          <PledgesNote statement={s} />
        </>
      )}
      {contributions.error !== undefined && (
        <ProblemAlert error={contributions.error} onRetry={contributions.reload} />
      )}
      {chart && (
        <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
          <ContributionsChart data={chart} />
        </Suspense>
      )}
    </>
  );
}

/** The closed years the public may ask for: from the first year with a contribution to the last closed one. */
function publishedYears(chart: Contributions | undefined): string[] {
  // Published contributions run to the end of the last closed year (the server's clock decides which).
  if (!chart) return [];
  const last = Number(chart.to.slice(0, 4));
  const first = Math.min(last, ...chart.rows.map((r) => Number(r.year)));
  return Array.from({ length: last - first + 1 }, (_, i) => String(last - i));
}

function YearChoice(props: { id: string; value: string; years: string[]; onChange: (year: string) => void }) {
  const { t } = useFormat();
  const years =
    props.value && !props.years.includes(props.value) ? [props.value, ...props.years] : props.years;
  return (
    <div className="field">
      <label htmlFor={props.id}>{t('fund.year')}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

type T = ReturnType<typeof useFormat>['t'];

function statementLines(s: FundStatement, t: T): Array<[string, string, 'total' | 'sub' | null]> {
  return [
    [t('fund.statement.opening'), s.openingBalance, 'total'],
    [t('fund.statement.contributions'), s.sources.contributions, 'sub'],
    [t('fund.statement.interest'), s.sources.interest, 'sub'],
    [t('fund.statement.sources'), s.sources.total, null],
    [t('fund.statement.expenditure'), s.uses.expenditure, 'sub'],
    [t('fund.statement.supportCosts'), s.uses.supportCosts, 'sub'],
    [t('fund.statement.refunds'), s.uses.refunds, 'sub'],
    [t('fund.statement.uses'), s.uses.total, null],
    [t('fund.statement.transfers'), s.transfersBetweenEarmarks, null],
    [t('fund.statement.netChange'), s.netChange, null],
    [t('fund.statement.closing'), s.closingBalance, 'total'],
    [t('fund.statement.free'), s.closing.available, 'sub'],
    [t('fund.statement.allocatedUnspent'), s.closing.allocatedUnspent, 'sub'],
  ];
}

function EarmarkTable({ statement }: { statement: FundStatement }) {
  const { t } = useFormat();
  const { earmarkName } = useFundNames();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="participants-section">
      <h2 id={`${id}-h`}>{t('fund.byEarmark.heading')}</h2>
      {statement.byEarmark.length === 0 ? (
        <p>{t('fund.byEarmark.none')}</p>
      ) : (
        <LinesTable
          testId="fund-by-earmark"
          caption={t('fund.byEarmark.caption', { currency: statement.currency })}
          rowHeader={t('fund.columns.earmark')}
          rows={statement.byEarmark.map((l) => ({
            key: l.earmarkId,
            label: l.earmarkId === OTHER_EARMARKS ? t('fund.otherEarmarks') : earmarkName(l.earmarkId),
            lang: 'en',
            line: l,
          }))}
        />
      )}
    </section>
  );
}

function PledgesNote({ statement }: { statement: FundStatement }) {
  const { t, date } = useFormat();
  const id = useId();
  return (
    <section className="card note" aria-labelledby={`${id}-h`} data-testid="pledges-note">
      <h2 id={`${id}-h`}>{t('fund.pledgesNote.heading', { date: date(statement.to) })}</h2>
      <p className="hint">{t('fund.pledgesNote.lead')}</p>
      {statement.pledgesOutstanding.length === 0 ? (
        <p>{t('fund.pledgesNote.none')}</p>
      ) : (
        <DataTable
          numbers
          captionHidden
          caption={t('fund.pledgesNote.caption')}
          rowHeader={{ key: 'currency', label: t('fund.columns.currency'), cell: (p) => p.currency }}
          columns={(['outstanding', 'overdue'] as const).map((k) => ({
            key: k,
            label: t(`fund.columns.${k}`),
            cell: (p: FundStatement['pledgesOutstanding'][number]) => (
              <Money amount={p[k]} currency={p.currency} />
            ),
          }))}
          rows={statement.pledgesOutstanding}
          rowKey={(p) => p.currency}
        />
      )}
    </section>
  );
}
