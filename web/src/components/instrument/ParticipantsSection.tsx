import { useDeferredValue, useId, useMemo, useState } from 'react';
import {
  statusDownloadUrl,
  type Participant,
  type ParticipantAnnotations,
  type ParticipantStatus,
} from '../../api.ts';
import { useFormat } from '../../useFormat.ts';
import type { Query } from '../../url.ts';
import { developmentClassLabel, regionLabel, unGroupLabel } from '../dataLabels.ts';
import { ParticipantTable } from './ParticipantTable.tsx';
import { filterValue, joinRows, shownRows, FILTER_KEYS, type FilterKey } from './rows.ts';

interface Props {
  instrumentId: string;
  instrumentName: string;
  asOf: string;
  participants: ParticipantStatus[];
  reference: Participant[] | undefined;
  annotations: ParticipantAnnotations[] | undefined;
  /** Who made a statement whose text is not recorded here (undefined while loading). */
  listed: ReadonlySet<string> | undefined;
  query: Query;
  setQuery: (patch: Record<string, string | null>) => void;
}

/** Search, filters, count, downloads and the table of participants, with the legend of consent markers. */
export function ParticipantsSection(props: Props) {
  const { instrumentId, instrumentName, asOf, participants, query, setQuery } = props;
  const { t, date, locale } = useFormat();
  const id = useId();
  const [search, setSearch] = useState(query.q ?? '');
  const deferredSearch = useDeferredValue(search);
  const rows = useMemo(
    () => joinRows(participants, props.reference, props.annotations, asOf, props.listed),
    [participants, props.reference, props.annotations, asOf, props.listed],
  );
  const shown = useMemo(
    () => shownRows(rows, query, deferredSearch, t, locale),
    [rows, query, deferredSearch, t, locale],
  );
  const label = (key: FilterKey, value: string) =>
    key === 'region'
      ? regionLabel(t, value)
      : key === 'group'
        ? unGroupLabel(t, value)
        : key === 'dev'
          ? developmentClassLabel(t, value)
          : t(`participantState.${value as ParticipantStatus['state']}`);
  const options = (key: FilterKey) => {
    const values = new Set<string>();
    for (const r of rows) {
      const v = filterValue(r, key);
      if (v) values.add(v);
    }
    if (query[key]) values.add(query[key]);
    return [...values].sort((a, b) => label(key, a).localeCompare(label(key, b), locale));
  };
  const filtered = FILTER_KEYS.some((k) => query[k]) || deferredSearch.trim() !== '';
  const formattedDate = date(asOf);

  return (
    <section className="participants-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>{t('table.heading')}</h2>
        <p className="downloads">
          <span className="downloads-label">{t('downloads.label')}</span>
          {(['csv', 'xlsx', 'json'] as const).map((format) => (
            <a
              key={format}
              className="download"
              href={statusDownloadUrl(instrumentId, asOf, format)}
              download={`${instrumentId}-status-${asOf}.${format}`}
            >
              {t(`downloads.${format}`)}
              <span className="visually-hidden">
                {' '}
                ({t('table.downloadDescription', { date: formattedDate })})
              </span>
            </a>
          ))}
        </p>
      </div>
      <div className="filters" role="search" aria-label={t('filters.label')}>
        <div className="field filter">
          <label htmlFor={`${id}-filter`}>{t('table.filter')}</label>
          <input
            id={`${id}-filter`}
            type="search"
            name="filter"
            autoComplete="off"
            value={search}
            aria-describedby={`${id}-filter-hint`}
            aria-controls={`${id}-table`}
            onChange={(e) => {
              setSearch(e.target.value);
              setQuery({ q: e.target.value.trim() || null });
            }}
          />
          <p id={`${id}-filter-hint`} className="hint">
            {t('table.filterHint')}
          </p>
        </div>
        {FILTER_KEYS.map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`${id}-${key}`}>{t(`filters.${key}`)}</label>
            <select
              id={`${id}-${key}`}
              name={key}
              value={query[key] ?? ''}
              aria-controls={`${id}-table`}
              onChange={(e) => setQuery({ [key]: e.target.value || null })}
            >
              <option value="">{t('filters.all')}</option>
              {options(key).map((v) => (
                <option key={v} value={v}>
                  {label(key, v)}
                </option>
              ))}
            </select>
          </div>
        ))}
        {filtered && (
          <button
            type="button"
            className="secondary clear-filters"
            onClick={() => {
              setSearch('');
              setQuery({ q: null, region: null, group: null, dev: null, state: null });
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
      <p className="summary" role="status" data-testid="shown-count">
        {participants.length === 0
          ? t('table.empty')
          : shown.length === 0
            ? t('table.noMatch', { query: deferredSearch.trim() })
            : t('table.shown', { count: shown.length, total: participants.length })}
      </p>
      <div id={`${id}-table`}>
        {shown.length > 0 && (
          <ParticipantTable
            caption={t('table.caption', { instrument: instrumentName, date: formattedDate })}
            rows={shown}
            query={query}
            setQuery={setQuery}
          />
        )}
      </div>
      <div className="legend">
        <h3 id={`${id}-legend`}>{t('table.legendHeading')}</h3>
        <p>{t('table.legend')}</p>
        <p>{t('table.signatureLegend')}</p>
      </div>
    </section>
  );
}
