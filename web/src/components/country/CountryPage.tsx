// One State (or organization) across the four instruments: status as at a date (?asOf=, today by default),
// dates with their explanations, the full history of its actions (declarations and notifications included,
// corrections kept, whatever the date), what it has not joined yet, and room for its assistance,
// contributions and events.
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  ApiError,
  getCountry,
  listInstruments,
  type ActionRecord,
  type CountryInstrument,
  type Participant,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { looksLikeIsoDate, todayIso } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useCountryNames } from '../../useCountryNames.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useQuery } from '../../url.ts';
import { developmentClassLabel, regionLabel, unGroupLabel } from '../dataLabels.ts';
import { Empty } from '../Empty.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ConsentDate, ExplainedDate, SignatureDate } from '../instrument/ParticipantRow.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { CountryStatements } from '../statements/CountryStatements.tsx';
import { isStatement } from '../record/actionForm.ts';
import { StatusControls } from '../StatusControls.tsx';

const CountryAssistance = lazy(() => import('./CountryAssistance.tsx'));

/** The Convention opened for signature in Palermo on 12 December 2000: no status is kept before. */
const FIRST_DAY = '2000-12-12';

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
  const auth = useAuth();
  // The calendar of notifications owed: the State's focal point and the Secretariat (the server checks again).
  const mayReadObligations =
    auth.can('obligations.read') &&
    (auth.user?.role !== 'focal_point' || auth.user.states.includes(participantId));
  const [query, setQuery] = useQuery();
  const asOf = query.asOf ?? null;
  // "Today" is the server's today (its answer to a request without asOf), until then the browser's.
  const [today, setToday] = useState(todayIso);
  // A well-formed date outside the kept years is refused here; the server answers for any other bad date.
  const asOfProblem =
    asOf === null || !looksLikeIsoDate(asOf)
      ? undefined
      : asOf < FIRST_DAY
        ? t('country.asOfTooEarly', { date: date(FIRST_DAY) })
        : asOf > today
          ? t('country.asOfFuture', { date: date(today) })
          : undefined;
  const country = useResource(
    (signal) => (asOfProblem ? Promise.resolve(undefined) : getCountry(participantId, asOf, signal)),
    [participantId, asOf, asOfProblem !== undefined],
  );
  useEffect(() => {
    if (asOf === null && !country.loading && country.data) setToday(country.data.asOf);
  }, [asOf, country.loading, country.data]);
  const asOfError = country.error instanceof ApiError ? country.error.fieldMessage('asOf') : undefined;
  const otherError = country.error !== undefined && asOfError === undefined ? country.error : undefined;
  const instruments = useResource(listInstruments, []);
  const mayRecord = useMayRecord(participantId);
  // The name stays in the heading while a date is refused.
  const lastName = useRef<{ id: string; name: string } | null>(null);
  if (country.data?.participant.id === participantId)
    lastName.current = { id: participantId, name: country.data.participant.name };
  const serverName = lastName.current?.id === participantId ? lastName.current.name : undefined;
  const countryName = useCountryNames();
  const known = serverName === undefined ? undefined : countryName(participantId, serverName);
  const name = known?.text ?? participantId;
  useEffect(() => {
    document.title = t('pages.titleSuffix', { title: name });
  }, [t, name]);
  const title = (id: string) => {
    const i = instruments.data?.find((x) => x.id === id);
    return i ? instrumentShortTitle(t, i) : id;
  };
  return (
    <>
      <h1 lang={known?.lang}>{name}</h1>
      <StatusControls
        asOf={asOf}
        today={today}
        asOfError={asOfError}
        asOfProblem={asOfProblem}
        min={FIRST_DAY}
        max={today}
        onAsOfChange={(value) => setQuery({ asOf: value }, { push: true })}
      />
      {otherError !== undefined && <ProblemAlert error={otherError} onRetry={country.reload} />}
      {country.loading && !country.data && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {country.data && (
        <>
          <p className="meta" data-testid="as-of-lead">
            {t(asOf === null ? 'country.lead' : 'country.leadAsOf', { date: date(country.data.asOf) })}
          </p>
          {mayRecord && (
            <p>
              <Link className="button-link" to={`/record?participant=${participantId}`}>
                {t('country.record', { name })}
              </Link>
            </p>
          )}
          {mayReadObligations && (
            <p>
              <Link to={`/countries/${participantId}/obligations`} data-testid="obligations-link">
                {t('obligations.link')}
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
          <CountryStatements
            participantId={participantId}
            name={name}
            instruments={instruments.data}
            title={title}
          />
          <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
            <CountryAssistance participantId={participantId} name={name} asOf={asOf} />
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
  const { t } = useFormat();
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
                <td className="date">
                  <SignatureDate kind={r.signatureKind} date={r.signatureDate} />
                </td>
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
      <div className="legend" data-testid="country-legend">
        <p>{t('table.legend')}</p>
        <p>{t('table.signatureLegend')}</p>
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
  const auth = useAuth();
  // A focal point corrects its State's declarations and notifications only; deposits are the Secretariat's.
  const mayCorrect = mayRecord && !a.correction && (auth.user?.role !== 'focal_point' || isStatement(a.kind));
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
      {mayCorrect && (
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
