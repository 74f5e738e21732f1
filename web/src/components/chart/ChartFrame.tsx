// The frame every chart shares: an SVG image named by its title and described in words, horizontal grid
// lines at the value ticks, the axes with their labels and units. Time and categories run left to right in
// every language; the labels themselves follow their own script.
import type { ReactNode } from 'react';

export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export function ChartFrame({
  box,
  titleId,
  descId,
  description,
  yTicks,
  sy,
  formatY,
  xAxis,
  yAxis,
  xTicks,
  defs,
  testId,
  children,
}: {
  box: ChartBox;
  titleId: string;
  descId: string;
  description: string;
  yTicks: readonly number[];
  /** The vertical position of a value. */
  sy: (value: number) => number;
  formatY: (value: number) => string;
  xAxis: string;
  yAxis: string;
  /** The labels (and marks) along the horizontal axis. */
  xTicks: ReactNode;
  defs?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const { width: W, height: H, margin: M } = box;
  return (
    <svg
      className="chart"
      direction="ltr"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid={testId}
    >
      <desc id={descId}>{description}</desc>
      {defs}
      <g className="grid">
        {yTicks.map((n) => (
          <line key={n} x1={M.left} x2={W - M.right} y1={sy(n)} y2={sy(n)} />
        ))}
      </g>
      <g className="axis">
        <line x1={M.left} x2={W - M.right} y1={sy(0)} y2={sy(0)} />
        {xTicks}
        {yTicks.map((n) => (
          <text key={n} x={M.left - 8} y={sy(n) + 4} textAnchor="end">
            {formatY(n)}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="axis-label">
          {xAxis}
        </text>
        <text
          transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-label"
        >
          {yAxis}
        </text>
      </g>
      {children}
    </svg>
  );
}
