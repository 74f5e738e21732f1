// The wire contract of the fund ledger: zod schemas shared by the API, the CLI and the web. Amounts travel as
// decimal strings in the currency's own decimals ("1250.00" USD, "150000" JPY, "12.500" KWD), never as numbers.
import { z } from 'zod';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { IsoDateSchema, MAX_ID } from '../common/contract.ts';
import { NextLinkSchema } from '../common/paging.ts';
import { InstrumentIdSchema, ParticipantIdSchema } from '../treaties/contract.ts';
import { OTHER_EARMARKS } from './domain/disclosure.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Names and titles: one line (src/common/text.ts). */
const line = (max: number) => text(max).regex(ONE_LINE, ONE_LINE_MESSAGE);

export const DonorIdSchema = z
  .string()
  .regex(
    /^[A-Z0-9][A-Z0-9_-]{1,31}$/,
    'must be 2-32 capital letters, digits, "_" or "-" (a State uses its code, e.g. ITA)',
  );
export const EarmarkIdSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'must be 2-32 capital letters, digits, "_" or "-", e.g. TIP-AFRICA');
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD, JPY or KWD');
export const AmountSchema = z
  .string()
  .regex(/^\d{1,16}(\.\d{1,4})?$/, 'must be a positive decimal amount such as 1250.00, without separators')
  .meta({ example: '250000.00' });
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
  .meta({ example: '2026-03' });
export const RateSchema = z
  .string()
  .regex(
    /^\d{1,15}(\.\d{1,10})?$/,
    'must be a positive decimal number: units of the currency for one US dollar',
  )
  .meta({ example: '0.926' });
export const PercentSchema = z
  .string()
  .regex(
    /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/,
    'must be a percentage between 0 and 100 with at most 2 decimals',
  )
  .meta({ example: '13' });
export const IdSchema = z.int().positive().max(MAX_ID);
export const DonorKindSchema = z.enum(['state', 'igo', 'foundation', 'private', 'fund', 'other']);
export const SourceOfFundsSchema = z.enum(['voluntary', 'confiscated_proceeds']);

export const DonorInputSchema = z
  .strictObject({
    id: DonorIdSchema,
    name: line(200),
    kind: DonorKindSchema,
    participantId: ParticipantIdSchema.nullish(),
  })
  .meta({ id: 'NewDonor' });
export type DonorInput = z.infer<typeof DonorInputSchema>;

export const EarmarkInputSchema = z
  .strictObject({
    id: EarmarkIdSchema,
    name: line(200),
    purpose: z.enum(['general', 'special']),
    iatiCategory: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    instrumentId: InstrumentIdSchema.nullish(),
    region: text(100).nullish(),
    countryId: ParticipantIdSchema.nullish(),
    theme: text(100).nullish(),
    projectRef: text(64).nullish(),
  })
  .meta({ id: 'NewEarmark' });
export type EarmarkInput = z.infer<typeof EarmarkInputSchema>;

export const RateInputSchema = z
  .strictObject({
    currency: CurrencyCodeSchema,
    month: MonthSchema,
    rate: RateSchema,
    source: text(500).meta({ example: 'UN operational rates of exchange, March 2026' }),
  })
  .meta({ id: 'NewRate' });
export type RateInput = z.infer<typeof RateInputSchema>;

export const PledgeInputSchema = z
  .strictObject({
    donorId: DonorIdSchema,
    pledgedOn: IsoDateSchema,
    currency: CurrencyCodeSchema,
    amount: AmountSchema,
    earmarkId: EarmarkIdSchema,
    sourceOfFunds: SourceOfFundsSchema.default('voluntary'),
    periodFrom: IsoDateSchema.nullish(),
    periodTo: IsoDateSchema.nullish(),
    instalments: z
      .array(z.strictObject({ dueOn: IsoDateSchema, amount: AmountSchema }))
      .max(50)
      .default([]),
    conditions: z.string().trim().max(2_000).nullish(),
    documentRef: text(200).nullish(),
  })
  .meta({ id: 'NewPledge' });
