import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Instrument } from '../api.ts';
import { looksLikeIsoDate } from '../format.ts';
import { instrumentShortTitle } from './instrumentNames.ts';

interface Props {
  /** The instrument choice; without `onInstrumentChange` only the date is shown (the country page). */
  instruments?: Instrument[] | undefined;
  instrumentId?: string;
  /** The date asked for; null means today. */
  asOf: string | null;
  /** The date "today" stands for (the server's, once known). */
  today: string;
  /** A message from the server about the date (422, in English), shown next to the input. */
  asOfError: string | undefined;
  /** A message found in the browser about the date (in the interface language); it wins over `asOfError`. */
  asOfProblem?: string;
  /** Bounds offered by the date picker (the page still checks a typed or linked date). */
  min?: string;
  max?: string;
  onInstrumentChange?: (id: string) => void;
  onAsOfChange: (asOf: string | null) => void;
}

/** The instrument and the "as at" date that define the view. */
export function StatusControls({
  instruments,
  instrumentId,
  asOf,
  today,
  asOfError,
  asOfProblem,
  min,
  max,
  onInstrumentChange,
  onAsOfChange,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  // The input's own value: while a date is being typed it is incomplete ("") and is not sent.
  const [draft, setDraft] = useState(asOf ?? today);
  const [incomplete, setIncomplete] = useState(false);
  useEffect(() => {
    setDraft(asOf ?? today);
    setIncomplete(false);
  }, [asOf, today]);

  const options: Pick<Instrument, 'id' | 'shortTitle'>[] = [...(instruments ?? [])];
  // An id from the URL that the server does not know still shows as selected (its error is shown below).
  if (instrumentId !== undefined && !options.some((i) => i.id === instrumentId))
    options.push({ id: instrumentId, shortTitle: instrumentId });
  const localMessage = incomplete ? t('controls.invalidDate') : asOfProblem;
  const message = localMessage ?? asOfError;
  const describedBy = [`${id}-as-of-hint`, message ? `${id}-as-of-error` : null].filter(Boolean).join(' ');

  return (
    <section className="controls" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="visually-hidden">
        {t('controls.heading')}
      </h2>
      {onInstrumentChange && instrumentId !== undefined && (
        <div className="field">
          <label htmlFor={`${id}-instrument`}>{t('controls.instrument')}</label>
          <select
            id={`${id}-instrument`}
            name="instrument"
            value={instrumentId}
            onChange={(e) => onInstrumentChange(e.target.value)}
          >
            {options.map((i) => (
              <option key={i.id} value={i.id}>
                {instrumentShortTitle(t, i) === i.id ? i.id : `${i.id} — ${instrumentShortTitle(t, i)}`}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-as-of`}>{t('controls.asOf')}</label>
        <div className="field-row">
          <input
            id={`${id}-as-of`}
            name="asOf"
            type="date"
            value={draft}
            min={min}
            max={max}
            aria-invalid={message ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              const value = e.target.value;
              setDraft(value);
              if (!looksLikeIsoDate(value)) return;
              setIncomplete(false);
              onAsOfChange(value === today && asOf === null ? null : value);
            }}
            onBlur={() => setIncomplete(!looksLikeIsoDate(draft))}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => onAsOfChange(null)}
            disabled={asOf === null && !incomplete}
          >
            {t('controls.today')}
          </button>
        </div>
        <p id={`${id}-as-of-hint`} className="hint">
          {t('controls.asOfHint')}
        </p>
        {message && (
          <p
            id={`${id}-as-of-error`}
            className="field-error"
            role="alert"
            lang={localMessage ? undefined : 'en'}
          >
            {message}
          </p>
        )}
      </div>
    </section>
  );
}
