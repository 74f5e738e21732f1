// The follow-up where attendance is known: the cumulative share of State–instrument pairs with a consent to be
// bound, by days after the event, for the attending States and for those that stayed away (Kaplan–Meier step
// curves in plain SVG, each with its own dash pattern), then the numbers behind every step as a table — the
// table is the truth, the chart a picture of it.
import { useId } from 'react';
import type { FollowUpCurve, FollowUpCurves as Curves } from '../../api-event-outcomes.ts';
import { useFormat } from '../../useFormat.ts';
import { ChartFrame } from '../chart/ChartFrame.tsx';
import { LineLegend } from '../chart/LineLegend.tsx';
import { axisTicks } from '../chart/ticks.ts';
import { TableScroll } from '../TableScroll.tsx';

const W = 800;
const H = 300;
const M = { top: 16, right: 24, bottom: 44, left: 64 };
const GROUPS = [
  { key: 'attendees', colour: '#0b5394', dash: '' },
  { key: 'comparison', colour: '#a4161a', dash: '8 4' },
] as const;
const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Day ticks every month, quarter, half-year, year or more. */
const DAY_STEPS = [30, 90, 180, 365, 730, 1_826];

/** A share as a percentage in the interface language (one decimal at most). */
export function usePercent(): (share: number) => string {
  const { locale } = useFormat();
  const f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (share) => f.format(share);
}

export function FollowUpCurves({
  curves,
  lastDay,
  comparison,
  windowDays,
  withheld = false,
}: {
  curves: Curves;
  /**
   * The server withheld the curves (outside the Secretariat, groups too small): its empty curves are no
   * figures, so nothing of them is shown — no "0 of 0", no empty table — only that they are withheld.
   */
  withheld?: boolean;
  /** The window followed after each event, in days. */
  windowDays: number;
  /** The last day after the event that was followed (the window, or fewer when the data stops). */
  lastDay: number;
  /** Who the comparison group is, as a phrase. */
  comparison: string;
}) {
  const { t, number } = useFormat();
  const percent = usePercent();
  const id = useId();
  const label = (key: 'attendees' | 'comparison') =>
    key === 'attendees' ? t('followUp.curves.attendees') : t('followUp.curves.comparison');
  const end = Math.max(1, lastDay);
  const sx = (day: number) => M.left + (Math.min(day, end) / end) * (W - M.left - M.right);
  const sy = (share: number) => H - M.bottom - share * (H - M.top - M.bottom);
  const path = (c: FollowUpCurve) => {
    let d = `M ${sx(0)} ${sy(0)}`;
    for (const s of c.steps) d += ` H ${sx(s.day).toFixed(1)} V ${sy(s.cumulativeShare).toFixed(1)}`;
    return `${d} H ${sx(end)}`;
  };
  const facts = (key: 'attendees' | 'comparison') => {
    const c = curves[key].all;
    return {
      group: label(key),
      consented: c.consented,
      pairs: c.atRiskAtStart,
      share: percent(c.finalShare),
      excluded: c.excludedAlreadyParty,
    };
  };
  const hasCurves = GROUPS.some((g) => curves[g.key].all.atRiskAtStart > 0);
  return (
    <section aria-labelledby={`${id}-h`} data-testid="follow-up-curves">
      <h2 id={`${id}-h`}>{t('followUp.curves.heading')}</h2>
      <p data-testid="follow-up-shown">{t('followUp.curves.shown', { days: windowDays, comparison })}</p>
      {withheld ? (
        <p data-testid="follow-up-curves-withheld">{t('followUp.withheldCurves')}</p>
      ) : (
        <>
          <ul>
            {GROUPS.map((g) => (
              <li key={g.key} data-group={g.key}>
                {t('followUp.curves.summary', facts(g.key))}
              </li>
            ))}
          </ul>
          {hasCurves && (
            <>
              <p id={`${id}-title`} className="chart-title">
                {t('followUp.curves.chartTitle')}
              </p>
              <LineLegend items={GROUPS.map((g) => ({ ...g, label: label(g.key) }))} />
              <ChartFrame
                box={{ width: W, height: H, margin: M }}
                titleId={`${id}-title`}
                descId={`${id}-desc`}
                description={GROUPS.map((g) => t('followUp.curves.describe', facts(g.key))).join(' ')}
                yTicks={SHARE_TICKS}
                sy={sy}
                formatY={percent}
                xAxis={t('followUp.curves.xAxis')}
                yAxis={t('followUp.curves.yAxis')}
                testId="follow-up-chart"
                xTicks={axisTicks(end, DAY_STEPS)
                  .filter((d) => d <= end)
                  .map((d) => (
                    <g key={d}>
                      <line x1={sx(d)} x2={sx(d)} y1={sy(0)} y2={sy(0) + 5} />
                      <text x={sx(d)} y={sy(0) + 18} textAnchor="middle">
                        {number(d)}
                      </text>
                    </g>
                  ))}
              >
                {GROUPS.map((g) => (
                  <path
                    key={g.key}
                    d={path(curves[g.key].all)}
                    fill="none"
                    stroke={g.colour}
                    strokeWidth="2.5"
                    strokeDasharray={g.dash}
                    data-group={g.key}
                  />
                ))}
              </ChartFrame>
            </>
          )}
          <StepTable curves={curves} label={label} />
        </>
      )}
    </section>
  );
}

function StepTable({
  curves,
  label,
}: {
  curves: Curves;
  label: (key: 'attendees' | 'comparison') => string;
}) {
  const { t, number } = useFormat();
  const percent = usePercent();
  const rows = GROUPS.flatMap((g) => curves[g.key].all.steps.map((s) => ({ group: g.key, ...s })));
  if (rows.length === 0) return <p data-testid="follow-up-table">{t('followUp.curves.none')}</p>;
  return (
    <TableScroll label={t('followUp.curves.caption')}>
      <table className="participants numbers" data-testid="follow-up-table">
        <caption>{t('followUp.curves.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('followUp.curves.group')}</th>
            <th scope="col">{t('followUp.curves.day')}</th>
            <th scope="col">{t('followUp.curves.atRisk')}</th>
            <th scope="col">{t('followUp.curves.consents')}</th>
            <th scope="col">{t('followUp.curves.censored')}</th>
            <th scope="col">{t('followUp.curves.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.group}-${r.day}`} data-group={r.group}>
              <th scope="row">{label(r.group)}</th>
              <td>{number(r.day)}</td>
              <td>{number(r.atRisk)}</td>
              <td>{number(r.consents)}</td>
              <td>{number(r.censored)}</td>
              <td>{percent(r.cumulativeShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
