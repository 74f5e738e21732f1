// The follow-up where attendance is not known: the target States' consents to be bound in the months before
// the event and after it, by instrument — bars in plain SVG (before hatched, after solid) and the same figures
// as a table, with the States named for one event. Two periods are compared, not attendees with others.
import { useId } from 'react';
import { useFormat } from '../../useFormat.ts';
import { ChartFrame } from '../chart/ChartFrame.tsx';
import { axisTicks } from '../chart/ticks.ts';
import { TableScroll } from '../TableScroll.tsx';
import { instrumentNames } from './common.tsx';

const W = 800;
const H = 300;
const M = { top: 16, right: 16, bottom: 44, left: 64 };
const BEFORE = '#6b7785';
const AFTER = '#0b5394';
const COUNT_STEPS = [1, 2, 5, 10, 25, 50, 100, 250];

export interface RegionRow {
  instrumentId: string;
  before: number;
  during: number;
  after: number;
  /** For one event: which States, by id (before, during, after). */
  states?: { before: readonly string[]; during: readonly string[]; after: readonly string[] };
}

export function FollowUpRegion({
  rows,
  caption,
  nameOf,
}: {
  rows: readonly RegionRow[];
  caption: string;
  nameOf: (id: string) => string;
}) {
  const { t } = useFormat();
  const id = useId();
  const patternId = `fu${id.replace(/[^a-zA-Z0-9]/g, '')}`;
  const ticks = axisTicks(Math.max(1, ...rows.flatMap((r) => [r.before, r.after])), COUNT_STEPS);
  const yMax = ticks[ticks.length - 1] ?? 1;
  const band = (W - M.left - M.right) / Math.max(1, rows.length);
  const bar = Math.min(40, band * 0.35);
  const sy = (n: number) => H - M.bottom - (n / yMax) * (H - M.top - M.bottom);
  const name = (instrumentId: string) => instrumentNames(t, [instrumentId]);
  return (
    <>
      <p id={`${id}-title`} className="chart-title">
        {t('followUp.region.chartTitle')}
      </p>
      <ul className="chart-legend">
        <li>
          <svg width="18" height="14" aria-hidden="true" focusable="false">
            <rect width="18" height="14" fill={`url(#${patternId})`} stroke="#1b1b1b" strokeWidth="0.5" />
          </svg>
          {t('followUp.region.before')}
        </li>
        <li>
          <svg width="18" height="14" aria-hidden="true" focusable="false">
            <rect width="18" height="14" fill={AFTER} stroke="#1b1b1b" strokeWidth="0.5" />
          </svg>
          {t('followUp.region.after')}
        </li>
      </ul>
      <ChartFrame
        box={{ width: W, height: H, margin: M }}
        titleId={`${id}-title`}
        descId={`${id}-desc`}
        description={rows
          .map((r) =>
            t('followUp.region.describe', {
              instrument: name(r.instrumentId),
              before: r.before,
              after: r.after,
            }),
          )
          .join(' ')}
        yTicks={ticks}
        sy={sy}
        formatY={String}
        xAxis={t('followUp.region.xAxis')}
        yAxis={t('followUp.region.yAxis')}
        testId="follow-up-chart"
        defs={
          <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#fff" />
            <path d="M0 6 L6 0" stroke={BEFORE} strokeWidth="2" />
          </pattern>
        }
        xTicks={rows.map((r, i) => (
          <text key={r.instrumentId} x={M.left + band * (i + 0.5)} y={sy(0) + 18} textAnchor="middle">
            {r.instrumentId}
          </text>
        ))}
      >
        {rows.map((r, i) => {
          const mid = M.left + band * (i + 0.5);
          return (
            <g key={r.instrumentId} data-instrument={r.instrumentId}>
              <rect
                x={mid - bar - 2}
                width={bar}
                y={sy(r.before)}
                height={sy(0) - sy(r.before)}
                fill={`url(#${patternId})`}
                stroke={BEFORE}
              />
              <rect x={mid + 2} width={bar} y={sy(r.after)} height={sy(0) - sy(r.after)} fill={AFTER} />
            </g>
          );
        })}
      </ChartFrame>
      <RegionTable rows={rows} caption={caption} nameOf={nameOf} />
    </>
  );
}

function RegionTable({
  rows,
  caption,
  nameOf,
}: {
  rows: readonly RegionRow[];
  caption: string;
  nameOf: (id: string) => string;
}) {
  const { t, number } = useFormat();
  const named = rows.some((r) => r.states);
  const total = (k: 'before' | 'during' | 'after') => rows.reduce((n, r) => n + r[k], 0);
  const states = (ids: readonly string[] | undefined) =>
    ids && ids.length > 0 ? <span lang="en">{ids.map(nameOf).join(', ')}</span> : '—';
  return (
    <TableScroll label={caption}>
      <table className="participants numbers" data-testid="follow-up-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('followUp.region.instrument')}</th>
            <th scope="col">{t('followUp.region.before')}</th>
            <th scope="col">{t('followUp.region.during')}</th>
            <th scope="col">{t('followUp.region.after')}</th>
            {named && <th scope="col">{t('followUp.region.statesBefore')}</th>}
            {named && <th scope="col">{t('followUp.region.statesAfter')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.instrumentId} data-instrument={r.instrumentId}>
              <th scope="row">{instrumentNames(t, [r.instrumentId])}</th>
              <td>{number(r.before)}</td>
              <td>{number(r.during)}</td>
              <td>{number(r.after)}</td>
              {named && <td className="text">{states(r.states?.before)}</td>}
              {named && <td className="text">{states(r.states?.after)}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-instrument="all">
            <th scope="row">{t('followUp.region.all')}</th>
            <td>{number(total('before'))}</td>
            <td>{number(total('during'))}</td>
            <td>{number(total('after'))}</td>
            {named && <td />}
            {named && <td />}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