export type PledgeInput = z.infer<typeof PledgeInputSchema>;

export const PledgeEventInputSchema = z
  .strictObject({
    kind: z.enum(['agreement', 'write_off', 'close']),
    happenedOn: IsoDateSchema,
    reference: text(200).nullish(),
    /** write_off: the amount no longer expected; omit for all that is outstanding. */
    amount: AmountSchema.nullish(),
    /** agreement: the programme support cost rate it sets (13 unless the agreement says otherwise). */
    pscPercent: PercentSchema.nullish(),
    note: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'NewPledgeEvent' });
export type PledgeEventInput = z.infer<typeof PledgeEventInputSchema>;

export const PaymentInputSchema = z
  .strictObject({
    donorId: DonorIdSchema,
    pledgeId: IdSchema.nullish(),
    receivedOn: IsoDateSchema,
    currency: CurrencyCodeSchema,
    amount: AmountSchema,
    /** Required for a payment without a pledge; a payment against a pledge follows the pledge's earmark. */
    earmarkId: EarmarkIdSchema.nullish(),
    sourceOfFunds: SourceOfFundsSchema.nullish(),
    reference: text(200).nullish(),
    memo: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'NewPayment' });
export type PaymentInput = z.infer<typeof PaymentInputSchema>;

export const InterestInputSchema = z
  .strictObject({
    bookedOn: IsoDateSchema,
    amount: AmountSchema,
    earmarkId: EarmarkIdSchema.default('GENERAL'),
    donorId: DonorIdSchema.default('FUND'),
    reference: text(200).nullish(),
  })
  .meta({ id: 'NewInterest' });
export type InterestInput = z.infer<typeof InterestInputSchema>;

export const PurposeSchema = z.strictObject({
  kind: z.enum(['project', 'event', 'other']),
  ref: text(64),
  instrumentId: InstrumentIdSchema.nullish(),
  countryId: ParticipantIdSchema.nullish(),
  region: text(100).nullish(),
  theme: text(100).nullish(),
});

export const AllocationInputSchema = z
  .strictObject({
    donorId: DonorIdSchema,
    earmarkId: EarmarkIdSchema,
    amount: AmountSchema,
    bookedOn: IsoDateSchema,
    purpose: PurposeSchema,
    description: z.string().trim().max(2_000).nullish(),
    pscPercent: PercentSchema.nullish(),
  })
  .meta({ id: 'NewAllocation' });
export type AllocationInput = z.infer<typeof AllocationInputSchema>;

export const AllocationMoveSchema = z
  .strictObject({
    amount: AmountSchema,
    bookedOn: IsoDateSchema,
    reference: text(200).nullish(),
    memo: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'AllocationMove' });
export type AllocationMoveInput = z.infer<typeof AllocationMoveSchema>;

export const RefundInputSchema = z
  .strictObject({
    donorId: DonorIdSchema,
    earmarkId: EarmarkIdSchema,
    amount: AmountSchema,
    bookedOn: IsoDateSchema,
    reference: text(200).nullish(),
    memo: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'NewRefund' });
export type RefundInput = z.infer<typeof RefundInputSchema>;

export const TransferInputSchema = z
  .strictObject({
    donorId: DonorIdSchema,
    fromEarmarkId: EarmarkIdSchema,
    toEarmarkId: EarmarkIdSchema,
    amount: AmountSchema,
    bookedOn: IsoDateSchema,
    /** The donor's written agreement to the transfer. */
    agreementRef: text(200),
    memo: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'NewTransfer' });
export type TransferInput = z.infer<typeof TransferInputSchema>;

export const ReversalInputSchema = z
  .strictObject({ bookedOn: IsoDateSchema, reason: text(2_000) })
  .meta({ id: 'NewReversal' });
