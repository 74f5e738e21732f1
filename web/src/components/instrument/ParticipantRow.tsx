import { CONSENT_MARKERS, type ComputedDate, type ConsentKind, type SignatureKind } from '../../api.ts';
import { Link } from '../../router.tsx';
import { useFormat } from '../../useFormat.ts';
import { useCountryNames } from '../../useCountryNames.ts';
import { Empty } from '../Empty.tsx';
import type { Row } from './rows.ts';

/** A computed date with its explanation one click away (a native disclosure, usable by keyboard). */
export function ExplainedDate({
  date,
  wording,
}: {
  date: ComputedDate;
  wording?: (formatted: string) => string;
}) {
  const { t, computedDate } = useFormat();
  return (
    <details className="explained">
      <summary>
        {wording ? wording(computedDate(date)) : computedDate(date)}
        <span className="visually-hidden"> — {t('common.explanation')}</span>
      </summary>
      <p lang="en">{date.explanation}</p>
    </details>
  );
}

/**
 * The signature date, with "d" after it when a successor State succeeded to its predecessor's signature
 * (as the UN Treaty Collection's column "Signature, Succession to signature(d)"), read out as words.
 */
export function SignatureDate({ kind, date: text }: { kind: SignatureKind | null; date: string | null }) {
  const { t, date } = useFormat();
  if (!text) return <Empty />;
  if (kind !== 'succession_to_signature') return <>{date(text)}</>;
  const label = t('actionKind.succession_to_signature');
  return (
    <>
      {date(text)}{' '}
      <span className="marker" aria-hidden="true" title={label}>
        d
      </span>
      <span className="visually-hidden"> ({label})</span>
    </>
  );
}

/** The consent date with its UN Treaty Collection marker (A, AA, a, d, c), read out as a word. */
export function ConsentDate({ kind, date: text }: { kind: ConsentKind | null; date: string | null }) {
  const { t, date } = useFormat();
  if (!kind) return <Empty />;
  const marker = CONSENT_MARKERS[kind];
  const label = t(`consentKind.${kind}`);
  return (
    <>
      {text ? date(text) : t('common.unknownDate')}
      {marker && (
        <>
          {' '}
          <span className="marker" aria-hidden="true" title={label}>
            {marker}
          </span>
        </>
      )}
      <span className="visually-hidden"> ({label})</span>
    </>
  );
}

export function ParticipantRow({ row: p, footnotes }: { row: Row; footnotes: number[] }) {
  const { t, date } = useFormat();
  const countryName = useCountryNames();
  const shownName = countryName(p.participantId, p.name);
  const statements = p.notes?.statements ?? [];
  return (
    <tr className={`row-${p.state}`} data-participant={p.participantId}>
      <th scope="row">
        <Link to={`/countries/${p.participantId}`} lang={shownName.lang}>
          {shownName.text}
        </Link>{' '}
        <span className="code">{p.participantId}</span>
        {footnotes.map((n) => (
          <sup key={n}>
            {' '}
            <a href={`#fn-${n}`} aria-label={t('table.footnoteRef', { n })}>
              {n}
            </a>
          </sup>
        ))}
      </th>
      <td>
        <span className={`state state-${p.state}`}>{t(`participantState.${p.state}`)}</span>
      </td>
      <td className="date">
        <SignatureDate kind={p.signatureKind} date={p.signatureDate} />
      </td>
      <td className="date">
        {p.consented !== 'no' && p.consentKind ? (
          <ConsentDate kind={p.consentKind} date={p.consentDate} />
        ) : (
          <Empty />
        )}
      </td>
      <td className="date">
        {p.eif ? <ExplainedDate date={p.eif} /> : <Empty />}
        {p.denunciationEffective && (
          <ExplainedDate
            date={p.denunciationEffective}
            wording={(formatted) => t('table.denunciationEffective', { date: formatted })}
          />
        )}
      </td>
      <td data-testid="statements-cell">
        {statements.length === 0 && p.listed === null ? (
          <Empty />
        ) : statements.length === 0 ? (
          <span className={p.listed ? 'knowledge-listed' : 'knowledge-none'}>
            {t(p.listed ? 'statements.textNotRecordedShort' : 'statements.nothingRecorded')}
          </span>
        ) : (
          <ul className="statements">
            {statements.map((s) => (
              <li key={s.actionId}>
                {t(`actionKind.${s.kind as 'declaration'}`)}
                {s.article && <> — {t('record.articleShort', { article: s.article })}</>}
                {s.date && <> ({date(s.date)})</>}
                {(s.text ?? s.summary) && (
                  <details className="explained">
                    <summary>{t(s.text ? 'table.statementText' : 'statements.summaryShort')}</summary>
                    <p lang="en">{s.text ?? s.summary}</p>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
