import { useEffect, useState } from 'react';
import { ApiError, getStatus, listInstruments } from '../api.ts';
import { todayIso } from '../format.ts';
import { useResource } from '../useResource.ts';
import { useFormat } from '../useFormat.ts';
import { useViewState } from '../url.ts';
import { EntryIntoForce } from './EntryIntoForce.tsx';
import { instrumentShortTitle, instrumentTitle } from './instrumentNames.ts';
import { ParticipantsSection } from './ParticipantsSection.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { StatusControls } from './StatusControls.tsx';
import { StatusCounts } from './StatusCounts.tsx';

/** The status of one instrument as at one date; both live in the URL. */
export function StatusPage() {
  const { t, date } = useFormat();
  const [view, setView] = useViewState();
  const instruments = useResource(
    async (signal) =>
      // In the order of the UN Treaty Collection: XVIII-12, XVIII-12-a, -b, -c.
      (await listInstruments(signal)).sort((a, b) =>
        a.mtdsgNo.localeCompare(b.mtdsgNo, 'en', { numeric: true }),
      ),
    [],
  );
  const status = useResource(
    (signal) => getStatus(view.instrument, view.asOf, signal),
    [view.instrument, view.asOf],
  );

  const asOfError = status.error instanceof ApiError ? status.error.fieldMessage('asOf') : undefined;
  const otherError = status.error !== undefined && asOfError === undefined ? status.error : undefined;
  const selected = instruments.data?.find((i) => i.id === view.instrument);
  // The data on screen may still be the previous view's while the next one loads: label it by its own ids.
  const shownInstrument = status.data
    ? instruments.data?.find((i) => i.id === status.data?.instrumentId)
    : undefined;
  const shownName = shownInstrument
    ? instrumentShortTitle(t, shownInstrument)
    : (status.data?.instrumentId ?? view.instrument);
  // "Today" is the server's today (its answer to a request without asOf), until then the browser's.
  const [today, setToday] = useState(todayIso);
  useEffect(() => {
    if (view.asOf === null && !status.loading && status.data) setToday(status.data.asOf);
  }, [view.asOf, status.loading, status.data]);
  const titleAsOf = status.data?.asOf ?? view.asOf ?? today;

  useEffect(() => {
    document.title = t('app.documentTitle', { instrument: view.instrument, date: date(titleAsOf) });
  }, [t, date, view.instrument, titleAsOf]);

  return (
    <>
      <h1>{selected ? instrumentTitle(t, selected) : view.instrument}</h1>
      {selected && (
        <p className="meta">
          {t('instruments.adopted', { date: date(selected.adoptedOn) })}
          <span aria-hidden="true"> · </span>
          {t('instruments.reference', { ref: selected.mtdsgNo })}
        </p>
      )}
      {instruments.error !== undefined && (
        <ProblemAlert error={instruments.error} onRetry={instruments.reload} />
      )}
      <StatusControls
        instruments={instruments.data}
        instrumentId={view.instrument}
        asOf={view.asOf}
        today={today}
        asOfError={asOfError}
        onInstrumentChange={(instrument) => setView({ instrument }, { push: true })}
        onAsOfChange={(asOf) => setView({ asOf })}
      />
      <p className="loading" role="status">
        {status.loading ? t('common.loading') : ''}
      </p>
      {otherError !== undefined && <ProblemAlert error={otherError} onRetry={status.reload} />}
      {status.data && (
        <div className="status" aria-busy={status.loading}>
          <p className="as-of-lead" data-testid="as-of-lead">
            {t('status.lead', { date: date(status.data.asOf) })}
          </p>
          <div className="cards">
            <EntryIntoForce status={status.data} instrument={shownInstrument} />
            <StatusCounts counts={status.data.counts} />
          </div>
          <ParticipantsSection
            instrumentId={status.data.instrumentId}
            instrumentName={shownName}
            asOf={status.data.asOf}
            participants={status.data.participants}
          />
        </div>
      )}
    </>
  );
}
