// Parties over time for every instrument: a step chart in plain SVG (no chart library to download), with a
// title, labelled axes, a legend that does not rely on colour alone (each line has its own dash pattern),
// and the same figures as a table, year by year.
import { useId, useMemo } from 'react';
import type { DashboardInstrument, Instrument, TimelinePoint } from '../../api.ts';
import { dayNumber } from '../../calendar.ts';
import { useFormat } from '../../useFormat.ts';
import { ChartFrame } from '../chart/ChartFrame.tsx';
import { LineLegend } from '../chart/LineLegend.tsx';
import { instrumentShortTitle } from '../instrumentNames.ts';

const W = 800;
const H = 320;
const M = { top: 16, right: 24, bottom: 44, left: 64 };
const START = '2000-12-12';

export const SERIES_STYLE: Record<string, { colour: string; dash: string }> = {
  UNTOC: { colour: '#0b5394', dash: '' },
  TIP: { colour: '#a4161a', dash: '8 4' },
  SOM: { colour: '#17642c', dash: '2 3' },
  FIREARMS: { colour: '#7a4b00', dash: '10 3 2 3' },
};
const FALLBACK = { colour: '#4a4a4a', dash: '4 4' };

/** The number of parties in force on a date: the last point on or before it. */
export function partiesOn(points: TimelinePoint[], on: string): number {
  let n = 0;
  for (const p of points) {
    if (p.on > on) break;
    n = p.parties;
  }
  return n;
}

interface Props {
  rows: DashboardInstrument[];
  instruments: Instrument[];
  today: string;
}

export function TimelineChart({ rows, instruments, today }: Props) {
  const { t, number, date } = useFormat();
  const id = useId();
  const nameOf = (instrumentId: string) => {
    const i = instruments.find((x) => x.id === instrumentId);
    return i ? instrumentShortTitle(t, i) : instrumentId;
  };
  const x0 = dayNumber(START);
  const x1 = dayNumber(today);
  const max = Math.max(50, ...rows.flatMap((r) => r.timeline.map((p) => p.parties)));
  const yMax = Math.ceil(max / 50) * 50;
  const sx = (d: string) => M.left + ((dayNumber(d) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (n: number) => H - M.bottom - (n / yMax) * (H - M.top - M.bottom);
  const firstYear = Number(START.slice(0, 4)) + 1;
  const lastYear = Number(today.slice(0, 4));
  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = firstYear; y <= lastYear; y++) out.push(y);
    return out;
  }, [firstYear, lastYear]);
  const xTicks = years.filter((y) => y % 5 === 0);
  const yTicks: number[] = [];
  for (let n = 0; n <= yMax; n += 50) yTicks.push(n);

  const stepPath = (points: TimelinePoint[]) => {
    let d = `M ${sx(START)} ${sy(0)}`;
    for (const p of points) d += ` H ${sx(p.on).toFixed(1)} V ${sy(p.parties).toFixed(1)}`;
    return `${d} H ${sx(today)}`;
  };
  const description = rows
    .map((r) =>
      t('timeline.describe', {
        instrument: nameOf(r.instrumentId),
        count: r.counts.partiesInForce,
        date: date(today),
      }),
    )
    .join(' ');

  return (
    <section className="card timeline" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('timeline.heading')}</h2>
      <LineLegend
        items={rows.map((r) => ({
          key: r.instrumentId,
          ...(SERIES_STYLE[r.instrumentId] ?? FALLBACK),
          label: nameOf(r.instrumentId),
        }))}
      />
      <ChartFrame
        box={{ width: W, height: H, margin: M }}
        titleId={`${id}-title`}
        descId={`${id}-desc`}
        description={description}
        yTicks={yTicks}
        sy={sy}
        formatY={number}
        xAxis={t('timeline.xAxis')}
        yAxis={t('timeline.yAxis')}
        testId="timeline-chart"
        xTicks={xTicks.map((y) => (
          <g key={y}>
            <line x1={sx(`${y}-01-01`)} x2={sx(`${y}-01-01`)} y1={sy(0)} y2={sy(0) + 5} />
            <text x={sx(`${y}-01-01`)} y={sy(0) + 18} textAnchor="middle">
              {date(String(y))}
            </text>
          </g>
        ))}
      >
        {rows.map((r) => {
          const s = SERIES_STYLE[r.instrumentId] ?? FALLBACK;
          return (
            <path
              key={r.instrumentId}
              d={stepPath(r.timeline)}
              fill="none"
              stroke={s.colour}
              strokeWidth="2.5"
              strokeDasharray={s.dash}
              data-instrument={r.instrumentId}
            />
          );
        })}
      </ChartFrame>
      <details>
        <summary>{t('timeline.tableSummary')}</summary>
        <div className="table-scroll">
          <table className="participants numbers">
            <caption>{t('timeline.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('timeline.year')}</th>
                {rows.map((r) => (
                  <th key={r.instrumentId} scope="col">
                    {nameOf(r.instrumentId)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {years.map((y) => {
                const on = y === lastYear ? today : `${y}-12-31`;
                return (
                  <tr key={y}>
                    <th scope="row">{date(on)}</th>
                    {rows.map((r) => (
                      <td key={r.instrumentId}>{number(partiesOn(r.timeline, on))}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
