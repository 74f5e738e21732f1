import type { Query } from '../../url.ts';
import { useFormat } from '../../useFormat.ts';
import { ParticipantRow } from './ParticipantRow.tsx';
import { sortKeyOf, type Row, type SortKey } from './rows.ts';

interface Props {
  caption: string;
  rows: Row[];
  query: Query;
  setQuery: (patch: Record<string, string | null>) => void;
}

/**
 * The participants table, as the UN Treaty Collection gives it (participant, signature, consent with its
 * marker), plus each party's own entry into force, its statements, and footnotes numbered in table order.
 * Column headers sort (a button in each, with aria-sort on the header).
 */
export function ParticipantTable({ caption, rows, query, setQuery }: Props) {
  const { t } = useFormat();
  const sort = sortKeyOf(query);
  const dir = query.dir === 'desc' ? 'desc' : 'asc';
  // Footnotes numbered in the order the rows are shown.
  const footnotes: string[] = [];
  const refs = new Map<string, number[]>();
  for (const row of rows) {
    const numbers: number[] = [];
    for (const note of row.notes?.footnotes ?? []) {
      footnotes.push(note);
      numbers.push(footnotes.length);
    }
    if (numbers.length) refs.set(row.participantId, numbers);
  }
  const header = (key: SortKey, text: string) => {
    const active = sort === key;
    return (
      <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button
          type="button"
          className="sort"
          onClick={() =>
            setQuery({
              sort: key === 'participant' ? null : key,
              dir: active && dir === 'asc' ? 'desc' : null,
            })
          }
        >
          {text}
          <span aria-hidden="true" className="sort-mark">
            {active ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <>
      <div className="table-scroll">
        <table className="participants" data-testid="participants-table">
          <caption>
            {caption}
            <span className="visually-hidden">
              {' '}
              {t('table.sortedBy', { column: t(`table.columns.${sort}`), direction: t(`table.${dir}`) })}
            </span>
          </caption>
          <thead>
            <tr>
              {header('participant', t('table.columns.participant'))}
              {header('state', t('table.columns.state'))}
              {header('signature', t('table.columns.signature'))}
              {header('consent', t('table.columns.consent'))}
              {header('eif', t('table.columns.eif'))}
              <th scope="col">{t('table.columns.statements')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ParticipantRow
                key={row.participantId}
                row={row}
                footnotes={refs.get(row.participantId) ?? []}
              />
            ))}
          </tbody>
        </table>
      </div>
      {footnotes.length > 0 && (
        <div className="footnotes">
          <h3>{t('table.footnotes')}</h3>
          <ol>
            {footnotes.map((note, i) => (
              <li key={i} id={`fn-${i + 1}`} lang="en">
                {note}
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
