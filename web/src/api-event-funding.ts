// An event's funding (/api/events/{id}/funding…), typed from the server's own schemas (type-only imports).
// Writes carry the Idempotency-Key of their form submission.
import type { z } from 'zod';
import type { DelegationListSchema } from '../../src/events/delegation-contract.ts';
import type {
  BudgetInputSchema,
  BudgetResultSchema,
  EventAllocationInputSchema,
  EventAllocationResultSchema,
  EventFundingSchema,
  ParticipantCostInputSchema,
  ParticipantCostResultSchema,
} from '../../src/events/funding-contract.ts';
import { getFresh, sendWith } from './api.ts';

export { COST_KINDS } from '../../src/events/domain/funding.ts';

export type EventFunding = z.infer<typeof EventFundingSchema>;
export type FundedParticipant = EventFunding['participants'][number];
export type EventAllocation = EventFunding['allocations'][number];
export type NewBudget = z.input<typeof BudgetInputSchema>;
export type NewEventAllocation = z.input<typeof EventAllocationInputSchema>;
export type NewParticipantCost = z.input<typeof ParticipantCostInputSchema>;
export type Delegation = z.infer<typeof DelegationListSchema>['delegations'][number];

const base = (id: number) => `/api/events/${id}/funding`;

export const getEventFunding = (id: number, signal?: AbortSignal) => getFresh<EventFunding>(base(id), signal);

/** The event's delegations, for the choice of an approved participant to pay for. */
export const listEventDelegations = async (id: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof DelegationListSchema>>(`/api/events/${id}/delegations`, signal)).delegations;

export const setEventBudget = (id: number, input: NewBudget, key: string) =>
  sendWith<z.infer<typeof BudgetResultSchema>>('PUT', `${base(id)}/budget`, {
    json: input,
    idempotencyKey: key,
  });

export const allocateToEvent = (id: number, input: NewEventAllocation, key: string) =>
  sendWith<z.infer<typeof EventAllocationResultSchema>>('POST', `${base(id)}/allocations`, {
    json: input,
    idempotencyKey: key,
  });

export const payParticipant = (id: number, input: NewParticipantCost, key: string) =>
  sendWith<z.infer<typeof ParticipantCostResultSchema>>('POST', `${base(id)}/payments`, {
    json: input,
    idempotencyKey: key,
  });
