/**
 * Ticks along an axis from 0 to at least `max`: the first of `steps` that gives at most eight intervals (the
 * last step otherwise).
 */
export function axisTicks(max: number, steps: readonly number[]): number[] {
  const step = steps.find((s) => max / s <= 8) ?? steps[steps.length - 1] ?? 1;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let n = 0; n <= top; n += step) out.push(n);
  return out;
}
