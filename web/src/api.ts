// A tiny typed client for the Palermo HTTP API. Every call takes an AbortSignal so a view can cancel a
// request it no longer needs; every failure is an ApiError carrying the RFC 9457 problem document.

export type Tri = 'yes' | 'no' | 'uncertain';
export type ParticipantKind = 'state' | 'reio';
export type ParticipantState = 'none' | 'signatory' | 'party_pending' | 'party' | 'uncertain' | 'withdrawn';
export type ConsentKind =
  'ratification' | 'acceptance' | 'approval' | 'accession' | 'succession' | 'formal_confirmation';
export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';

export interface Instrument {
  id: string;
  title: string;
  shortTitle: string;
  mtdsgNo: string;
  adoptedOn: string;
  parentId: string | null;
  threshold: number;
  eifDays: number;
  laterDays: number;
}

/** A computed date: exact (`on`), or a range when a source date is too imprecise, with its reason. */
export interface ComputedDate {
  on: string | null;
  earliest: string | null;
  latest: string | null;
  explanation: string;
}

export interface StatusCounts {
  signatories: number;
  contractingParties: number;
  partiesInForce: number;
  pendingEntryIntoForce: number;
  uncertain: number;
  withdrawn: number;
}

export interface ParticipantStatus {
  participantId: string;
  name: string;
  kind: ParticipantKind;
  region: string | null;
  unGroup: string | null;
  state: ParticipantState;
  signed: Tri;
  signatureDate: string | null;
  consented: Tri;
  consentKind: ConsentKind | null;
  consentDate: string | null;
  consentPrecision: DatePrecision | null;
  inForce: Tri;
  eif: ComputedDate | null;
  denunciationEffective: ComputedDate | null;
}

export interface InstrumentStatus {
  instrumentId: string;
  asOf: string;
  instrumentInForce: Tri;
  eif: ComputedDate | null;
  instrumentsCounted: number;
  counts: StatusCounts;
  participants: ParticipantStatus[];
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as the server sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message the server gave for one input field, if any. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: String(error) });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      isProblem(body)
        ? body
        : { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status },
    );
  }
  return body as T;
}

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function listInstruments(signal?: AbortSignal): Promise<Instrument[]> {
  const body = await getJson<{ instruments: Instrument[] }>('/api/instruments', signal);
  return body.instruments;
}

/** Status of an instrument as at `asOf` (YYYY-MM-DD); the server uses today when `asOf` is null. */
export function getStatus(
  instrumentId: string,
  asOf: string | null,
  signal?: AbortSignal,
): Promise<InstrumentStatus> {
  return getJson(withQuery(`/api/instruments/${encodeURIComponent(instrumentId)}/status`, { asOf }), signal);
}

export function statusCsvUrl(instrumentId: string, asOf: string | null): string {
  return withQuery(`/api/instruments/${encodeURIComponent(instrumentId)}/status.csv`, { asOf });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
