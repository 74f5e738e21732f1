// The figures of sections I, II and V by name (figures.ts), as `renderTemplate` asks for them: each a
// value with its "as at" date and its source, read from the data gathered from the registry and the Fund
// (gather-registry.ts, gather-fund.ts). Sections III and IV are drawn from the events and assistance
// records by their own resolver: a name of theirs is refused here with a FigureError ('other_section'), so a
// composer can ask that resolver instead.
import type { ServiceContext } from '../../context.ts';
import { FIGURES, figureNamed, type ReportSection } from '../domain/figures.ts';
import type { Figure } from '../domain/template.ts';
import { combineFingerprints } from './fingerprint.ts';
import { gatherFund, type FundData, type FundDataset } from './gather-fund.ts';
import type { GatherInput } from './gather-input.ts';
import { gatherRegistry, type InstrumentData, type RegistryData } from './gather-registry.ts';

/** What sections I, II and V (and Annexes I and II) are drawn from. */
export interface RegistryAndFundData {
  registry: RegistryData;
  fund: FundData;
  /** combineFingerprints({ registry, fund }): the fingerprint of both parts' records. */
  fingerprint: string;
  /** True when any record drawn is illustrative (only the Fund can hold such records). */
  illustrative: boolean;
}

/** Gathers the registry's and the Fund's data for one "as at" date and period. */
export async function gatherRegistryAndFund(
  ctx: ServiceContext,
  input: GatherInput & { dataset?: FundDataset },
): Promise<RegistryAndFundData> {
  const registry = await gatherRegistry(ctx, input);
  const fund = await gatherFund(ctx, input);
  return {
    registry,
    fund,
    fingerprint: combineFingerprints({ registry: registry.fingerprint, fund: fund.fingerprint }),
    illustrative: registry.illustrative || fund.illustrative,
  };
}

/** The sections whose figures this resolver gives. */
export const RESOLVED_SECTIONS: readonly ReportSection[] = ['I', 'II', 'V'];
/** The names of those figures (every catalogue name of sections I, II and V). */
export const RESOLVED_FIGURES: ReadonlySet<string> = new Set(
  FIGURES.filter((f) => RESOLVED_SECTIONS.includes(f.section)).map((f) => f.name),
);

/**
 * A figure this resolver cannot give: `other_section` for a figure of sections III–IV (ask the events and
 * assistance resolver), `unavailable` for one the data cannot give as a single value (an instrument not yet
 * in force as at the date; pledges in several currencies summed as US dollars).
 */
export class FigureError extends Error {
  constructor(
    readonly reason: 'other_section' | 'unavailable',
    readonly figure: string,
    message: string,
  ) {
    super(message);
    this.name = 'FigureError';
  }
}

type Resolve = (name: string, args: readonly string[]) => Figure;

/**
 * `resolveFigure(data)(name, args)`: the figure of that name. An unknown name, the wrong number of arguments
 * or an instrument id the registry does not have is a RangeError; see FigureError for the rest.
 */
export function resolveFigure(data: Pick<RegistryAndFundData, 'registry' | 'fund'>): Resolve {
  const { registry, fund } = data;
  if (
    registry.asAt !== fund.asAt ||
    registry.period.from !== fund.period.from ||
    registry.period.to !== fund.period.to
  )
    throw new RangeError('the registry and the Fund data were gathered for different dates');
  const asAt = registry.asAt;
  const period = registry.period;
  const instrument = (id: string | undefined): InstrumentData => {
    const found = registry.instruments.find((i) => i.instrumentId === id);
    if (!found) {
      const ids = registry.instruments.map((i) => i.instrumentId).join(', ');
      throw new RangeError(`"${id ?? ''}" is not an instrument of the registry (${ids})`);
    }
    return found;
  };
  const dateFigure = (value: string, kind: string, ref: string): Figure => ({
    kind: 'date',
    value,
    asAt,
    source: { kind, ref },
  });
  const usd = (s: { value: bigint; asAt: string; source: { kind: string; ref: string } }): Figure => ({
    kind: 'money',
    value: { minor: s.value, currency: fund.currency, minorUnits: fund.minorUnits },
    asAt: s.asAt,
    source: s.source,
  });
  const count = (s: { value: number; asAt: string; source: { kind: string; ref: string } }): Figure => ({
    kind: 'count',
    ...s,
  });

  const byInstrument: Record<string, (i: InstrumentData) => Figure> = {
    signatories: (i) => count(i.signatories),
    parties: (i) => count(i.parties),
    entryIntoForce: (i) => {
      const { value, ...rest } = i.entryIntoForce;
      if (value === null)
        throw new FigureError(
          'unavailable',
          'entryIntoForce',
          `${i.instrumentId} had not entered into force as at ${asAt}`,
        );
      return { kind: 'date', value, ...rest };
    },
    newParties: (i) => count({ ...i.newParties, value: i.newParties.value.length }),
    'newParties.names': (i) => ({
      kind: 'list',
      ...i.newParties,
      value: i.newParties.value.map((p) => p.name),
    }),
    newSignatories: (i) => count({ ...i.newSignatories, value: i.newSignatories.value.length }),
  };
  const plain: Record<string, () => Figure> = {
    asAt: () => dateFigure(asAt, 'report.asAt', asAt),
    'period.from': () => dateFigure(period.from, 'report.period', `${period.from}..${period.to}`),
    'period.to': () => dateFigure(period.to, 'report.period', `${period.from}..${period.to}`),
    'fund.pledged': () => {
      const other = fund.pledged.value.filter((p) => p.currency !== fund.currency);
      if (other.length > 0)
        throw new FigureError(
          'unavailable',
          'fund.pledged',
          `pledges of the period were also made in ${other.map((p) => p.currency).join(', ')}, which are not converted: cite Annex II`,
        );
      const inUsd = fund.pledged.value.find((p) => p.currency === fund.currency)?.minor ?? 0n;
      return usd({ ...fund.pledged, value: inUsd });
    },
    'fund.paid': () => usd(fund.paid),
    'fund.donors': () => count(fund.donorsPaying),
    'fund.expenditure': () => usd(fund.expenditure),
    'fund.balance': () => usd(fund.balance),
    'fund.earmarked': () => usd(fund.earmarked),
    'fund.generalPurpose': () => usd(fund.generalPurpose),
  };

  return (name, args) => {
    const definition = figureNamed(name);
    if (!definition) throw new RangeError(`there is no figure "${name}"`);
    if (!RESOLVED_FIGURES.has(name))
      throw new FigureError(
        'other_section',
        name,
        `${name} is a figure of section ${definition.section}, drawn from the events and assistance records, not from the registry or the Fund`,
      );
    if (args.length !== definition.args.length)
      throw new RangeError(`${name} takes ${definition.args.length} argument(s), not ${args.length}`);
    const perInstrument = byInstrument[name];
    if (perInstrument) return perInstrument(instrument(args[0]));
    const figure = plain[name];
    if (!figure) throw new Error(`no resolver for ${name}`);
    return figure();
  };
}
