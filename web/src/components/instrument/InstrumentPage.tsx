// One instrument: entry into force and counts as at a date, the participant table (as the UN Treaty
// Collection gives it, with each party's own entry into force, statements and footnotes), filters, sorting,
// downloads, and what changed between two dates. The view lives in the URL.
import { useEffect, useMemo, useState } from 'react';
import { ApiError, getAnnotations, getStatus, listParticipants } from '../../api.ts';
import { depositaryUrl, getInstrumentStatements } from '../../api-statements.ts';
import { todayIso } from '../../format.ts';
import { navigate } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { useQuery } from '../../url.ts';
import { orderedInstruments } from '../dashboard/DashboardPage.tsx';
import { EntryIntoForce } from '../EntryIntoForce.tsx';
import { instrumentShortTitle, instrumentTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { StatusControls } from '../StatusControls.tsx';
import { StatusCounts } from '../StatusCounts.tsx';
import { ChangesSection } from './ChangesSection.tsx';
import { ParticipantsSection } from './ParticipantsSection.tsx';
import { signaturePeriod } from './signaturePeriod.ts';
import { StatementsSection } from '../statements/StatementsSection.tsx';

export function InstrumentPage({ instrumentId }: { instrumentId: string }) {
  const { t, date } = useFormat();
  const [query, setQuery] = useQuery();
  const asOf = query.asOf ?? null;
  const instruments = useResource(orderedInstruments, []);
  const status = useResource((signal) => getStatus(instrumentId, asOf, signal), [instrumentId, asOf]);
  const participants = useResource((signal) => listParticipants(asOf, signal), [asOf]);
  const annotations = useResource((signal) => getAnnotations(instrumentId, signal), [instrumentId]);
  const statements = useResource((signal) => getInstrumentStatements(instrumentId, signal), [instrumentId]);
  const listed = useMemo(
    () =>
      statements.data?.instrumentId === instrumentId
        ? new Set(statements.data.textNotRecorded.map((e) => e.participantId))
        : undefined,
    [statements.data, instrumentId],
  );

  const asOfError = status.error instanceof ApiError ? status.error.fieldMessage('asOf') : undefined;
  const otherError = status.error !== undefined && asOfError === undefined ? status.error : undefined;
  const selected = instruments.data?.find((i) => i.id === instrumentId);
  const shownName = selected ? instrumentShortTitle(t, selected) : instrumentId;
  // "Today" is the server's today (its answer to a request without asOf), until then the browser's.
  const [today, setToday] = useState(todayIso);
  useEffect(() => {
    if (asOf === null && !status.loading && status.data) setToday(status.data.asOf);
  }, [asOf, status.loading, status.data]);
  const titleAsOf = status.data?.asOf ?? asOf ?? today;
  useEffect(() => {
    document.title = t('app.documentTitle', { instrument: instrumentId, date: date(titleAsOf) });
  }, [t, date, instrumentId, titleAsOf]);

  return (
    <>
      <h1>{selected ? instrumentTitle(t, selected) : instrumentId}</h1>
      {selected && (
        <p className="meta">
          {t('instruments.adopted', { date: date(selected.adoptedOn) })}
          {selected.mtdsgNo !== null && (
            <>
              <span aria-hidden="true"> · </span>
              {t('instruments.reference', { ref: selected.mtdsgNo })}
            </>
          )}
          <span aria-hidden="true"> · </span>
          <span data-testid="signature-period">{signaturePeriod(t, date, selected)}</span>
        </p>
      )}
      {instruments.error !== undefined && (
        <ProblemAlert error={instruments.error} onRetry={instruments.reload} />
      )}
      <StatusControls
        instruments={instruments.data}
        instrumentId={instrumentId}
        asOf={asOf}
        today={today}
        asOfError={asOfError}
        onInstrumentChange={(id) =>
          navigate(`/instruments/${encodeURIComponent(id)}${window.location.search}`)
        }
        onAsOfChange={(value) => setQuery({ asOf: value })}
      />
      <p className="loading" role="status">
        {status.loading ? t('common.loading') : ''}
      </p>
      {otherError !== undefined && <ProblemAlert error={otherError} onRetry={status.reload} />}
      {status.data && status.data.instrumentId === instrumentId && (
        <div className="status" aria-busy={status.loading}>
          <p className="as-of-lead" data-testid="as-of-lead">
            {t('status.lead', { date: date(status.data.asOf) })}
          </p>
          <div className="cards">
            <EntryIntoForce status={status.data} instrument={selected} />
            <StatusCounts counts={status.data.counts} />
          </div>
          <ParticipantsSection
            instrumentId={instrumentId}
            instrumentName={shownName}
            asOf={status.data.asOf}
            participants={status.data.participants}
            reference={participants.data}
            annotations={annotations.data}
            listed={listed}
            query={query}
            setQuery={setQuery}
          />
          <ChangesSection instrumentId={instrumentId} today={today} query={query} setQuery={setQuery} />
        </div>
      )}
      {statements.error !== undefined && (
        <ProblemAlert error={statements.error} onRetry={statements.reload} />
      )}
      {statements.data && statements.data.instrumentId === instrumentId && (
        <StatementsSection
          instrumentId={instrumentId}
          instrumentName={shownName}
          depositaryUrl={depositaryUrl(selected?.mtdsgNo ?? null)}
          data={statements.data}
          query={query}
          setQuery={setQuery}
        />
      )}
    </>
  );
}
