// The fund ledger's API (/api/fund/…), typed from the server's own schemas and views (type-only imports:
// nothing of the server is bundled). Every write carries the Idempotency-Key of its form submission.
import type { z } from 'zod';
import type {
  Contributions,
  CurrencySchema,
  DatasetSchema,
  DonorStatement,
  FundStatement,
  ImportResultSchema,
  DonorInputSchema,
  DonorSchema,
  EarmarkInputSchema,
  EarmarkSchema,
  PaymentInputSchema,
  PledgeEventInputSchema,
  PledgeInputSchema,
  PledgeSchema,
  RateInputSchema,
  RateRecordSchema,
  TransactionSchema,
} from '../../src/funds/contract.ts';
import { getFresh, getJson, sendWith, withQuery } from './api.ts';

export type Donor = z.infer<typeof DonorSchema>;
export type DonorKind = Donor['kind'];
export type Earmark = z.infer<typeof EarmarkSchema>;
export type Rate = z.infer<typeof RateRecordSchema>;
export type Pledge = z.infer<typeof PledgeSchema>;
export type PledgeStatus = Pledge['status'];
export type Transaction = z.infer<typeof TransactionSchema>;
export type Payment = NonNullable<Transaction['payment']>;
export type { Contributions, DonorStatement, FundStatement };
export type StatementLine = FundStatement['byEarmark'][number];

export type NewDonor = z.input<typeof DonorInputSchema>;
export type NewEarmark = z.input<typeof EarmarkInputSchema>;
export type NewRate = z.input<typeof RateInputSchema>;
export type NewPledge = z.input<typeof PledgeInputSchema>;
export type NewPledgeEvent = z.input<typeof PledgeEventInputSchema>;
export type NewPayment = z.input<typeof PaymentInputSchema>;

export const DONOR_KINDS = [
  'state',
  'igo',
  'foundation',
  'private',
  'fund',
  'other',
] as const satisfies readonly DonorKind[];
export const SOURCES_OF_FUNDS = [
  'voluntary',
  'confiscated_proceeds',
] as const satisfies readonly Pledge['sourceOfFunds'][];
export const PLEDGE_EVENT_KINDS = [
  'agreement',
  'write_off',
  'close',
] as const satisfies readonly NewPledgeEvent['kind'][];

/** Demo records and real ones are two datasets, never added together. */
export type Dataset = z.output<typeof DatasetSchema>;

export type Currency = z.infer<typeof CurrencySchema>;

export const listCurrencies = (signal?: AbortSignal) => getJson<Currency[]>('/api/fund/currencies', signal);
export const listDonors = (signal?: AbortSignal) => getFresh<Donor[]>('/api/fund/donors', signal);
export const listEarmarks = (signal?: AbortSignal) => getFresh<Earmark[]>('/api/fund/earmarks', signal);
export const listRates = (signal?: AbortSignal) => getFresh<Rate[]>('/api/fund/rates', signal);

export function listPledges(donorId: string | null, signal?: AbortSignal): Promise<Pledge[]> {
  return getFresh(withQuery('/api/fund/pledges', { donorId }), signal);
}

export function fundStatementUrl(
  period: { from: string | null; to: string | null },
  dataset: Dataset,
  format: 'json' | 'csv' | 'xlsx' = 'json',
): string {
  return withQuery('/api/fund/statement', {
    ...period,
    dataset: dataset === 'real' ? null : dataset,
    format: format === 'json' ? null : format,
  });
}

export const getFundStatement = (
  period: { from: string | null; to: string | null },
  dataset: Dataset,
  signal?: AbortSignal,
) => getFresh<FundStatement>(fundStatementUrl(period, dataset), signal);

export const getContributions = (dataset: Dataset, signal?: AbortSignal) =>
  getFresh<Contributions>(
    withQuery('/api/fund/contributions', { dataset: dataset === 'real' ? null : dataset }),
    signal,
  );

export function donorStatementUrl(
  donorId: string,
  asOf: string | null,
  format: 'json' | 'csv' | 'xlsx' = 'json',
): string {
  return withQuery(`/api/fund/donors/${encodeURIComponent(donorId)}/statement`, {
    asOf,
    format: format === 'json' ? null : format,
  });
}

export const getDonorStatement = (donorId: string, asOf: string | null, signal?: AbortSignal) =>
  getFresh<DonorStatement>(donorStatementUrl(donorId, asOf), signal);

const write =
  <I, O>(path: (input: I) => string, body: (input: I) => unknown = (i) => i) =>
  (input: I, idempotencyKey: string): Promise<O> =>
    sendWith('POST', path(input), { json: body(input), idempotencyKey });

export const recordDonor = write<NewDonor, Donor>(() => '/api/fund/donors');
export const defineEarmark = write<NewEarmark, Earmark>(() => '/api/fund/earmarks');
export const recordRate = write<NewRate, Rate>(() => '/api/fund/rates');
export const recordPledge = write<NewPledge, Pledge>(() => '/api/fund/pledges');
export const recordPayment = write<NewPayment, Transaction>(() => '/api/fund/payments');
export const recordPledgeEvent = write<{ pledgeId: number; event: NewPledgeEvent }, Pledge>(
  (i) => `/api/fund/pledges/${i.pledgeId}/events`,
  (i) => i.event,
);

export function importRates(csv: string): Promise<z.infer<typeof ImportResultSchema>> {
  return sendWith('POST', '/api/fund/rates/import', { text: { body: csv, type: 'text/csv' } });
}

/** The dataset to show first: real figures when there are real donors (beyond the Fund itself), else the demo. */
export function defaultDataset(donors: readonly Donor[]): Dataset {
  return donors.some((d) => !d.illustrative && d.kind !== 'fund') ? 'real' : 'illustrative';
}
