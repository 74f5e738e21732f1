// Technical assistance's API (/api/assistance/…), typed from the server's own schemas (type-only imports).
// Writes carry the Idempotency-Key of their form submission (required for the ones that move money).
import type { z } from 'zod';
import type {
  ActivityInputSchema,
  AssessmentQuerySchema,
  AssessmentSchema,
  ChainSchema,
  EligibilitySchema,
  OBLIGATIONS as Obligations,
  ProjectListSchema,
  ProjectSchema,
  ProposalSchema,
  ProvisionSchema,
  RequestListSchema,
  RequestSchema,
  ASSESSMENT_STATUSES as AssessmentStatuses,
  ASSISTANCE_KINDS as AssistanceKinds,
  AssessmentInputSchema,
  FundingInputSchema,
  MeasurementInputSchema,
  OUTCOME_KINDS as OutcomeKinds,
  OutcomeInputSchema,
  ProjectInputSchema,
  ProjectSpendingInputSchema,
  RequestInputSchema,
  ResultInputSchema,
} from '../../src/assistance/contract.ts';
import type { RequestStatus } from '../../src/assistance/domain/workflow.ts';
import { getAllPages, getFresh, getJson, sendWith, withQuery } from './api.ts';

export type { RequestStatus };
export { REQUEST_STATUSES } from '../../src/assistance/domain/workflow.ts';

// The same lists as the server's contract (checked by `satisfies`), without bundling zod.
export const ASSESSMENT_STATUSES = [
  'in_place',
  'partly',
  'not_in_place',
  'not_applicable',
] as const satisfies typeof AssessmentStatuses;
export const ASSISTANCE_KINDS = [
  'legislative_drafting',
  'institution_building',
  'training',
  'equipment',
  'model_laws',
  'mentoring',
] as const satisfies typeof AssistanceKinds;
export const OUTCOME_KINDS = [
  'legislation_adopted',
  'authority_notified',
  'instrument_deposited',
] as const satisfies typeof OutcomeKinds;
export const OBLIGATIONS = [
  'mandatory',
  'consider',
  'optional',
  'none',
] as const satisfies typeof Obligations;

export type AssessmentStatus = (typeof AssessmentStatuses)[number];
export type AssistanceKind = (typeof AssistanceKinds)[number];
export type OutcomeKind = (typeof OutcomeKinds)[number];

export type Provision = z.infer<typeof ProvisionSchema>;
export type Eligibility = z.infer<typeof EligibilitySchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type AssessmentRow = Assessment['provisions'][number];
export type AssistanceRequest = z.infer<typeof RequestSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type Proposal = z.infer<typeof ProposalSchema>;
export type Chain = z.infer<typeof ChainSchema>;

export type NewAssessment = z.input<typeof AssessmentInputSchema>;
export type NewRequest = z.input<typeof RequestInputSchema>;
export type NewProject = z.input<typeof ProjectInputSchema>;
export type NewFunding = z.input<typeof FundingInputSchema>;
export type NewSpending = z.input<typeof ProjectSpendingInputSchema>;
export type NewActivity = z.input<typeof ActivityInputSchema>;
export type NewResult = z.input<typeof ResultInputSchema>;
export type NewMeasurement = z.input<typeof MeasurementInputSchema>;
export type NewOutcome = z.input<typeof OutcomeInputSchema>;

const state = (id: string) => `/api/assistance/countries/${encodeURIComponent(id)}`;

export const listProvisions = (signal?: AbortSignal) =>
  getJson<Provision[]>('/api/assistance/provisions', signal);

/** Eligibility on a date (`on`), today by default. */
export const getEligibility = (participantId: string, on: string | null, signal?: AbortSignal) =>
  getFresh<Eligibility>(withQuery(`${state(participantId)}/eligibility`, { on }), signal);

export const getChain = (participantId: string, signal?: AbortSignal) =>
  getFresh<Chain>(`${state(participantId)}/chain`, signal);

/** The assessment page's filter: the server's query (AssessmentQuerySchema), with `remaining` as a flag. */
export type AssessmentFilter = Partial<
  Record<Exclude<keyof z.input<typeof AssessmentQuerySchema>, 'remaining'>, string | null>
> & { remaining?: boolean };

export const getAssessment = (participantId: string, filter: AssessmentFilter, signal?: AbortSignal) =>
  getFresh<Assessment>(
    withQuery(`${state(participantId)}/assessment`, {
      theme: filter.theme,
      obligation: filter.obligation,
      instrumentId: filter.instrumentId,
      remaining: filter.remaining ? 'true' : null,
    }),
    signal,
  );

// The request and project lists show every row: they follow the server's pages to the end.
export const listRequests = (signal?: AbortSignal) =>
  getAllPages('/api/assistance/requests', (page: z.infer<typeof RequestListSchema>) => page.requests, signal);

export const getRequest = (id: number, signal?: AbortSignal) =>
  getFresh<AssistanceRequest>(`/api/assistance/requests/${id}`, signal);

export const listProjects = (participantId: string | null, signal?: AbortSignal) =>
  getAllPages(
    withQuery('/api/assistance/projects', { participantId }),
    (page: z.infer<typeof ProjectListSchema>) => page.projects,
    signal,
  );

export const getProject = (id: number, signal?: AbortSignal) =>
  getFresh<Project>(`/api/assistance/projects/${id}`, signal);

export const listMatches = (signal?: AbortSignal) => getFresh<Proposal[]>('/api/assistance/matches', signal);

const post = <O>(path: string, json: unknown, idempotencyKey: string): Promise<O> =>
  sendWith('POST', path, { json, idempotencyKey });

export const recordAssessment = (participantId: string, input: NewAssessment, key: string) =>
  post<Assessment>(`${state(participantId)}/assessment`, input, key);

export const setPublication = (participantId: string, published: boolean, key: string) =>
  post<Assessment>(`${state(participantId)}/assessment/publication`, { published }, key);

export const createRequest = (input: NewRequest, key: string) =>
  post<AssistanceRequest>('/api/assistance/requests', input, key);

export const stepRequest = (id: number, to: RequestStatus, reason: string | null, key: string) =>
  post<AssistanceRequest>(`/api/assistance/requests/${id}/steps`, { to, reason }, key);

export const createProject = (input: NewProject, key: string) =>
  post<Project>('/api/assistance/projects', input, key);

type ProjectWrite = 'activities' | 'results' | 'outcomes' | 'funding' | 'expenditures' | 'completion';

export const projectWrite = (projectId: number, what: ProjectWrite, input: unknown, key: string) =>
  post<Project>(`/api/assistance/projects/${projectId}/${what}`, input, key);

export const recordMeasurement = (projectId: number, resultId: number, input: NewMeasurement, key: string) =>
  post<Project>(`/api/assistance/projects/${projectId}/results/${resultId}/measurements`, input, key);
