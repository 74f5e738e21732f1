// The wire contract of an event's funding (issue 14, item 5): the budget, allocations from a donor's
// earmark, what the Fund paid for each participant (travel, daily subsistence allowance), and the view of
// budget against actual. Amounts are US dollars as decimal strings ("1250.00"), as everywhere in the Fund.
import { z } from 'zod';
import { IsoDateSchema, MAX_ID } from '../common/contract.ts';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { AmountSchema, DonorIdSchema, EarmarkIdSchema } from '../funds/contract.ts';
import { InstrumentIdSchema } from '../treaties/contract.ts';
import { DelegateCategorySchema } from './delegation-contract.ts';
import { COST_KINDS } from './domain/funding.ts';

const Id = z.number().int().positive().max(MAX_ID);
const line = (max: number) => z.string().trim().min(1).max(max).regex(ONE_LINE, ONE_LINE_MESSAGE);
const Money = z.string().meta({ description: 'US dollars, a decimal string such as 1250.00' });

export const CostKindSchema = z.enum(COST_KINDS).meta({
  description: 'travel, or dsa: the daily subsistence allowance',
});

export const BudgetInputSchema = z.strictObject({ amount: AmountSchema });
export type BudgetInput = z.infer<typeof BudgetInputSchema>;

export const EventAllocationInputSchema = z.strictObject({
  donorId: DonorIdSchema,
  earmarkId: EarmarkIdSchema,
  amount: AmountSchema,
  bookedOn: IsoDateSchema,
  instrumentId: InstrumentIdSchema.nullish().meta({
    description:
      "The instrument the money serves, one of the event's; by default the event's only instrument, if it has one",
  }),
  description: line(500).nullish(),
});
export type EventAllocationInput = z.infer<typeof EventAllocationInputSchema>;

export const ParticipantCostInputSchema = z.strictObject({
  delegateId: Id,
  kind: CostKindSchema,
  allocationId: Id,
  amount: AmountSchema,
  bookedOn: IsoDateSchema,
  reference: line(200).nullish(),
});
export type ParticipantCostInput = z.infer<typeof ParticipantCostInputSchema>;

export const BudgetResultSchema = z
  .strictObject({ eventId: Id, currency: z.literal('USD'), budget: Money })
  .meta({ id: 'EventBudgetResult' });

export const EventAllocationResultSchema = z
  .strictObject({ eventId: Id, allocationId: Id, transactionId: Id })
  .meta({ id: 'EventAllocationResult' });

export const ParticipantCostResultSchema = z
  .strictObject({
    id: Id,
    eventId: Id,
    delegateId: Id,
    kind: CostKindSchema,
    allocationId: Id,
    transactionId: Id,
    amount: Money,
    supportCosts: Money,
  })
  .meta({ id: 'ParticipantCostResult' });
export type ParticipantCostResult = z.infer<typeof ParticipantCostResultSchema>;

const Named = z.strictObject({ id: z.string(), name: z.string() });

export const EventFundingSchema = z
  .strictObject({
    eventId: Id,
    currency: z.literal('USD'),
    scope: z.enum(['all', 'own']).meta({
      description: "all: the Secretariat's whole view; own: a donor's, its own money only (no budget)",
    }),
    budget: Money.nullable(),
    allocated: Money,
    spent: Money,
    supportCosts: Money.meta({
      description: 'Programme support costs charged on the spending (13% unless agreed)',
    }),
    actual: Money.meta({ description: 'Spent plus support costs' }),
    unspent: Money.meta({ description: 'Allocated and not yet spent' }),
    remaining: Money.nullable().meta({ description: 'Budget minus actual; negative when over budget' }),
    unallocated: Money.nullable(),
    allocations: z.array(
      z.strictObject({
        id: Id,
        donor: Named,
        earmark: Named,
        bookedOn: z.string(),
        pscPercent: z.string(),
        allocated: Money,
        spent: Money,
        supportCosts: Money,
        balance: Money,
      }),
    ),
    participants: z.array(
      z.strictObject({
        delegateId: Id,
        state: Named,
        category: DelegateCategorySchema,
        name: z.string().nullable().meta({
          description: 'For the Secretariat, until the personal data are erased; never for a donor',
        }),
        travel: Money,
        dsa: Money,
        supportCosts: Money,
        total: Money.meta({ description: 'Travel, DSA and their support costs' }),
        payments: z.array(
          z.strictObject({
            id: Id,
            kind: CostKindSchema,
            allocationId: Id,
            transactionId: Id,
            bookedOn: z.string(),
            amount: Money,
            supportCosts: Money,
            reversed: z.boolean().meta({ description: 'Reversed in the ledger: counted nowhere' }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'EventFunding' });
export type EventFundingView = z.infer<typeof EventFundingSchema>;
