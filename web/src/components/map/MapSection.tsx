// The world map section of the dashboard: an instrument, a date (slider by month, or an exact day), the map
// coloured by each participant's status on that date, its legend with counts, and the same facts as a table.
import { lazy, Suspense, useCallback, useId, useMemo, useState } from 'react';
import { getStatus, listParticipants, type Instrument } from '../../api.ts';
import { monthEnd, monthIndex } from '../../calendar.ts';
import { looksLikeIsoDate } from '../../format.ts';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import { Link } from '../../router.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { categoryOf, MAP_CATEGORIES, MAP_COLOURS, type MapCategory, type MapEntry } from './mapStates.ts';

const WorldMap = lazy(() => import('./WorldMap.tsx'));

/** The first month shown: the Convention opened for signature in Palermo on 12 December 2000. */
const FIRST = '2000-12-12';

interface Props {
  instruments: Instrument[];
  today: string;
}

export function MapSection({ instruments, today }: Props) {
  const { t, date, number } = useFormat();
  const id = useId();
  const [instrumentId, setInstrumentId] = useState(
    () => new URLSearchParams(location.search).get('map') ?? 'UNTOC',
  );
  const [asOf, setAsOf] = useState(() => {
    const asked = new URLSearchParams(location.search).get('mapAsOf');
    return asked && looksLikeIsoDate(asked) && asked <= today && asked >= FIRST ? asked : today;
  });
  const [draft, setDraft] = useState(asOf);
  const [mapError, setMapError] = useState<unknown>(undefined);
  const onMapError = useCallback((e: unknown) => setMapError(e), []);

  const update = (next: { instrumentId?: string; asOf?: string }) => {
    const params = new URLSearchParams(location.search);
    if (next.instrumentId) {
      setInstrumentId(next.instrumentId);
      params.set('map', next.instrumentId);
    }
    if (next.asOf) {
      setAsOf(next.asOf);
      setDraft(next.asOf);
      params.set('mapAsOf', next.asOf);
    }
    history.replaceState(history.state, '', `${location.pathname}?${params.toString()}`);
  };

  const participants = useResource((signal) => listParticipants(null, signal), []);
  const status = useResource((signal) => getStatus(instrumentId, asOf, signal), [instrumentId, asOf]);

  const entries = useMemo(() => {
    const states = new Map(status.data?.participants.map((p) => [p.participantId, p.state]));
    const list: MapEntry[] = [];
    for (const p of participants.data ?? []) {
      const state = states.get(p.id) ?? 'none';
      if (!p.m49 && state === 'none') continue;
      list.push({ participantId: p.id, name: p.name, m49: p.m49 ?? '', state, category: categoryOf(state) });
    }
    return list;
  }, [participants.data, status.data]);
  const byM49 = useMemo(() => new Map(entries.filter((e) => e.m49).map((e) => [e.m49, e])), [entries]);
  const counts = useMemo(() => {
    const c: Record<MapCategory, number> = {
      party: 0,
      party_pending: 0,
      signatory: 0,
      other: 0,
      none: 0,
      territory: 0,
    };
    for (const e of entries) c[e.category]++;
    return c;
  }, [entries]);

  const instrument = instruments.find((i) => i.id === instrumentId);
  const name = instrument ? instrumentShortTitle(t, instrument) : instrumentId;
  const label = t('map.label', { instrument: name, date: date(asOf) });
  const describe = (e: MapEntry) => `${e.name}: ${t(`map.category.${e.category}`)}`;
  const error = participants.error ?? status.error ?? mapError;
  const shown = status.data ? entries : [];

  return (
    <section className="card map-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('map.heading')}</h2>
      <div className="controls map-controls">
        <div className="field">
          <label htmlFor={`${id}-instrument`}>{t('controls.instrument')}</label>
          <select
            id={`${id}-instrument`}
            value={instrumentId}
            onChange={(e) => update({ instrumentId: e.target.value })}
          >
            {instruments.map((i) => (
              <option key={i.id} value={i.id}>
                {instrumentShortTitle(t, i)}
              </option>
            ))}
          </select>
        </div>
        <div className="field slider-field">
          <label htmlFor={`${id}-slider`}>{t('map.slider')}</label>
          <input
            id={`${id}-slider`}
            type="range"
            min={monthIndex(FIRST)}
            max={monthIndex(today)}
            step={1}
            value={monthIndex(asOf)}
            aria-valuetext={date(asOf)}
            aria-describedby={`${id}-slider-hint`}
            onChange={(e) => update({ asOf: monthEnd(Number(e.target.value), today) })}
          />
          <p id={`${id}-slider-hint`} className="hint">
            {t('map.sliderHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('map.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            min={FIRST}
            max={today}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              if (looksLikeIsoDate(e.target.value) && e.target.value <= today && e.target.value >= FIRST)
                update({ asOf: e.target.value });
            }}
          />
        </div>
      </div>
      <p className="as-of-lead" data-testid="map-as-of" aria-live="polite">
        {label}
      </p>
      {error !== undefined && <ProblemAlert error={error} />}
      <div className="map-frame" aria-busy={status.loading}>
        <Suspense fallback={<div className="map-placeholder" aria-hidden="true" />}>
          <WorldMap entries={byM49} label={label} describe={describe} onError={onMapError} />
        </Suspense>
      </div>
      <ul className="map-legend" aria-label={t('map.legend')} data-testid="map-legend">
        {MAP_CATEGORIES.map((c) => (
          <li key={c} data-category={c}>
            <span className="swatch" style={{ background: MAP_COLOURS[c] }} aria-hidden="true" />
            {t(`map.category.${c}`)}
            {c !== 'territory' && <span className="legend-count"> ({number(counts[c])})</span>}
          </li>
        ))}
      </ul>
      <p className="hint">{t('map.note')}</p>
      <details className="map-table">
        <summary>{t('map.tableSummary')}</summary>
        <div className="table-scroll">
          <table className="participants">
            <caption>{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.columns.participant')}</th>
                <th scope="col">{t('table.columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.participantId} data-participant={e.participantId}>
                  <th scope="row">
                    <Link to={`/countries/${e.participantId}`} lang="en">
                      {e.name}
                    </Link>
                  </th>
                  <td>{t(`map.category.${e.category}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