export type ReversalInput = z.infer<typeof ReversalInputSchema>;

// ---- answers ----------------------------------------------------------------------------------------

export const MoneySchema = z.object({ amount: z.string(), currency: z.string() }).meta({ id: 'Money' });

export const DonorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: DonorKindSchema,
    participantId: z.string().nullable(),
    illustrative: z.boolean(),
  })
  .meta({ id: 'Donor' });

export const EarmarkSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    purpose: z.enum(['general', 'special']),
    iatiCategory: z.number(),
    instrumentId: z.string().nullable(),
    region: z.string().nullable(),
    countryId: z.string().nullable(),
    theme: z.string().nullable(),
    projectRef: z.string().nullable(),
  })
  .meta({ id: 'Earmark' });

export const RateRecordSchema = z
  .object({
    currency: z.string(),
    month: z.string(),
    rate: z.string(),
    source: z.string(),
    illustrative: z.boolean(),
    recordedAt: z.string(),
  })
  .meta({ id: 'ExchangeRate' });

export const EntrySchema = z.object({ account: z.string(), currency: z.string(), amount: z.string() });

export const PaymentViewSchema = z
  .object({
    donorId: z.string(),
    pledgeId: z.number().nullable(),
    receivedOn: z.string(),
    received: MoneySchema,
    usd: MoneySchema,
    rate: z.string(),
    rateMonth: z.string(),
    rateSource: z.string(),
    conversion: z.string(),
    earmarkId: z.string(),
    sourceOfFunds: SourceOfFundsSchema,
  })
  .meta({ id: 'Payment' });

export const TransactionSchema = z
  .object({
    id: z.number(),
    kind: z.string(),
    bookedOn: z.string(),
    donorId: z.string().nullable(),
    earmarkId: z.string().nullable(),
    allocationId: z.number().nullable(),
    pledgeId: z.number().nullable(),
    reversesId: z.number().nullable(),
    reversedById: z.number().nullable(),
    reference: z.string().nullable(),
    memo: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z
      .string()
      .nullable()
      .meta({ description: "Who recorded it (an internal id): the Secretariat's; null for a donor" }),
    entries: z.array(EntrySchema),
    payment: PaymentViewSchema.nullable(),
  })
  .meta({ id: 'LedgerTransaction' });

/** A page of the ledger, newest first (docs/api.md "Paging"): `next` is also the `Link` header. */
export const TransactionListSchema = z
  .object({ transactions: z.array(TransactionSchema), next: NextLinkSchema })
  .meta({ id: 'LedgerTransactionList' });

