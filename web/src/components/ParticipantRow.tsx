import type { ComputedDate, ConsentKind, ParticipantStatus } from '../api.ts';
import { useFormat } from '../useFormat.ts';
import { Empty } from './Empty.tsx';
import { regionLabel, unGroupLabel } from './dataLabels.ts';

/** The markers the UN Treaty Collection puts after a consent date; none for ratification. */
export const CONSENT_MARKERS: Record<ConsentKind, string> = {
  ratification: '',
  acceptance: 'A',
  approval: 'AA',
  accession: 'a',
  succession: 'd',
  formal_confirmation: 'c',
};

/** A computed date with its explanation one click away (a native disclosure, usable by keyboard). */
function ExplainedDate({ date, wording }: { date: ComputedDate; wording?: (formatted: string) => string }) {
  const { t, computedDate } = useFormat();
  return (
    <details className="explained">
      <summary title={date.explanation}>
        {wording ? wording(computedDate(date)) : computedDate(date)}
        <span className="visually-hidden"> — {t('common.explanation')}</span>
      </summary>
      <p lang="en">{date.explanation}</p>
    </details>
  );
}

export function ParticipantRow({ p }: { p: ParticipantStatus }) {
  const { t, date } = useFormat();
  const consentLabel = p.consentKind ? t(`consentKind.${p.consentKind}`) : null;
  const marker = p.consentKind ? CONSENT_MARKERS[p.consentKind] : '';
  return (
    <tr className={`row-${p.state}`}>
      <th scope="row">
        <span lang="en">{p.name}</span> <span className="code">{p.participantId}</span>
      </th>
      <td>
        {p.region ? (
          regionLabel(t, p.region)
        ) : p.kind === 'reio' ? (
          t('table.regionalOrganization')
        ) : (
          <Empty />
        )}
      </td>
      <td>{p.unGroup ? unGroupLabel(t, p.unGroup) : <Empty />}</td>
      <td>
        <span className={`state state-${p.state}`}>{t(`participantState.${p.state}`)}</span>
      </td>
      <td className="date">{p.signatureDate ? date(p.signatureDate) : <Empty />}</td>
      <td className="date">
        {p.consented !== 'no' && p.consentKind ? (
          <>
            {p.consentDate ? date(p.consentDate) : t('common.unknownDate')}
            {marker && (
              <>
                {' '}
                <span className="marker" aria-hidden="true" title={consentLabel ?? undefined}>
                  {marker}
                </span>
              </>
            )}
            {consentLabel && <span className="visually-hidden"> ({consentLabel})</span>}
          </>
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
    </tr>
  );
}
