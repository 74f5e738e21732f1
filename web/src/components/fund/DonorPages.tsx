// Donors (/fund/donors, public) and a donor's statement (/fund/donors/{id}): pledged, committed, paid,
// written off, outstanding and overdue per currency; US dollar figures in total, by earmark and by year;
// every pledge with its instalments and events; CSV and XLSX downloads. A donor account sees its own
// statements only (the server answers 404 for another's); the public sees the list, with each donor's
// contributions received in US dollars (the published aggregate of /api/fund/contributions, summed exactly).
import { useId } from 'react';
import {
  donorStatementUrl,
  getContributions,
  getDonorStatement,
  type Contributions,
  type DonorStatement,
  type Pledge,
} from '../../api-fund.ts';
import { ApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { looksLikeIsoDate } from '../../format.ts';
import { compareDecimals, subtractDecimals, sumDecimals } from '../../money.ts';
import { Link } from '../../router.tsx';
import { useQuery } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { Empty } from '../Empty.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { PageFrame } from '../PageFrame.tsx';
import {
  DatasetChoice,
  DonorLink,
  Downloads,
  IllustrativeBanner,
  IllustrativeTag,
  Money,
  PledgeStatusBadge,
  useFundNames,
} from './common.tsx';
import { FundNav, useDataset } from './FundPage.tsx';
import { LinesTable, StatementLines } from './StatementLines.tsx';
import { DataTable } from '../DataTable.tsx';

/** Whether the signed-in account may open this donor's statement (the server checks again). */
function useMayRead(): (donorId: string) => boolean {
  const auth = useAuth();
  return (donorId) =>
    auth.can('fund.read') && (auth.user?.role !== 'donor' || auth.user.donors.includes(donorId));
}

export function DonorsPage() {
  const { t, date } = useFormat();
  useTitle(t('donors.title'));
  const id = useId();
  const auth = useAuth();
  const { donors } = useFundNames();
  const [dataset, setDataset, offerChoice] = useDataset();
  const mayRead = useMayRead();
  const own = auth.user?.role === 'donor' ? auth.user.donors : [];
  const shown = (donors.data ?? []).filter((d) => d.illustrative === (dataset === 'illustrative'));
  const contributions = useResource(
    (signal) => (dataset ? getContributions(dataset, signal) : new Promise<never>(() => {})),
    [dataset],
  );
  // The rows follow the dataset at once; the figures only once they are the chosen dataset's, so that a
  // donor is never shown 0.00 (or another dataset's figure) while the new figures load.
  const current =
    contributions.data && contributions.data.illustrative === (dataset === 'illustrative')
      ? contributions.data
      : undefined;
  const totals = current ? contributionsByDonor(current) : null;
  const received = (donorId: string) => totals?.get(donorId) ?? '0.00';
  const currency = current?.currency ?? 'USD';
  return (
    <>
      <h1>{t('donors.title')}</h1>
      <p className="meta">{t('donors.lead')}</p>
      <FundNav />
      {own.length > 0 && (
        <section className="card" aria-labelledby={`${id}-own`}>
          <h2 id={`${id}-own`}>{t('donors.own')}</h2>
          <ul>
            {own.map((donorId) => {
              const d = donors.data?.find((x) => x.id === donorId);
              return (
                <li key={donorId}>
                  <DonorLink donor={d ?? { id: donorId, name: donorId }} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {dataset && offerChoice && (
        <div className="controls">
          <DatasetChoice value={dataset} onChange={setDataset} name={`${id}-dataset`} />
        </div>
      )}
      {dataset === 'illustrative' && <IllustrativeBanner />}
      {donors.error !== undefined && <ProblemAlert error={donors.error} onRetry={donors.reload} />}
      {contributions.error !== undefined && (
        <ProblemAlert error={contributions.error} onRetry={contributions.reload} />
      )}
      {current && <p className="hint">{t('donors.contributionsNote', { date: date(current.to) })}</p>}
      {donors.data && (
        <DataTable
          testId="donors-table"
          numbers
          caption={t('donors.caption', { count: shown.length })}
          rowHeader={{
            key: 'name',
            label: t('donors.columns.name'),
            cell: (d) => (
              <>
                {mayRead(d.id) ? <DonorLink donor={d} /> : <span lang="en">{d.name}</span>}{' '}
                {d.illustrative && <IllustrativeTag />}
              </>
            ),
          }}
          columns={[
            {
              key: 'id',
              label: t('donors.columns.id'),
              text: true,
              cell: (d) => <span className="code">{d.id}</span>,
            },
            {
              key: 'kind',
              label: t('donors.columns.kind'),
              text: true,
              cell: (d) => t(`donors.kind.${d.kind}`),
            },
            {
              key: 'state',
              label: t('donors.columns.state'),
              text: true,
              cell: (d) =>
                d.participantId ? (
                  <Link to={`/countries/${d.participantId}`}>{d.participantId}</Link>
                ) : (
                  <Empty />
                ),
            },
            {
              key: 'contributions',
              label: t('donors.columns.contributions', { currency }),
              cell: (d) => (totals ? <Money amount={received(d.id)} /> : <Empty />),
            },
          ]}
          rows={shown}
          rowKey={(d) => d.id}
          rowData={(d) => ({ donor: d.id })}
          foot={
            totals && (
              <tr data-testid="donors-total">
                <th scope="row" colSpan={4}>
                  {t('donors.total')}
                </th>
                <td data-column="contributions">
                  <Money amount={sumDecimals(shown.map((d) => received(d.id)))} />
                </td>
              </tr>
            )
          }
        />
      )}
      {!auth.can('fund.read') && <p className="hint">{t('donors.publicNote')}</p>}
    </>
  );
}

/** Contributions received per donor, summed over the years exactly (decimal strings, no float). */
function contributionsByDonor(data: Contributions): Map<string, string> {
  const byDonor = new Map<string, string[]>();
  for (const r of data.rows) byDonor.set(r.donorId, [...(byDonor.get(r.donorId) ?? []), r.amount]);
  return new Map([...byDonor].map(([donorId, amounts]) => [donorId, sumDecimals(amounts)]));
}

export function DonorPage({ donorId }: { donorId: string }) {
  const { t } = useFormat();
  const { donors } = useFundNames();
  const name = donors.data?.find((d) => d.id === donorId)?.name ?? donorId;
  return (
    <PageFrame title={t('donor.title', { name })} nav={<FundNav />} permission="fund.read">
      <Statement donorId={donorId} />
    </PageFrame>
  );
}

function Statement({ donorId }: { donorId: string }) {
  const { t, date } = useFormat();
  const id = useId();
  const [query, setQuery] = useQuery();
  const asOf = query.asOf && looksLikeIsoDate(query.asOf) ? query.asOf : null;
  const statement = useResource((signal) => getDonorStatement(donorId, asOf, signal), [donorId, asOf]);
  const s = statement.data;
  const { earmarkName } = useFundNames();
  return (
    <>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-asof`}>{t('donor.asOf')}</label>
          <input
            id={`${id}-asof`}
            type="date"
            value={asOf ?? s?.asOf ?? ''}
            onChange={(e) => setQuery({ asOf: e.target.value || null })}
          />
        </div>
      </form>
      {statement.error instanceof ApiError && statement.error.status === 404 ? (
        <div className="problem" data-testid="statement-unavailable">
          <p className="problem-heading">{t('donor.unavailableHeading')}</p>
          <p>{t('donor.unavailable')}</p>
        </div>
      ) : (
        statement.error !== undefined && <ProblemAlert error={statement.error} onRetry={statement.reload} />
      )}
      {!s && statement.error === undefined && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {s && (
        <div data-testid="donor-statement">
          {s.donor.illustrative && <IllustrativeBanner />}
          <div className="section-head">
            <p className="as-of-lead">{t('donor.lead', { date: date(s.asOf) })}</p>
            <Downloads
              description={t('donor.downloadDescription', { name: s.donor.name, date: date(s.asOf) })}
              files={(['csv', 'xlsx'] as const).map((format) => ({
                format,
                href: donorStatementUrl(s.donor.id, s.asOf, format),
                name: `donor-statement-${s.donor.id}-${s.asOf}.${format}`,
              }))}
            />
          </div>
          <PledgeTotals statement={s} />
          <section className="card statement" aria-labelledby={`${id}-usd`}>
            <h2 id={`${id}-usd`}>{t('donor.usdHeading')}</h2>
            <StatementLines
              caption={t('donor.usdCaption', { currency: s.currency })}
              lines={usdLines(s, t)}
            />
            <AddsUp statement={s} />
          </section>
          <section className="participants-section" aria-labelledby={`${id}-earmark`}>
            <h2 id={`${id}-earmark`}>{t('donor.byEarmark')}</h2>
            <LinesTable
              testId="donor-by-earmark"
              caption={t('donor.byEarmarkCaption', { currency: s.currency })}
              rowHeader={t('fund.columns.earmark')}
              rows={s.byEarmark.map((l) => ({
                key: l.earmarkId,
                label: earmarkName(l.earmarkId),
                lang: 'en',
                line: l,
              }))}
            />
          </section>
          <section className="participants-section" aria-labelledby={`${id}-year`}>
            <h2 id={`${id}-year`}>{t('donor.byYear')}</h2>
            <LinesTable
              testId="donor-by-year"
              caption={t('donor.byYearCaption', { currency: s.currency })}
              rowHeader={t('fund.columns.year')}
              rows={s.byYear.map((l) => ({ key: l.year, label: l.year, line: l }))}
            />
          </section>
          <PledgeList pledges={s.pledgeList} />
        </div>
      )}
    </>
  );
}

type T = ReturnType<typeof useFormat>['t'];

function usdLines(s: DonorStatement, t: T): Array<[string, string, 'total' | 'sub' | null]> {
  const l = s.totals;
  return [
    [t('fund.columns.contributions'), l.contributions, null],
    [t('fund.columns.interest'), l.interest, null],
    [t('fund.columns.transfersIn'), l.transfersIn, null],
    [t('fund.columns.transfersOut'), l.transfersOut, null],
    [t('fund.columns.refunds'), l.refunds, null],
    [t('fund.columns.allocated'), l.allocated, null],
    [t('fund.columns.expenditure'), l.expenditure, null],
    [t('fund.columns.supportCosts'), l.supportCosts, null],
    [t('fund.columns.balance'), l.balance, 'total'],
    [t('fund.columns.available'), l.available, 'sub'],
    [t('fund.columns.allocatedUnspent'), l.allocatedUnspent, 'sub'],
  ];
}

/**
 * The statement checked on its own figures, exactly: money in less money out is the balance, and the
 * balance is what is free plus what is allocated and not yet spent.
 */
function AddsUp({ statement }: { statement: DonorStatement }) {
  const { t } = useFormat();
  const l = statement.totals;
  const inflow = sumDecimals([l.contributions, l.interest, l.transfersIn]);
  const outflow = sumDecimals([l.transfersOut, l.refunds, l.expenditure, l.supportCosts]);
  const ok =
    compareDecimals(subtractDecimals(inflow, outflow), l.balance) === 0 &&
    compareDecimals(sumDecimals([l.available, l.allocatedUnspent]), l.balance) === 0;
  return (
    <p className={ok ? 'check check-ok' : 'check check-fail'} data-testid="usd-check">
      {ok ? t('donor.addsUp') : t('donor.doesNotAddUp')}
    </p>
  );
}

const PLEDGE_COLUMNS = ['pledged', 'committed', 'paid', 'writtenOff', 'outstanding', 'overdue'] as const;

/** Paid + written off + outstanding = pledged, exactly. */
function addsUp(p: DonorStatement['pledges'][number]): boolean {
  return compareDecimals(sumDecimals([p.paid, p.writtenOff, p.outstanding], 0), p.pledged) === 0;
}

function PledgeTotals({ statement }: { statement: DonorStatement }) {
  const { t } = useFormat();
  const id = useId();
  return (
    <section className="participants-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('donor.pledgesHeading')}</h2>
      {statement.pledges.length === 0 ? (
        <p>{t('donor.noPledges')}</p>
      ) : (
        <DataTable
          testId="pledge-totals"
          numbers
          caption={t('donor.pledgesCaption')}
          rowHeader={{ key: 'currency', label: t('fund.columns.currency'), cell: (p) => p.currency }}
          columns={[
            ...PLEDGE_COLUMNS.map((c) => ({
              key: c,
              label: t(`fund.columns.${c}`),
              cell: (p: DonorStatement['pledges'][number]) => <Money amount={p[c]} />,
            })),
            {
              key: 'check',
              label: t('donor.check'),
              cell: (p: DonorStatement['pledges'][number]) =>
                addsUp(p) ? (
                  <span className="check-ok">{t('donor.pledgeAddsUp')}</span>
                ) : (
                  <span className="check-fail">{t('donor.pledgeDoesNotAddUp')}</span>
                ),
            },
          ]}
          rows={statement.pledges}
          rowKey={(p) => p.currency}
          rowData={(p) => ({ currency: p.currency })}
        />
      )}
      {statement.paidInOriginalCurrencies.length > 0 && (
        <p data-testid="paid-original">
          {t('donor.paidOriginal')}{' '}
          {statement.paidInOriginalCurrencies.map((p, i) => (
            <span key={p.currency}>
              {i > 0 && ', '}
              <Money amount={p.amount} currency={p.currency} />
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

export function PledgeList({ pledges }: { pledges: readonly Pledge[] }) {
  const { t, date } = useFormat();
  const auth = useAuth();
  const { earmarkName } = useFundNames();
  const id = useId();
  const mayRecord = auth.can('fund.record');
  return (
    <section aria-labelledby={`${id}-h`} className="pledge-list">
      <h2 id={`${id}-h`}>{t('donor.pledgeList')}</h2>
      {pledges.length === 0 && <p>{t('donor.noPledges')}</p>}
      {pledges.map((p) => (
        <article key={p.id} className="card pledge" aria-labelledby={`${id}-${p.id}`} data-pledge={p.id}>
          <h3 id={`${id}-${p.id}`}>
            {t('donor.pledgeTitle', { id: p.id, date: date(p.pledgedOn) })}{' '}
            <PledgeStatusBadge status={p.status} />
          </h3>
          <dl className="details">
            <div>
              <dt>{t('fund.columns.pledged')}</dt>
              <dd>
                <Money amount={p.pledged.amount} currency={p.pledged.currency} />
              </dd>
            </div>
            <div>
              <dt>{t('fund.columns.earmark')}</dt>
              <dd lang="en">{earmarkName(p.earmarkId)}</dd>
            </div>
            <div>
              <dt>{t('fund.columns.paid')}</dt>
              <dd>
                <Money amount={p.paid.amount} currency={p.paid.currency} />
              </dd>
            </div>
            <div>
              <dt>{t('fund.columns.outstanding')}</dt>
              <dd>
                <Money amount={p.outstanding.amount} currency={p.outstanding.currency} />
              </dd>
            </div>
            <div>
              <dt>{t('fund.columns.overdue')}</dt>
              <dd>
                <Money amount={p.overdue.amount} currency={p.overdue.currency} />
                {p.overdueSince && <> {t('donor.overdueSince', { date: date(p.overdueSince) })}</>}
              </dd>
            </div>
            {compareDecimals(p.writtenOff.amount, '0') !== 0 && (
              <div>
                <dt>{t('fund.columns.writtenOff')}</dt>
                <dd>
                  <Money amount={p.writtenOff.amount} currency={p.writtenOff.currency} />
                </dd>
              </div>
            )}
            <div>
              <dt>{t('donor.sourceOfFunds')}</dt>
              <dd>{t(`fund.sourceOfFunds.${p.sourceOfFunds}`)}</dd>
            </div>
          </dl>
          {p.instalments.length > 0 && (
            <table className="participants numbers compact-table">
              <caption>{t('donor.instalments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('donor.dueOn')}</th>
                  <th scope="col">{t('fund.columns.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {p.instalments.map((i, n) => (
                  <tr key={n}>
                    <th scope="row">{date(i.dueOn)}</th>
                    <td>
                      <Money amount={i.amount} currency={p.pledged.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.events.length > 0 && (
            <>
              <h4>{t('donor.events')}</h4>
              <ul className="history-list">
                {p.events.map((e) => (
                  <li key={e.id}>
                    <span className="date">{date(e.happenedOn)}</span>{' '}
                    <strong>{t(`fund.eventKind.${e.kind as 'agreement' | 'write_off' | 'close'}`)}</strong>
                    {e.reference && (
                      <>
                        {' '}
                        — <span lang="en">{e.reference}</span>
                      </>
                    )}
                    {e.pscPercent && <> — {t('donor.psc', { percent: e.pscPercent })}</>}
                    {e.amount && (
                      <>
                        {' '}
                        — <Money amount={e.amount} currency={p.pledged.currency} />
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {mayRecord && !p.illustrative && (
            <p className="record-links">
              <Link to={`/fund/record?what=event&pledge=${p.id}`}>
                {t('donor.recordEvent', { id: p.id })}
              </Link>
              {compareDecimals(p.outstanding.amount, '0') > 0 && (
                <>
                  {' · '}
                  <Link to={`/fund/record?what=payment&pledge=${p.id}`}>
                    {t('donor.recordPayment', { id: p.id })}
                  </Link>
                </>
              )}
            </p>
          )}
        </article>
      ))}
    </section>
  );
}
