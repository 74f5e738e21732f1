// What events leave behind and what happened afterwards (/api/events/{id}/follow-up, …/documents, …/outcomes,
// …/commitments, /api/commitments): typed from the server's own schemas (type-only imports; only the pure
// domain's lists are bundled). Writes carry the Idempotency-Key of their form submission.
import type { z } from 'zod';
import type {
  EventFollowUpSchema,
  FollowUpQuerySchema,
  KindFollowUpSchema,
} from '../../src/events/follow-up-contract.ts';
import type {
  CommitmentDetailSchema,
  CommitmentInputSchema,
  CommitmentListSchema,
  CommitmentMetInputSchema,
  CommitmentQuerySchema,
  CommitmentSuggestionsSchema,
  CommitmentWithdrawalInputSchema,
  DocumentInputSchema,
  EventDocumentListSchema,
  EventDocumentSchema,
  OutcomeInputSchema,
  OutcomeListSchema,
  OutcomeSchema,
} from '../../src/events/outcome-contract.ts';
import { getFresh, sendWith, withQuery } from './api.ts';
import type { EventKind } from './api-events.ts';

export {
  COMMITMENT_KINDS,
  DOCUMENT_KINDS,
  OUTCOME_KINDS,
  SHOWN_STATUSES,
} from '../../src/events/domain/commitments.ts';

export type EventFollowUp = z.infer<typeof EventFollowUpSchema>;
export type KindFollowUp = z.infer<typeof KindFollowUpSchema>;
export type FollowUpDetail = EventFollowUp['followUp'];
export type AttendanceFollowUp = Extract<FollowUpDetail, { mode: 'attendance' }>;
export type RegionFollowUp = Extract<FollowUpDetail, { mode: 'region' }>;
export type FollowUpCurves = AttendanceFollowUp['curves'];
export type FollowUpCurve = FollowUpCurves['attendees']['all'];
export type FollowUpStep = FollowUpCurve['steps'][number];
export type StateFollowUp = AttendanceFollowUp['attendees'][number];
/** The follow-up's options, each a string from the page's address. */
export type FollowUpOptions = Partial<Record<keyof z.input<typeof FollowUpQuerySchema>, string | null>>;

export type EventDocument = z.infer<typeof EventDocumentSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type Commitment = z.infer<typeof CommitmentListSchema>['commitments'][number];
export type CommitmentList = z.infer<typeof CommitmentListSchema>;
export type CommitmentDetail = z.infer<typeof CommitmentDetailSchema>;
export type CommitmentStatus = Commitment['status'];
export type CommitmentKind = Commitment['what'];
export type Suggestions = z.infer<typeof CommitmentSuggestionsSchema>['suggestions'];
export type Candidate = Suggestions[number]['candidates'][number];

export type NewDocument = z.input<typeof DocumentInputSchema>;
export type NewOutcome = z.input<typeof OutcomeInputSchema>;
export type NewCommitment = z.input<typeof CommitmentInputSchema>;
export type CommitmentMet = z.input<typeof CommitmentMetInputSchema>;
export type CommitmentWithdrawal = z.input<typeof CommitmentWithdrawalInputSchema>;
/** The list's filters, each a string from the page's address. */
export type CommitmentFilter = Partial<
  Record<Exclude<keyof z.input<typeof CommitmentQuerySchema>, 'limit' | 'offset'>, string | null>
>;

/** The most commitments one page asks for (the server's limit). */
export const COMMITMENTS_LIMIT = 1_000;

const one = (id: number) => `/api/events/${id}`;

export const getEventFollowUp = (id: number, options: FollowUpOptions, signal?: AbortSignal) =>
  getFresh<EventFollowUp>(withQuery(`${one(id)}/follow-up`, options), signal);

export const getKindFollowUp = (kind: EventKind, options: FollowUpOptions, signal?: AbortSignal) =>
  getFresh<KindFollowUp>(withQuery('/api/events/follow-up', { ...options, kind }), signal);

export const listDocuments = async (id: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof EventDocumentListSchema>>(`${one(id)}/documents`, signal)).documents;

export const listOutcomes = async (id: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof OutcomeListSchema>>(`${one(id)}/outcomes`, signal)).outcomes;

export const listEventCommitments = (id: number, signal?: AbortSignal) =>
  getFresh<CommitmentList>(`${one(id)}/commitments`, signal);

export const listCommitments = (filter: CommitmentFilter, signal?: AbortSignal) =>
  getFresh<CommitmentList>(
    withQuery('/api/commitments', { ...filter, limit: String(COMMITMENTS_LIMIT) }),
    signal,
  );

export const listSuggestions = async (id: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof CommitmentSuggestionsSchema>>(`${one(id)}/commitments/suggestions`, signal))
    .suggestions;

export const addDocument = (id: number, input: NewDocument, key: string) =>
  sendWith<EventDocument>('POST', `${one(id)}/documents`, { json: input, idempotencyKey: key });

export const recordOutcome = (id: number, input: NewOutcome, key: string) =>
  sendWith<Outcome>('POST', `${one(id)}/outcomes`, { json: input, idempotencyKey: key });

export const recordCommitment = (id: number, input: NewCommitment, key: string) =>
  sendWith<CommitmentDetail>('POST', `${one(id)}/commitments`, { json: input, idempotencyKey: key });

export const markCommitmentMet = (id: number, input: CommitmentMet, key: string) =>
  sendWith<CommitmentDetail>('POST', `/api/commitments/${id}/met`, { json: input, idempotencyKey: key });

export const withdrawCommitment = (id: number, input: CommitmentWithdrawal, key: string) =>
  sendWith<CommitmentDetail>('POST', `/api/commitments/${id}/withdrawal`, {
    json: input,
    idempotencyKey: key,
  });
