// A table of records: a caption, a header row, one row per record with its first cell as the row's header,
// in a frame that scrolls sideways (and can take the focus) when the table is wider than the page. Each
// cell says its column (`data-column`), each row what it is (`data-*` from `rowData`).
import type { ReactNode } from 'react';
import { TableScroll } from './TableScroll.tsx';

export interface Column<T> {
  key: string;
  label: ReactNode;
  cell: (row: T) => ReactNode;
  lang?: string;
  /** Words, not figures: aligned to the start of the cell in a table of figures too. */
  text?: boolean;
}

export function DataTable<T>({
  caption,
  captionHidden,
  rowHeader,
  columns,
  rows,
  rowKey,
  rowData,
  numbers,
  foot,
  testId,
}: {
  caption: string;
  captionHidden?: boolean;
  rowHeader: Column<T>;
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowData?: (row: T) => Record<string, string | number>;
  /** Figures: aligned to the end of their cells. */
  numbers?: boolean;
  foot?: ReactNode;
  testId?: string;
}) {
  return (
    <TableScroll label={caption}>
      <table className={numbers ? 'participants numbers' : 'participants'} data-testid={testId}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader.label}</th>
            {columns.map((c) => (
              // A figure's heading sits over its figures, at the end of the cell.
              <th key={c.key} scope="col" className={numbers && !c.text ? 'figure' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={rowKey(r)}
              {...Object.fromEntries(Object.entries(rowData?.(r) ?? {}).map(([k, v]) => [`data-${k}`, v]))}
            >
              <th scope="row" lang={rowHeader.lang}>
                {rowHeader.cell(r)}
              </th>
              {columns.map((c) => (
                <td key={c.key} data-column={c.key} lang={c.lang} className={c.text ? 'text' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot && <tfoot>{foot}</tfoot>}
      </table>
    </TableScroll>
  );
}
