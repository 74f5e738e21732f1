// What changed between two dates: the counts on each date and every participant whose state changed.
// The two dates live in the URL (?from=…&to=…), so the comparison can be shared.
import { useId, useState, type FormEvent } from 'react';
import { ApiError, getChanges } from '../../api.ts';
import { addDays } from '../../calendar.ts';
import { looksLikeIsoDate } from '../../format.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useResource } from '../../useResource.ts';
import type { Query } from '../../url.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';

interface Props {
  instrumentId: string;
  today: string;
  query: Query;
  setQuery: (patch: Record<string, string | null>, options?: { push?: boolean }) => void;
}

const COUNT_KEYS = ['signatories', 'contractingParties', 'partiesInForce', 'pendingEntryIntoForce'] as const;

export function ChangesSection({ instrumentId, today, query, setQuery }: Props) {
  const { t, date, number } = useFormat();
  const id = useId();
  const [from, setFrom] = useState(query.from ?? addDays(today, -365));
  const [to, setTo] = useState(query.to ?? today);
  const asked = query.from && query.to ? { from: query.from, to: query.to } : null;
  const changes = useResource(
    async (signal) => (asked ? getChanges(instrumentId, asked.from, asked.to, signal) : null),
    [instrumentId, asked?.from, asked?.to],
  );
  const fieldError = (field: 'from' | 'to') =>
    changes.error instanceof ApiError ? changes.error.fieldMessage(field) : undefined;
  const otherError =
    changes.error !== undefined && !fieldError('from') && !fieldError('to') ? changes.error : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (looksLikeIsoDate(from) && looksLikeIsoDate(to)) setQuery({ from, to }, { push: true });
  };
  const dateField = (field: 'from' | 'to', value: string, set: (v: string) => void) => {
    const message = fieldError(field);
    return (
      <div className="field">
        <label htmlFor={`${id}-${field}`}>{t(`changes.${field}`)}</label>
        <input
          id={`${id}-${field}`}
          type="date"
          value={value}
          max={today}
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-${field}-error` : undefined}
          onChange={(e) => set(e.target.value)}
        />
        {message && (
          <p id={`${id}-${field}-error`} className="field-error" lang="en">
            {message}
          </p>
        )}
      </div>
    );
  };
  const data = changes.data;
  return (
    <section className="card changes" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('changes.heading')}</h2>
      <form className="controls inline-form" onSubmit={submit}>
        {dateField('from', from, setFrom)}
        {dateField('to', to, setTo)}
        <button type="submit">{t('changes.submit')}</button>
      </form>
      {otherError !== undefined && <ProblemAlert error={otherError} />}
      {data && (
        <div data-testid="changes-result" aria-live="polite">
          <table className="participants numbers">
            <caption>{t('changes.countsCaption', { from: date(data.from), to: date(data.to) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('changes.count')}</th>
                <th scope="col">{date(data.from)}</th>
                <th scope="col">{date(data.to)}</th>
              </tr>
            </thead>
            <tbody>
              {COUNT_KEYS.map((k) => (
                <tr key={k}>
                  <th scope="row">{t(`counts.${k}`)}</th>
                  <td>{number(data.countsFrom[k])}</td>
                  <td>{number(data.countsTo[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.changes.length === 0 ? (
            <p>{t('changes.none')}</p>
          ) : (
            <>
              <h3>{t('changes.listHeading', { count: data.changes.length })}</h3>
              <ul className="change-list">
                {data.changes.map((c) => (
                  <li key={c.participantId}>
                    <Link to={`/countries/${c.participantId}`} lang="en">
                      {c.name}
                    </Link>
                    {t('changes.fromTo', {
                      from: t(`participantState.${c.from}`),
                      to: t(`participantState.${c.to}`),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
