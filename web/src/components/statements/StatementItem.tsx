// One statement of record as a reader needs it: kind, article, date (or "date not known"), what it means
// (a dispute-clause opt-out, the territories covered), the summary marked as a paraphrase, and its source.
import type { ReactNode } from 'react';
import { DISPUTE_CLAUSES, type ListedStatement, type Statement } from '../../api-statements.ts';
import { useFormat } from '../../useFormat.ts';

/** A source cell: each web address as a link, the rest as written (sources are cited, never rewritten). */
export function SourceText({ source }: { source: string }) {
  const parts = source.split(/(https?:\/\/[^\s;,]+)/g);
  return (
    <span className="source-text" lang="en">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} rel="noreferrer" className="source-link">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </span>
  );
}

/** The date of a statement, or "date not known" (never a made-up day), with its precision. */
export function StatementDate({ date: text, precision }: { date: string | null; precision: string }) {
  const { t, date } = useFormat();
  if (!text) return <>{t('statements.dateNotKnown')}</>;
  if (precision === 'year') return <bdi>{t('statements.yearOnly', { year: date(text.slice(0, 4)) })}</bdi>;
  if (precision === 'month') return <bdi>{t('statements.monthOnly', { month: date(text.slice(0, 7)) })}</bdi>;
  return <bdi className="date">{date(text)}</bdi>;
}

/** The head line of a statement: kind, article, date and what it means. */
export function StatementHead({ s, name }: { s: Statement; name?: ReactNode }) {
  const { t } = useFormat();
  const clause = DISPUTE_CLAUSES[s.instrumentId];
  return (
    <span className="statement-head">
      {name && <>{name} — </>}
      <strong>{t(`actionKind.${s.kind}`)}</strong>
      {s.article && <> — {t('record.articleShort', { article: s.article })}</>}
      {' ('}
      <StatementDate date={s.date} precision={s.datePrecision} />
      {')'}
      {s.disputeOptOut && clause && (
        <>
          {' '}
          <span className="badge badge-optout">{t('statements.optOut', { article: clause.clause })}</span>
        </>
      )}
      {s.withdrawn && (
        <>
          {' '}
          <span className="badge">{t('statements.withdrawn')}</span>
        </>
      )}
    </span>
  );
}

/** The body of a statement: territories, summary (a paraphrase), official text if recorded, source. */
export function StatementBody({ s }: { s: Statement }) {
  const { t } = useFormat();
  const confidence = s.confidence ? t(`statements.confidence.${s.confidence}`) : null;
  return (
    <>
      {s.territories && (s.territories.covered.length > 0 || s.territories.excluded.length > 0) && (
        <p className="territories">
          {s.territories.covered.length > 0 && (
            <>
              {t('statements.covers')} <span lang="en">{s.territories.covered.join(', ')}</span>
              {s.territories.excluded.length > 0 && '; '}
            </>
          )}
          {s.territories.excluded.length > 0 && (
            <>
              {t('statements.excludes')} <span lang="en">{s.territories.excluded.join(', ')}</span>
            </>
          )}
        </p>
      )}
      {s.summary && (
        <p className="statement-summary">
          <span className="summary-label">{t('statements.summaryLabel')}</span>{' '}
          <span lang="en">{s.summary}</span>
        </p>
      )}
      {s.text && (
        <details className="explained">
          <summary>{t('statements.officialText')}</summary>
          <p lang="en">{s.text}</p>
        </details>
      )}
      <details className="explained source">
        <summary>
          {t('statements.source')}
          {confidence && <> · {t('statements.confidenceLabel', { level: confidence })}</>}
        </summary>
        <p>
          <SourceText source={s.source} />
        </p>
        {s.notes && (
          <p className="hint" lang="en">
            {s.notes}
          </p>
        )}
      </details>
    </>
  );
}

/** "A statement was made — text not recorded here", with where it is listed. */
export function ListedItem({ entry, name }: { entry: ListedStatement; name?: ReactNode }) {
  const { t, date } = useFormat();
  return (
    <>
      {name && <>{name} — </>}
      <strong>{t('statements.textNotRecorded')}</strong>{' '}
      <span className="hint">
        ({t('statements.listedAs')} <span lang="en">{entry.listedAs}</span>
        {entry.date && (
          <>
            , <bdi className="date">{date(entry.date)}</bdi>
          </>
        )}
        )
      </span>
      <details className="explained source">
        <summary>{t('statements.source')}</summary>
        <p>
          <SourceText source={entry.source} />
        </p>
        {entry.notes && (
          <p className="hint" lang="en">
            {entry.notes}
          </p>
        )}
      </details>
    </>
  );
}