export const PledgeSchema = z
  .object({
    id: z.number(),
    donorId: z.string(),
    pledgedOn: z.string(),
    pledged: MoneySchema,
    earmarkId: z.string(),
    sourceOfFunds: SourceOfFundsSchema,
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    conditions: z.string().nullable(),
    documentRef: z.string().nullable(),
    instalments: z.array(z.object({ dueOn: z.string(), amount: z.string() })),
    events: z.array(
      z.object({
        id: z.number(),
        kind: z.string(),
        happenedOn: z.string(),
        reference: z.string().nullable(),
        amount: z.string().nullable(),
        pscPercent: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
    status: z.enum(['pledged', 'committed', 'partly_paid', 'paid', 'written_off', 'closed']),
    paid: MoneySchema,
    writtenOff: MoneySchema,
    outstanding: MoneySchema,
    overdue: MoneySchema,
    overdueSince: z.string().nullable(),
    illustrative: z.boolean(),
  })
  .meta({ id: 'Pledge' });

export const AllocationSchema = z
  .object({
    id: z.number(),
    donorId: z.string(),
    earmarkId: z.string(),
    purpose: z.object({
      kind: z.string(),
      ref: z.string(),
      instrumentId: z.string().nullable(),
      countryId: z.string().nullable(),
      region: z.string().nullable(),
      theme: z.string().nullable(),
    }),
    description: z.string().nullable(),
    pscPercent: z.string(),
    allocated: MoneySchema,
    spent: MoneySchema,
    supportCosts: MoneySchema,
    balance: MoneySchema,
  })
  .meta({ id: 'Allocation' });

// Statements and aggregates

export const DatasetSchema = z.enum(['real', 'illustrative']).default('real').meta({
  description: 'Illustrative (demo) records form a dataset of their own and are never added to real ones',
});
export const FormatSchema = z.enum(['json', 'csv', 'xlsx']).default('json');

export const MoneyOut = z.string();
export const LineSchema = z.object({
  contributions: MoneyOut,
  interest: MoneyOut,
  transfersIn: MoneyOut,
  transfersOut: MoneyOut,
  refunds: MoneyOut,
  allocated: MoneyOut,
  expenditure: MoneyOut,
  supportCosts: MoneyOut,
  available: MoneyOut,
  allocatedUnspent: MoneyOut,
  balance: MoneyOut,
});
export const PledgeTotalsSchema = z.object({
  currency: z.string(),
  pledged: z.string(),
  committed: z.string(),
  paid: z.string(),
  writtenOff: z.string(),
  outstanding: z.string(),
  overdue: z.string(),
});
export const DonorStatementSchema = z
  .object({
    donor: DonorSchema,
    asOf: z.string(),
    currency: z.string(),
    pledges: z.array(PledgeTotalsSchema),
    paidInOriginalCurrencies: z.array(z.object({ currency: z.string(), amount: z.string() })),
    totals: LineSchema,
    byEarmark: z.array(LineSchema.extend({ earmarkId: z.string() })),
    byYear: z.array(LineSchema.extend({ year: z.string() })),
    pledgeList: z.array(PledgeSchema),
  })
  .meta({ id: 'DonorStatement' });
export const FundStatementSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    illustrative: z.boolean(),
    published: z.boolean(),
    openingBalance: z.string(),
    sources: z.object({ contributions: z.string(), interest: z.string(), total: z.string() }),
    uses: z.object({
      expenditure: z.string(),
      supportCosts: z.string(),
      refunds: z.string(),
      total: z.string(),
    }),
    transfersBetweenEarmarks: z.string(),
    netChange: z.string(),
    closingBalance: z.string(),
    closing: z.object({ available: z.string(), allocatedUnspent: z.string() }),
    byEarmark: z.array(
      LineSchema.extend({
        earmarkId: z.string().meta({ description: `an earmark, or "${OTHER_EARMARKS}" (published figures)` }),
        available: MoneyOut.nullable(),
        allocatedUnspent: MoneyOut.nullable(),
        balance: MoneyOut.nullable(),
      }),
    ),
    pledgesOutstanding: z.array(
      z.object({ currency: z.string(), outstanding: z.string(), overdue: z.string() }),
    ),
  })
  .meta({ id: 'FundStatement' });

export const CurrencySchema = z.object({ code: z.string(), name: z.string(), minorUnits: z.number() });

export const ImportResultSchema = z.object({
  rows: z.number(),
  recorded: z.number(),
  alreadyPresent: z.number(),
});

export const ContributionsSchema = z.object({
  to: z.string(),
  currency: z.string(),
  illustrative: z.boolean(),
  published: z.boolean(),
  rows: z.array(
    z.object({ year: z.string(), donorId: z.string(), donorName: z.string(), amount: z.string() }),
  ),
});

export const ReconciliationSchema = z.object({
  ok: z.boolean(),
  accounts: z.number(),
  transactions: z.number(),
  problems: z.array(z.string()),
});

export type DonorStatement = z.infer<typeof DonorStatementSchema>;
export type FundStatement = z.infer<typeof FundStatementSchema>;
export type Contributions = z.infer<typeof ContributionsSchema>;
