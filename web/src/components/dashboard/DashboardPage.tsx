// The dashboard: for each instrument its parties, signatories, entry into force and newest actions; the
// parties over time; the world map through time.
import { useEffect } from 'react';
import { getDashboard, listInstruments, type DashboardInstrument, type Instrument } from '../../api.ts';
import { firstData } from '../../firstData.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useTitle } from '../../useTitle.ts';
import { Link } from '../../router.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { fetchMapData } from '../map/mapData.ts';
import { MapSection } from '../map/MapSection.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { TimelineChart } from './TimelineChart.tsx';

/**
 * Instruments in the order of the UN Treaty Collection: XVIII-12, XVIII-12-a, -b, -c; instruments without a
 * depositary number after them, in the order the server gives (the order of definition).
 */
export async function orderedInstruments(signal: AbortSignal): Promise<Instrument[]> {
  return inTreatyOrder(await listInstruments(signal));
}

function inTreatyOrder(instruments: Instrument[]): Instrument[] {
  const byNumber = (a: Instrument, b: Instrument): number =>
    a.mtdsgNo === null || b.mtdsgNo === null
      ? Number(a.mtdsgNo === null) - Number(b.mtdsgNo === null)
      : a.mtdsgNo.localeCompare(b.mtdsgNo, 'en', { numeric: true });
  return [...instruments].sort(byNumber);
}

export function DashboardPage() {
  const { t, date } = useFormat();
  // The map's code and its countries load while the figures do, and each other: not one after the other.
  useEffect(() => {
    fetchMapData().catch(() => undefined);
    void import('../map/WorldMap.tsx').then((m) => m.loadAtlas().catch(() => undefined));
  }, []);
  useTitle(t('dashboard.title'));
  // The figures in the page's first answer, when it was this page's (then revalidated from the API).
  const first = firstData();
  const dashboard = useResource(getDashboard, [], first?.dashboard);
  const instruments = useResource(
    orderedInstruments,
    [],
    first ? inTreatyOrder(first.instruments) : undefined,
  );
  const error = dashboard.error ?? instruments.error;
  const data = dashboard.data;
  const list = instruments.data;
  const rows =
    data && list ? list.flatMap((i) => data.instruments.filter((r) => r.instrumentId === i.id)) : [];
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <p className="meta" data-testid="dashboard-as-of">
        {data ? t('dashboard.lead', { date: date(data.asOf) }) : t('common.loading')}
      </p>
      {error !== undefined && (
        <ProblemAlert
          error={error}
          onRetry={() => {
            dashboard.reload();
            instruments.reload();
          }}
        />
      )}
      {data && list && (
        <>
          <div className="instrument-cards">
            {rows.map((r) => (
              <InstrumentCard
                key={r.instrumentId}
                row={r}
                instrument={list.find((i) => i.id === r.instrumentId)}
              />
            ))}
          </div>
          <TimelineChart rows={rows} instruments={list} today={data.asOf} />
          <MapSection instruments={list} today={data.asOf} />
        </>
      )}
    </>
  );
}

function InstrumentCard({
  row,
  instrument,
}: {
  row: DashboardInstrument;
  instrument: Instrument | undefined;
}) {
  const { t, date, number, computedDate } = useFormat();
  const name = instrument ? instrumentShortTitle(t, instrument) : row.instrumentId;
  const headingId = `card-${row.instrumentId}`;
  return (
    <section className="card instrument-card" aria-labelledby={headingId} data-instrument={row.instrumentId}>
      <h2 id={headingId}>
        <Link to={`/instruments/${row.instrumentId}`}>{name}</Link>
      </h2>
      <dl className="counts compact">
        <div className="count" data-count="partiesInForce">
          <dt>{t('counts.partiesInForce')}</dt>
          <dd>{number(row.counts.partiesInForce)}</dd>
        </div>
        <div className="count" data-count="signatories">
          <dt>{t('counts.signatories')}</dt>
          <dd>{number(row.counts.signatories)}</dd>
        </div>
      </dl>
      <p className="eif-line">
        {row.entryIntoForce
          ? t('dashboard.inForceSince', { date: computedDate(row.entryIntoForce) })
          : t('status.inForce.no')}
      </p>
      <h3>{t('dashboard.newest')}</h3>
      <ul className="newest">
        {row.newest.map((a) => (
          <li key={a.actionId}>
            <span className="date">{a.date ? date(a.date) : t('common.unknownDate')}</span>{' '}
            <Link to={`/countries/${a.participantId}`} lang="en">
              {a.name}
            </Link>{' '}
            <span className="kind">({t(`actionKind.${a.kind}`)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
