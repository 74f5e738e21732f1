// The "as at" date and the period a report's data are gathered for, checked before anything is read (issue
// 15, "Bad input"): each refusal is a validation error at its field (`asAt`, `period.from`, `period.to`).
import { isIsoDate, type IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';

export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface GatherInput {
  asAt: IsoDate;
  period: ReportPeriod;
}

/** Where a figure comes from: `kind` names the query, `ref` the records behind it (docs/reports.md). */
export interface FigureSource {
  kind: string;
  ref: string;
}

/** A value with its "as at" date and its source. */
export interface Sourced<T> {
  value: T;
  asAt: IsoDate;
  source: FigureSource;
}

const refuse = (field: string, detail: string): DomainError =>
  new DomainError('validation', `${field}: ${detail}`, { field });

/**
 * Refuses a date that is not a calendar day of 0001–9999, an "as at" date after today (nothing is known of
 * tomorrow) or before the first instrument of the registry was adopted (the Convention, 15 November 2000:
 * there is nothing to report before it), a period that ends before it starts, and a period that ends after
 * the "as at" date (its figures would count what is not yet known on that date).
 */
export async function checkGatherInput(ctx: ServiceContext, input: GatherInput): Promise<void> {
  const dates: Array<[string, unknown]> = [
    ['asAt', input.asAt],
    ['period.from', input.period?.from],
    ['period.to', input.period?.to],
  ];
  for (const [field, value] of dates) {
    if (typeof value !== 'string' || !isIsoDate(value))
      throw refuse(field, `${JSON.stringify(value)} is not a calendar day written YYYY-MM-DD (0001–9999)`);
  }
  const today = ctx.clock.today();
  if (input.asAt > today)
    throw refuse('asAt', `${input.asAt} is in the future; the data are known up to today (${today})`);
  const { instruments } = await ctx.registry.snapshot();
  const first = instruments.reduce<{ id: string; adoptedOn: IsoDate } | null>(
    (a, i) => (a === null || i.adoptedOn < a.adoptedOn ? i : a),
    null,
  );
  if (first && input.asAt < first.adoptedOn)
    throw refuse('asAt', `${input.asAt} is before ${first.id} was adopted (${first.adoptedOn})`);
  if (input.period.to < input.period.from)
    throw refuse('period.to', `the period ends (${input.period.to}) before it starts (${input.period.from})`);
  if (input.period.to > input.asAt)
    throw refuse('period.to', `the period ends (${input.period.to}) after the "as at" date (${input.asAt})`);
}
