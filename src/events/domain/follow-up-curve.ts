import type { Curve, CurveStep } from './follow-up-types.ts';

/**
 * One State–instrument pair followed after an event: either it consented on day `day` (days after the
 * event's end), or its observation ended on day `day` without a consent (censored: the window closed, or
 * the data's "as at" day came first). Pairs already parties when the event began are never subjects.
 */
export interface Subject {
  day: number;
  consented: boolean;
}

/**
 * Kaplan–Meier estimate of the share consented by each day, with the table behind it (E. L. Kaplan and
 * P. Meier, 1958). Censoring differs between pairs only when events are pooled (each event has its own
 * window end); for one event every pair is observed equally long and the share is the plain proportion.
 * On a day with both, consents are counted before censoring, the usual convention: a pair whose window
 * ends on the day it consents counts as consented.
 */
export function kaplanMeier(subjects: readonly Subject[], excludedAlreadyParty: number): Curve {
  const consentsOn = new Map<number, number>();
  const censoredOn = new Map<number, number>();
  let consented = 0;
  for (const s of subjects) {
    const map = s.consented ? consentsOn : censoredOn;
    map.set(s.day, (map.get(s.day) ?? 0) + 1);
    if (s.consented) consented++;
  }
  const days = [...new Set([...consentsOn.keys(), ...censoredOn.keys()])].sort((a, b) => a - b);
  const steps: CurveStep[] = [];
  let atRisk = subjects.length;
  let survival = 1;
  for (const day of days) {
    const consents = consentsOn.get(day) ?? 0;
    const censored = censoredOn.get(day) ?? 0;
    if (consents > 0) survival *= 1 - consents / atRisk;
    // 1 − a product of factors in [0, 1] stays in [0, 1]; the clamp only guards against -0.
    steps.push({ day, atRisk, consents, censored, cumulativeShare: Math.max(0, 1 - survival) });
    atRisk -= consents + censored;
  }
  return {
    atRiskAtStart: subjects.length,
    excludedAlreadyParty,
    consented,
    steps,
    finalShare: steps.length > 0 ? (steps[steps.length - 1] as CurveStep).cumulativeShare : 0,
  };
}
