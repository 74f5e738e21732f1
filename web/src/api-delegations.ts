// Delegations' API (registration by a State, review by the Secretariat, capacity, the approval queue and the
// files), typed from the server's own schemas (type-only imports: nothing of the server is bundled but the
// lists and rules of its pure domain). Writes carry the Idempotency-Key of their form submission.
import type { z } from 'zod';
import type {
  AttendanceSchema,
  CapacityInputSchema,
  DelegationInputSchema,
  DelegationListSchema,
  DelegationResultSchema,
  QueueSchema,
  ReviewInputSchema,
  ReviewResultSchema,
} from '../../src/events/delegation-contract.ts';
import { getFresh, sendWith, withQuery } from './api.ts';

export {
  DEFAULT_PDF_MAX_BYTES,
  DELEGATE_CATEGORIES,
  DELEGATE_POSITIONS,
  REVIEW_DECISIONS,
  reviewTarget,
} from '../../src/events/domain/delegations.ts';

export type Delegation = z.infer<typeof DelegationListSchema>['delegations'][number];
export type Delegate = Delegation['delegates'][number];
export type DelegateStatus = Delegate['status'];
export type DelegateCategory = Delegate['category'];
export type DelegatePosition = Delegate['position'];
export type DelegationResult = z.infer<typeof DelegationResultSchema>;
export type NewDelegation = z.input<typeof DelegationInputSchema>;
export type NewDelegate = NewDelegation['delegates'][number];
export type NoteVerbaleUpload = NonNullable<NewDelegation['noteVerbale']>;
export type Review = z.input<typeof ReviewInputSchema>;
export type ReviewDecision = Review['decision'];
export type ReviewResult = z.infer<typeof ReviewResultSchema>;
export type Capacity = z.input<typeof CapacityInputSchema>;
export type Attendance = z.infer<typeof AttendanceSchema>;
export type Queue = z.infer<typeof QueueSchema>;
export type QueueItem = Queue['items'][number];

const one = (id: number) => `/api/events/${id}`;

/** The most people one page of the approval queue asks for (the server's limit). */
export const QUEUE_LIMIT = 200;

export const listDelegations = async (eventId: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof DelegationListSchema>>(`${one(eventId)}/delegations`, signal)).delegations;

export const getAttendance = (eventId: number, signal?: AbortSignal) =>
  getFresh<Attendance>(`${one(eventId)}/attendance`, signal);

export const getQueue = (offset: number, signal?: AbortSignal) =>
  getFresh<Queue>(
    withQuery('/api/delegations/queue', { limit: String(QUEUE_LIMIT), offset: String(offset) }),
    signal,
  );

/** A delegation's note verbale, as the State sent it (the Secretariat and that State only). */
export const delegationNoteUrl = (eventId: number, delegationId: number) =>
  `${one(eventId)}/delegations/${delegationId}/note-verbale.pdf`;

/** The participant list of an event, for the Secretariat. */
export const participantListUrl = (eventId: number, format: 'csv' | 'xlsx') =>
  `${one(eventId)}/participants.${format}`;

/** Registers a State's whole delegation; sent again, it updates it (a resubmission). */
export const registerDelegation = (eventId: number, input: NewDelegation, key: string) =>
  sendWith<DelegationResult>('POST', `${one(eventId)}/delegations`, { json: input, idempotencyKey: key });

export const reviewDelegate = (eventId: number, delegateId: number, input: Review, key: string) =>
  sendWith<ReviewResult>('POST', `${one(eventId)}/delegates/${delegateId}/review`, {
    json: input,
    idempotencyKey: key,
  });

export const setCapacity = (eventId: number, input: Capacity, key: string) =>
  sendWith<{ movedUp: number[] }>('PUT', `${one(eventId)}/capacity`, { json: input, idempotencyKey: key });
