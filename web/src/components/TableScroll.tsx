import type { ReactNode } from 'react';

/**
 * A wide table's frame: it scrolls sideways on a narrow screen, so it can take the focus (the arrow keys
 * then scroll it) and is a region named like its table.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
