import { useDeferredValue, useId, useMemo, useState } from 'react';
import { statusCsvUrl, type ParticipantStatus } from '../api.ts';
import { foldForSearch } from '../format.ts';
import { useFormat } from '../useFormat.ts';
import { regionLabel, unGroupLabel } from './dataLabels.ts';
import { ParticipantTable } from './ParticipantTable.tsx';

interface Props {
  instrumentId: string;
  instrumentName: string;
  asOf: string;
  participants: ParticipantStatus[];
}

/** Filter, count, CSV download and the table of participants, with the legend of consent markers. */
export function ParticipantsSection({ instrumentId, instrumentName, asOf, participants }: Props) {
  const { t, date, locale } = useFormat();
  const id = useId();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const sorted = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return [...participants].sort((a, b) => collator.compare(a.name, b.name));
  }, [participants, locale]);

  const shown = useMemo(() => {
    const needle = foldForSearch(deferredQuery.trim());
    if (!needle) return sorted;
    return sorted.filter((p) =>
      foldForSearch(
        [
          p.name,
          p.participantId,
          p.region ?? '',
          p.region ? regionLabel(t, p.region) : '',
          p.unGroup ?? '',
          p.unGroup ? unGroupLabel(t, p.unGroup) : '',
          t(`participantState.${p.state}`),
        ].join(' '),
      ).includes(needle),
    );
  }, [sorted, deferredQuery, t]);

  const formattedDate = date(asOf);
  return (
    <section className="participants-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>{t('table.heading')}</h2>
        <a className="download" href={statusCsvUrl(instrumentId, asOf)} download>
          {t('table.download')}
          <span className="visually-hidden">
            {' '}
            ({t('table.downloadDescription', { date: formattedDate })})
          </span>
        </a>
      </div>
      <div className="field filter">
        <label htmlFor={`${id}-filter`}>{t('table.filter')}</label>
        <input
          id={`${id}-filter`}
          type="search"
          name="filter"
          autoComplete="off"
          value={query}
          aria-describedby={`${id}-filter-hint`}
          aria-controls={`${id}-table`}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p id={`${id}-filter-hint`} className="hint">
          {t('table.filterHint')}
        </p>
      </div>
      <p className="summary" role="status" data-testid="shown-count">
        {participants.length === 0
          ? t('table.empty')
          : shown.length === 0
            ? t('table.noMatch', { query: deferredQuery.trim() })
            : t('table.shown', { count: shown.length, total: participants.length })}
      </p>
      <div id={`${id}-table`}>
        {shown.length > 0 && (
          <ParticipantTable
            caption={t('table.caption', { instrument: instrumentName, date: formattedDate })}
            participants={shown}
          />
        )}
      </div>
      <div className="legend">
        <h3 id={`${id}-legend`}>{t('table.legendHeading')}</h3>
        <p>{t('table.legend')}</p>
      </div>
    </section>
  );
}
