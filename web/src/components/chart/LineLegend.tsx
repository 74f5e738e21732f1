// A line chart's legend: each series drawn as a short line in its colour and its own dash pattern, so the
// legend does not rely on colour alone, followed by its name.
import type { ReactNode } from 'react';

export function LineLegend({
  items,
}: {
  items: ReadonlyArray<{ key: string; colour: string; dash: string; label: ReactNode }>;
}) {
  return (
    <ul className="chart-legend">
      {items.map((i) => (
        <li key={i.key}>
          <svg width="36" height="10" aria-hidden="true" focusable="false">
            <line x1="0" y1="5" x2="36" y2="5" stroke={i.colour} strokeWidth="3" strokeDasharray={i.dash} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
