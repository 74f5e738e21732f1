// A tiny typed client for the Palermo HTTP API. Every call takes an AbortSignal so a view can cancel a
// request it no longer needs; every failure is an ApiError carrying the RFC 9457 problem document.

import type { z } from 'zod';
import type {
  ActionEffectSchema,
  ActionRecordSchema,
  AnnotationsSchema,
  ComputedDateSchema,
  CountryViewSchema,
  CountsSchema,
  DashboardSchema,
  DifferenceSchema,
  InstrumentSchema,
  InstrumentStatusSchema,
  ParticipantSchema,
  RecordActionSchema,
  TimelinePointSchema,
} from '../../src/treaties/contract.ts';
import type { ProblemSchema } from '../../src/common/contract.ts';
import type {
  AdminUserSchema,
  MeSchema,
  MfaEnrolmentSchema,
  NewUserSchema,
  RoleSchema,
  SessionAnswerSchema,
  SessionStageSchema,
  UserChangesSchema,
  UserSchema,
  UsersSchema,
} from '../../src/auth/contract.ts';
import type { ROLES as ServerRoles } from '../../src/auth/domain/policy.ts';
import {
  CONSENT_KINDS,
  SIGNATURE_KINDS,
  STATEMENT_KINDS,
  type ActionKind,
} from '../../src/treaties/domain/types.ts';
/** The Treaty Collection's marks after a date of consent, as the report's Annex I prints them too. */
export { CONFIDENCE_LEVELS, CONSENT_MARKERS } from '../../src/treaties/domain/types.ts';

// Treaty registry answers are typed from the server's own zod schemas (type-only imports: nothing of the
// server is bundled), so a change of the wire shape is a compile error here, not a crash in a page.

/** An instrument with its final-clause parameters; `mtdsgNo` is null for one without a depositary number. */
export type Instrument = z.infer<typeof InstrumentSchema>;
/** A computed date: exact (`on`), or a range when a source date is too imprecise, with its reason. */
export type ComputedDate = z.infer<typeof ComputedDateSchema>;
export type StatusCounts = z.infer<typeof CountsSchema>;
export type InstrumentStatus = z.infer<typeof InstrumentStatusSchema>;
export type ParticipantStatus = InstrumentStatus['participants'][number];
export type Tri = ParticipantStatus['signed'];
export type ParticipantKind = ParticipantStatus['kind'];
export type ParticipantState = ParticipantStatus['state'];
export type ConsentKind = NonNullable<ParticipantStatus['consentKind']>;
export type DatePrecision = NonNullable<ParticipantStatus['consentPrecision']>;
export type SignatureKind = NonNullable<ParticipantStatus['signatureKind']>;

/**
 * RFC 9457 problem details, as the server sends them; `detail` may be missing from the ones this client
 * makes itself (a network failure, an answer that is not a problem document).
 */
export type Problem = Omit<z.infer<typeof ProblemSchema>, 'detail'> &
  Partial<Pick<z.infer<typeof ProblemSchema>, 'detail'>>;
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

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

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: String(error) });
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      isProblem(body)
        ? body
        : { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status },
    );
  }
  return body as T;
}

export function getJson<T>(path: string, signal?: AbortSignal, init: RequestInit = {}): Promise<T> {
  return request(path, { ...init, headers: { accept: 'application/json' }, signal: signal ?? null });
}

// The session's CSRF token: kept in memory only (never in storage), from sign-in, verification or
// GET /api/auth/me, and sent with every state-changing request that rides on the session cookie.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A state-changing request: JSON body (if any) and the CSRF header. */
function send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return sendWith(method, path, body === undefined ? {} : { json: body });
}

/**
 * A state-changing request with its body as JSON or as text of a given type (a CSV file), the CSRF header
 * and, for the writes that need one, an `Idempotency-Key` (see newIdempotencyKey).
 */
export function sendWith<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { json?: unknown; text?: { body: string; type: string }; idempotencyKey?: string },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | null = null;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text) {
    headers['content-type'] = options.text.type;
    body = options.text.body;
  }
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  return request(path, { method, headers, body, cache: 'no-store' });
}

