// A statement as a two-column table: the line, then its amount (US dollars); totals stand out, and the lines
// that make them up are indented under them.
import { useFormat } from '../../useFormat.ts';
import { Money } from './common.tsx';
import { DataTable } from '../DataTable.tsx';
import type { StatementLine } from '../../api-fund.ts';

export function StatementLines({
  caption,
  lines,
}: {
  caption: string;
  lines: ReadonlyArray<readonly [string, string, 'total' | 'sub' | null]>;
}) {
  return (
    <table className="statement-lines">
      <caption>{caption}</caption>
      <tbody>
        {lines.map(([label, amount, kind]) => (
          <tr key={label} className={kind ? `line-${kind}` : undefined}>
            <th scope="row">{label}</th>
            <td>
              <Money amount={amount} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The US dollar figures of a statement line (an earmark, a year, a donor's total), as the API gives them: its
 * movements and, except on a published earmark line, its balances.
 */
export type Line = Omit<StatementLine, 'earmarkId'>;

const COLUMNS = [
  'contributions',
  'interest',
  'transfersIn',
  'transfersOut',
  'refunds',
  'allocated',
  'expenditure',
  'supportCosts',
  'available',
  'allocatedUnspent',
  'balance',
] as const satisfies ReadonlyArray<keyof Line>;

/** Statement lines side by side: one row per earmark or year, one column per figure. */
export function LinesTable({
  caption,
  rowHeader,
  rows,
  testId,
}: {
  caption: string;
  rowHeader: string;
  rows: ReadonlyArray<{ key: string; label: string; lang?: string; line: Line }>;
  testId?: string;
}) {
  const { t } = useFormat();
  return (
    <DataTable
      testId={testId}
      numbers
      caption={caption}
      rowHeader={{ key: 'label', label: rowHeader, cell: (r) => r.label }}
      columns={COLUMNS.map((c) => ({
        key: c,
        label: t(`fund.columns.${c}`),
        cell: (r: (typeof rows)[number]) => {
          const amount = r.line[c];
          return amount === null ? (
            <span aria-label={t('fund.notPublished')}>—</span>
          ) : (
            <Money amount={amount} />
          );
        },
      }))}
      rows={rows}
      rowKey={(r) => r.key}
      rowData={(r) => ({ row: r.key })}
    />
  );
}
