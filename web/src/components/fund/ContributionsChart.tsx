// Contributions received by year and donor (USD): stacked bars in plain SVG, loaded on its own like the world
// map. Title, axes with units, a legend where each donor has a pattern as well as a colour, a description
// for assistive technology, and the exact figures as a table (sums made on the decimal strings, exactly).
import { useId } from 'react';
import type { Contributions } from '../../api-fund.ts';
import { sumDecimals, toPlotValue } from '../../money.ts';
import { useFormat } from '../../useFormat.ts';
import { ChartFrame } from '../chart/ChartFrame.tsx';
import { Empty } from '../Empty.tsx';
import { IllustrativeBanner, useMoney } from './common.tsx';
import { DataTable } from '../DataTable.tsx';

const W = 800;
const H = 340;
const M = { top: 16, right: 16, bottom: 44, left: 96 };
const SHOWN = 7;

/** Colours differ in lightness as well as hue; every other series is hatched. */
const STYLES = [
  { colour: '#0b5394', pattern: null },
  { colour: '#a4161a', pattern: 'stripes' },
  { colour: '#17642c', pattern: null },
  { colour: '#7a4b00', pattern: 'dots' },
  { colour: '#5b3f8c', pattern: null },
  { colour: '#3f7fbf', pattern: 'stripes' },
  { colour: '#c46a1b', pattern: 'dots' },
  { colour: '#6b7785', pattern: 'cross' },
] as const;

interface Series {
  key: string;
  name: string;
  lang?: string;
  amounts: Map<string, string>;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export default function ContributionsChart({ data }: { data: Contributions }) {
  const { t, number } = useFormat();
  const money = useMoney();
  const id = useId();
  // Pattern ids go into url(#…): letters and digits only.
  const patternId = `cc${id.replace(/[^a-zA-Z0-9]/g, '')}`;
  const years = [...new Set(data.rows.map((r) => r.year))].sort();
  const donors = new Map<string, { name: string; amounts: Map<string, string> }>();
  for (const r of data.rows) {
    const d = donors.get(r.donorId) ?? { name: r.donorName, amounts: new Map<string, string>() };
    d.amounts.set(r.year, r.amount);
    donors.set(r.donorId, d);
  }
  const totalOf = (amounts: Map<string, string>) => sumDecimals([...amounts.values()]);
  const ranked = [...donors.entries()].sort(
    ([, a], [, b]) => toPlotValue(totalOf(b.amounts)) - toPlotValue(totalOf(a.amounts)),
  );
  const series: Series[] = ranked
    .slice(0, SHOWN)
    .map(([key, d]) => ({ key, name: d.name, lang: 'en', amounts: d.amounts }));
  if (ranked.length > SHOWN) {
    const rest = ranked.slice(SHOWN);
    const amounts = new Map<string, string>();
    for (const y of years) {
      const parts = rest.flatMap(([, d]) => (d.amounts.has(y) ? [d.amounts.get(y) as string] : []));
      if (parts.length) amounts.set(y, sumDecimals(parts));
    }
    series.push({ key: 'others', name: t('fund.chart.others', { count: rest.length }), amounts });
  }
  const yearTotal = (y: string) => sumDecimals(data.rows.filter((r) => r.year === y).map((r) => r.amount));
  const max = Math.max(1, ...years.map((y) => toPlotValue(yearTotal(y))));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= yMax + step / 2; v += step) ticks.push(v);
  const band = (W - M.left - M.right) / Math.max(1, years.length);
  const barWidth = Math.min(64, band * 0.6);
  const sy = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const description = years
    .map((y) => t('fund.chart.describe', { year: y, amount: money(yearTotal(y), data.currency) }))
    .join(' ');