/**
 * A fresh key for one submission of a form. The form keeps it while the user retries the same submission
 * (a lost answer, a network failure), so the server answers the retry with the first answer and records
 * nothing twice; any change to the form makes it a new submission with a new key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID exists only in secure contexts (HTTPS, localhost); getRandomValues everywhere.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A GET of JSON that is never served from the browser's cache (records that change as the user works). */
export function getFresh<T>(path: string, signal?: AbortSignal): Promise<T> {
  return getJson(path, signal, { cache: 'no-store' });
}

/**
 * Every row of a paged list, for the pages that show the whole list: follows the body's `next` (the same
 * path as the `Link` header) to the last page, where it is null (docs/api.md "Paging"). `rowsOf` names the
 * page's rows, typed from the list's contract.
 */
export async function getAllPages<P extends { next: string | null }, T>(
  path: string,
  rowsOf: (page: P) => readonly T[],
  signal?: AbortSignal,
): Promise<T[]> {
  const rows: T[] = [];
  for (let next: string | null = path; next !== null;) {
    const page: P = await getFresh<P>(next, signal);
    rows.push(...rowsOf(page));
    next = page.next;
  }
  return rows;
}

export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
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

// Accounts and sessions

// The server's list of roles (checked by `satisfies`), without bundling the policy table.
export const ROLES = [
  'admin',
  'fund_officer',
  'programme_officer',
  'focal_point',
  'donor',
] as const satisfies typeof ServerRoles;
export type Role = z.infer<typeof RoleSchema>;
export type SessionStage = z.infer<typeof SessionStageSchema>;
export type User = z.infer<typeof UserSchema>;
export type UserStatus = User['status'];

/** The answer to sign-in and to the second factor: where the session stands. */
export type SessionAnswer = z.infer<typeof SessionAnswerSchema>;

/** Who is signed in; `permissions` are the policy actions the caller may take (e.g. `users.manage`). */
export type Me = z.infer<typeof MeSchema>;

export function getMe(signal?: AbortSignal): Promise<Me> {
  return getJson('/api/auth/me', signal, { cache: 'no-store' });
}

export async function login(email: string, password: string): Promise<SessionAnswer> {
  const answer = await send<SessionAnswer>('POST', '/api/auth/login', { email, password });
  setCsrfToken(answer.csrfToken);
  return answer;
}

/** A second-factor key being enrolled: its secret and the otpauth:// address a phone app reads. */
export type EnrolmentKey = z.infer<typeof MfaEnrolmentSchema>;

export function beginMfaEnrolment(): Promise<EnrolmentKey> {
  return send('POST', '/api/auth/mfa/enrol');
}

export async function verifyMfa(code: string): Promise<SessionAnswer> {
  const answer = await send<SessionAnswer>('POST', '/api/auth/mfa/verify', { code });
  setCsrfToken(answer.csrfToken);
  return answer;
}

export async function logout(): Promise<void> {
  await send<null>('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export async function requestPasswordReset(email: string): Promise<void> {
  await send<unknown>('POST', '/api/auth/password-reset', { email });
}

/** Sets a password with the token of an invitation or a password-reset link. */
export async function setPasswordWithLink(
  purpose: 'invitation' | 'reset',
  token: string,
  password: string,
): Promise<void> {
  const path = purpose === 'invitation' ? '/api/auth/invitation/accept' : '/api/auth/password-reset/confirm';
  await send<null>('POST', path, { token, password });
}

/** A user as administrators see them: with the account's recent failed sign-ins and any lock. */
export type AdminUser = z.infer<typeof AdminUserSchema>;

export async function listUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return (await getJson<z.infer<typeof UsersSchema>>('/api/users', signal, { cache: 'no-store' })).users;
}

/** Lifts an account's sign-in lock and forgets its failed attempts. */
export function unlockUser(id: string): Promise<AdminUser> {
  return send('POST', `/api/users/${encodeURIComponent(id)}/unlock`);
}

export type NewUser = z.input<typeof NewUserSchema>;

export function inviteUser(input: NewUser): Promise<User> {
  return send('POST', '/api/users', input);
}

export type UserChanges = z.input<typeof UserChangesSchema>;

