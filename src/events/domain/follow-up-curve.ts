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
  return kaplanMeierOfCodes(subjects.map(subjectCode), excludedAlreadyParty);
}

/**
 * A subject as one small integer, `day × 2 + (censored ? 1 : 0)`: cohorts hold hundreds of thousands of
 * them when events are pooled, and integers sort without a comparator and cost the collector nothing.
 * Days are at most FOLLOW_UP_LIMITS.windowDays (36,525), so the code fits an Int32Array.
 * In that order a day's consents come before its censored pairs, as the estimate wants.
 */
export const subjectCode = (s: Subject): number => (s.consented ? consentedOn(s.day) : censoredOn(s.day));
export const consentedOn = (day: number): number => day * 2;
export const censoredOn = (day: number): number => day * 2 + 1;

/** The Kaplan–Meier curve of subjects given by their codes (`subjectCode`). */
export function kaplanMeierOfCodes(codes: ArrayLike<number>, excludedAlreadyParty: number): Curve {
  const sorted = Int32Array.from(codes).sort();
  const steps: CurveStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let consented = 0;
  for (let i = 0; i < sorted.length;) {
    const day = (sorted[i] as number) >> 1;
    let consents = 0;
    let censored = 0;
    for (; i < sorted.length && (sorted[i] as number) >> 1 === day; i++)
      if (((sorted[i] as number) & 1) === 0) consents++;
      else censored++;
    if (consents > 0) survival *= 1 - consents / atRisk;
    consented += consents;
    // 1 − a product of factors in [0, 1] stays in [0, 1]; the clamp only guards against -0.
    steps.push({ day, atRisk, consents, censored, cumulativeShare: Math.max(0, 1 - survival) });
    atRisk -= consents + censored;
  }
  return {
    atRiskAtStart: sorted.length,
    excludedAlreadyParty,
    consented,
    steps,
    finalShare: steps.length > 0 ? (steps[steps.length - 1] as CurveStep).cumulativeShare : 0,
  };
}