  return (
    <section className="card chart-card" aria-labelledby={`${id}-title`} data-testid="contributions-chart">
      <h2 id={`${id}-title`}>{t('fund.chart.heading')}</h2>
      <p className="hint">{t('fund.chart.lead')}</p>
      {data.illustrative && <IllustrativeBanner />}
      {years.length === 0 ? (
        <p>{t('fund.chart.none')}</p>
      ) : (
        <>
          <ul className="chart-legend">
            {series.map((s, i) => (
              <li key={s.key}>
                <svg width="18" height="14" aria-hidden="true" focusable="false">
                  <rect
                    width="18"
                    height="14"
                    fill={fillOf(patternId, i)}
                    stroke="#1b1b1b"
                    strokeWidth="0.5"
                  />
                </svg>
                <span lang={s.lang}>{s.name}</span>
              </li>
            ))}
          </ul>
          <ChartFrame
            box={{ width: W, height: H, margin: M }}
            titleId={`${id}-title`}
            descId={`${id}-desc`}
            description={description}
            yTicks={ticks}
            sy={sy}
            formatY={number}
            xAxis={t('fund.chart.xAxis')}
            yAxis={t('fund.chart.yAxis', { currency: data.currency })}
            defs={<Patterns id={patternId} />}
            xTicks={years.map((y, i) => (
              <text key={y} x={M.left + band * (i + 0.5)} y={sy(0) + 18} textAnchor="middle">
                {y}
              </text>
            ))}
          >
            {years.map((y, i) => {
              let base = 0;
              return (
                <g key={y}>
                  {series.map((s, si) => {
                    const amount = s.amounts.get(y);
                    if (!amount) return null;
                    const v = toPlotValue(amount);
                    const top = base + v;
                    const rect = (
                      <rect
                        key={s.key}
                        x={M.left + band * (i + 0.5) - barWidth / 2}
                        width={barWidth}
                        y={sy(top)}
                        height={Math.max(0, sy(base) - sy(top))}
                        fill={fillOf(patternId, si)}
                        stroke="#fff"
                        strokeWidth="0.5"
                      >
                        <title>{`${s.name}, ${y}: ${money(amount, data.currency)}`}</title>
                      </rect>
                    );
                    base = top;
                    return rect;
                  })}
                </g>
              );
            })}
          </ChartFrame>
          <details>
            <summary>{t('fund.chart.tableSummary')}</summary>
            <DataTable
              testId="contributions-table"
              numbers
              caption={t('fund.chart.tableCaption', { currency: data.currency })}
              rowHeader={{
                key: 'donor',
                label: t('fund.columns.donor'),
                lang: 'en',
                cell: ([, d]) => d.name,
              }}
              columns={[
                ...years.map((y) => ({
                  key: y,
                  label: y,
                  cell: ([, d]: (typeof ranked)[number]) =>
                    d.amounts.has(y) ? money(d.amounts.get(y) as string) : <Empty />,
                })),
                {
                  key: 'total',
                  label: t('fund.columns.total'),
                  cell: ([, d]: (typeof ranked)[number]) => money(totalOf(d.amounts)),
                },
              ]}
              rows={ranked}
              rowKey={([key]) => key}
              foot={
                <tr>
                  <th scope="row">{t('fund.columns.total')}</th>
                  {years.map((y) => (
                    <td key={y}>{money(yearTotal(y))}</td>
                  ))}
                  <td>{money(sumDecimals(data.rows.map((r) => r.amount)))}</td>
                </tr>
              }
            />
          </details>
        </>
      )}
    </section>
  );
}

function fillOf(id: string, index: number): string {
  const style = STYLES[index % STYLES.length] as (typeof STYLES)[number];
  return style.pattern ? `url(#${id}-p${index % STYLES.length})` : style.colour;
}

function Patterns({ id }: { id: string }) {
  return (
    <defs>
      {STYLES.map((s, i) =>
        s.pattern ? (
          <pattern key={i} id={`${id}-p${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={s.colour} />
            {s.pattern === 'stripes' && <path d="M-2 10 L10 -2" stroke="#fff" strokeWidth="2" />}
            {s.pattern === 'dots' && <circle cx="4" cy="4" r="1.6" fill="#fff" />}
            {s.pattern === 'cross' && <path d="M0 4 H8 M4 0 V8" stroke="#fff" strokeWidth="1.2" />}
          </pattern>
        ) : null,
      )}
    </defs>
  );
}