export function changeUser(id: string, changes: UserChanges): Promise<User> {
  return send('PATCH', `/api/users/${encodeURIComponent(id)}`, changes);
}

// Treaty registry: the pages beyond the status table. Answers whose shape the server defines with zod are
// typed from those schemas (type-only imports: nothing of the server is bundled).

/** The kinds of action, from the treaty engine's own list (a pure module: constants, no I/O). */
export type { ActionKind };
export { SIGNATURE_KINDS, STATEMENT_KINDS };

/** What is deposited with the Secretary-General (recorded by the Secretariat), in the order of a treaty's life. */
export const DEPOSIT_KINDS = [
  ...SIGNATURE_KINDS,
  ...CONSENT_KINDS,
  'denunciation',
] as const satisfies readonly ActionKind[];

export type TimelinePoint = z.infer<typeof TimelinePointSchema>;

export type Dashboard = z.infer<typeof DashboardSchema>;
export type DashboardInstrument = Dashboard['instruments'][number];

export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return getJson('/api/dashboard', signal);
}

/** A participant with its reference data (codes, region, groups, development class on the date asked). */
export type Participant = z.infer<typeof ParticipantSchema>;

export async function listParticipants(asOf: string | null, signal?: AbortSignal): Promise<Participant[]> {
  const body = await getJson<{ participants: Participant[] }>(
    withQuery('/api/participants', { asOf }),
    signal,
  );
  return body.participants;
}

export type ParticipantAnnotations = z.infer<typeof AnnotationsSchema>['participants'][number];

export async function getAnnotations(
  instrumentId: string,
  signal?: AbortSignal,
): Promise<ParticipantAnnotations[]> {
  const body = await getJson<{ participants: ParticipantAnnotations[] }>(
    `/api/instruments/${encodeURIComponent(instrumentId)}/annotations`,
    signal,
  );
  return body.participants;
}

export type Difference = z.infer<typeof DifferenceSchema>;
export type StatusChange = Difference['changes'][number];

export function getChanges(
  instrumentId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<Difference> {
  return getJson(
    withQuery(`/api/instruments/${encodeURIComponent(instrumentId)}/changes`, { from, to }),
    signal,
  );
}

export function statusDownloadUrl(
  instrumentId: string,
  asOf: string | null,
  format: 'csv' | 'xlsx' | 'json',
): string {
  const id = encodeURIComponent(instrumentId);
  return format === 'json'
    ? withQuery(`/api/instruments/${id}/status`, { asOf })
    : withQuery(`/api/instruments/${id}/status.${format}`, { asOf });
}

/** A recorded action, with its correction if it has been corrected (the history keeps both). */
export type ActionRecord = z.infer<typeof ActionRecordSchema>;

export type CountryView = z.infer<typeof CountryViewSchema>;
export type CountryInstrument = CountryView['instruments'][number];

export function getCountry(
  participantId: string,
  asOf: string | null,
  signal?: AbortSignal,
): Promise<CountryView> {
  return getJson(withQuery(`/api/participants/${encodeURIComponent(participantId)}`, { asOf }), signal, {
    cache: 'no-store',
  });
}

export function getAction(actionId: number, signal?: AbortSignal): Promise<ActionRecord> {
  return getJson(`/api/actions/${actionId}`, signal, { cache: 'no-store' });
}

/** What the record form sends (the request body the server validates). */
export type NewAction = z.input<typeof RecordActionSchema>;
export type ActionEffect = z.infer<typeof ActionEffectSchema>;

/** With `idempotencyKey` (one per submission of the form), a retried submission is recorded once. */
export function recordAction(
  input: NewAction,
  dryRun: boolean,
  idempotencyKey?: string,
): Promise<{ action: ActionRecord | null; effect: ActionEffect }> {
  return sendWith('POST', `/api/actions${dryRun ? '?dryRun=true' : ''}`, {
    json: input,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

export function correctAction(
  actionId: number,
  input: { reason: string; replacement: NewAction | null },
): Promise<{ corrected: ActionRecord; replacement: ActionRecord | null }> {
  return send('POST', `/api/actions/${actionId}/corrections`, input);
}
