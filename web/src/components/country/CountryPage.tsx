// One State (or organization) across the four instruments: status, dates with their explanations, the
// full history of its actions (declarations and notifications included, corrections kept), what it has not
// joined yet, and room for its assistance, contributions and events.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import {
  getCountry,
  listInstruments,
  type ActionRecord,
  type CountryInstrument,
  type Participant,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { developmentClassLabel, regionLabel, unGroupLabel } from '../dataLabels.ts';
import { Empty } from '../Empty.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ConsentDate, ExplainedDate } from '../instrument/ParticipantRow.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';

const CountryAssistance = lazy(() => import('./CountryAssistance.tsx'));

/** Whether the signed-in account may record actions for this participant (the server checks again). */
export function useMayRecord(participantId: string | null): boolean {
  const auth = useAuth();
  if (!auth.can('registry.record') || !auth.user) return false;
  return (
    auth.user.role !== 'focal_point' || (participantId !== null && auth.user.states.includes(participantId))
  );
}

export function CountryPage({ participantId }: { participantId: string }) {
  const { t, date } = useFormat();
  const country = useResource((signal) => getCountry(participantId, null, signal), [participantId]);
  const instruments = useResource(listInstruments, []);
  const mayRecord = useMayRecord(participantId);
  const name = country.data?.participant.name ?? participantId;
  useEffect(() => {
    document.title = t('pages.titleSuffix', { title: name });
  }, [t, name]);
  const title = (id: string) => {
    const i = instruments.data?.find((x) => x.id === id);
    return i ? instrumentShortTitle(t, i) : id;
  };
  return (
    <>
      <h1 lang={country.data ? 'en' : undefined}>{name}</h1>
      {country.error !== undefined && <ProblemAlert error={country.error} onRetry={country.reload} />}
      {country.loading && !country.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {country.data && (
        <>
          <p className="meta">{t('country.lead', { date: date(country.data.asOf) })}</p>
          {mayRecord && (
            <p>
              <Link className="button-link" to={`/record?participant=${participantId}`}>
                {t('country.record', { name })}
              </Link>
            </p>
          )}
          <div className="cards">
            <ParticipantDetails p={country.data.participant} />
            <section className="card" aria-labelledby="not-joined">
              <h2 id="not-joined">{t('country.notJoinedHeading')}</h2>
              {country.data.notJoined.length === 0 ? (
                <p data-testid="not-joined">{t('country.allJoined')}</p>
              ) : (
                <ul data-testid="not-joined">
                  {country.data.notJoined.map((id) => (
                    <li key={id}>
                      <Link to={`/instruments/${id}`}>{title(id)}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <StatusTable rows={country.data.instruments} title={title} />
          {country.data.instruments.map((i) => (
            <History key={i.instrumentId} row={i} title={title(i.instrumentId)} mayRecord={mayRecord} />
          ))}
          <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
            <CountryAssistance participantId={participantId} name={name} />
          </Suspense>
        </>
      )}
    </>
  );
}

function ParticipantDetails({ p }: { p: Participant }) {
  const { t } = useFormat();
  const flags = [p.ldc && t('country.ldc'), p.lldc && t('country.lldc'), p.sids && t('country.sids')].filter(
    Boolean,
  );
  const rows: Array<[string, ReactNode]> = [
    [t('country.code'), p.id],
    [t('table.columns.region'), p.region ? regionLabel(t, p.region) : <Empty />],
    [t('table.columns.unGroup'), p.unGroup ? unGroupLabel(t, p.unGroup) : <Empty />],
    [t('filters.dev'), p.developmentClass ? developmentClassLabel(t, p.developmentClass) : <Empty />],
    [t('country.groups'), flags.length ? flags.join(', ') : <Empty />],
    [t('country.unMember'), p.unMember ? t('country.yes') : t('country.no')],
  ];
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('country.details')}</h2>
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function StatusTable({ rows, title }: { rows: CountryInstrument[]; title: (id: string) => string }) {
  const { t, date } = useFormat();
  return (
    <section aria-labelledby="status-heading" className="participants-section">
      <h2 id="status-heading">{t('country.statusHeading')}</h2>
      <div className="table-scroll">
        <table className="participants" data-testid="country-status">
          <caption className="visually-hidden">{t('country.statusHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('controls.instrument')}</th>
              <th scope="col">{t('table.columns.state')}</th>
              <th scope="col">{t('table.columns.signature')}</th>
              <th scope="col">{t('table.columns.consent')}</th>
              <th scope="col">{t('table.columns.eif')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.instrumentId} data-instrument={r.instrumentId}>
                <th scope="row">
                  <Link to={`/instruments/${r.instrumentId}`}>{title(r.instrumentId)}</Link>
                </th>
                <td>
                  <span className={`state state-${r.state}`}>{t(`participantState.${r.state}`)}</span>
                </td>
                <td className="date">{r.signatureDate ? date(r.signatureDate) : <Empty />}</td>
                <td className="date">
                  <ConsentDate kind={r.consentKind} date={r.consentDate} />
                </td>
                <td className="date">
                  {r.entryIntoForce ? <ExplainedDate date={r.entryIntoForce} /> : <Empty />}
                  {r.denunciationEffective && (
                    <ExplainedDate
                      date={r.denunciationEffective}
                      wording={(f) => t('table.denunciationEffective', { date: f })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function History({ row, title, mayRecord }: { row: CountryInstrument; title: string; mayRecord: boolean }) {
  const { t } = useFormat();
  const headingId = `history-${row.instrumentId}`;
  return (
    <section className="history" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('country.historyHeading', { instrument: title })}</h3>
      {row.actions.length === 0 ? (
        <p className="hint">{t('country.noActions')}</p>
      ) : (
        <ul className="history-list" data-testid={`history-${row.instrumentId}`}>
          {row.actions.map((a) => (
            <HistoryItem key={a.id} a={a} mayRecord={mayRecord} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HistoryItem({ a, mayRecord }: { a: ActionRecord; mayRecord: boolean }) {
  const { t, date } = useFormat();
  return (
    <li className={a.correction ? 'corrected' : undefined} data-action={a.id}>
      <span className="date">{a.date ? date(a.date) : t('common.unknownDate')}</span>{' '}
      <strong>{t(`actionKind.${a.kind}`)}</strong>
      {a.article && <> — {t('record.articleShort', { article: a.article })}</>}
      {a.depositaryRef && <> — {a.depositaryRef}</>}
      {a.correction && (
        <span className="correction-note">
          {' '}
          {a.correction.replacementActionId
            ? t('country.replaced', { id: a.correction.replacementActionId })
            : t('country.voided')}{' '}
          <span lang="en">“{a.correction.reason}”</span>
        </span>
      )}
      {a.notes && (
        <p className="hint" lang="en">
          {a.notes}
        </p>
      )}
      {mayRecord && !a.correction && (
        <Link
          className="small-link"
          to={`/record?correct=${a.id}`}
          aria-label={t('country.correctLabel', { kind: t(`actionKind.${a.kind}`), id: a.id })}
        >
          {t('country.correct')}
        </Link>
      )}
    </li>
  );
}
