// What the delegation pages compute without the server: the people of the registration form as rows of text
// (from the registration on file, and back to what the API takes), the paths of their fields for messages,
// a file's bytes as base64, and which review decisions a person's status allows (the domain's own rule).
import {
  REVIEW_DECISIONS,
  reviewTarget,
  type Delegate,
  type Delegation,
  type DelegateCategory,
  type DelegatePosition,
  type DelegateStatus,
  type NewDelegate,
  type ReviewDecision,
} from '../../api-delegations.ts';

export interface PersonRow {
  position: DelegatePosition;
  category: DelegateCategory;
  title: string;
  givenName: string;
  familyName: string;
  function: string;
  email: string;
}

export const PERSON_FIELDS = [
  'position',
  'category',
  'title',
  'givenName',
  'familyName',
  'function',
  'email',
] as const;

export const emptyPerson = (position: DelegatePosition = 'member'): PersonRow => ({
  position,
  category: 'delegate',
  title: '',
  givenName: '',
  familyName: '',
  function: '',
  email: '',
});

/** People who are still part of the delegation: a resubmission lists them again (the others stay as they are). */
export const STILL_LISTED: readonly DelegateStatus[] = [
  'pending',
  'approved',
  'changes_requested',
  'waitlisted',
];

/** The registration on file as the form's rows; a new registration starts with its head of delegation. */
export function rowsOf(delegation: Delegation | undefined): PersonRow[] {
  const people = (delegation?.delegates ?? []).filter((d) => STILL_LISTED.includes(d.status) && !d.erased);
  if (people.length === 0) return [emptyPerson('head')];
  return people.map((d) => ({
    position: d.position,
    category: d.category,
    title: d.title ?? '',
    givenName: d.givenName ?? '',
    familyName: d.familyName ?? '',
    function: d.function ?? '',
    email: d.email ?? '',
  }));
}

const orNull = (text: string): string | null => (text.trim() ? text.trim() : null);

/** The rows as the API takes them: trimmed, an empty optional field as null. */
export function delegatesOf(rows: readonly PersonRow[]): NewDelegate[] {
  return rows.map((r) => ({
    position: r.position,
    category: r.category,
    title: orNull(r.title),
    givenName: r.givenName.trim(),
    familyName: r.familyName.trim(),
    function: orNull(r.function),
    email: orNull(r.email),
  }));
}

/** The form's paths of the rows' fields ("delegates.0.givenName"), in their order. */
export const personPaths = (rows: readonly PersonRow[]): string[] =>
  rows.flatMap((_, i) => PERSON_FIELDS.map((f) => `delegates.${i}.${f}`));

/** The first row after `head` that also says it heads the delegation (the API takes one head at most). */
export function secondHead(rows: readonly PersonRow[]): number {
  const first = rows.findIndex((r) => r.position === 'head');
  return first < 0 ? -1 : rows.findIndex((r, i) => i > first && r.position === 'head');
}

/** Bytes as base64 (RFC 4648, no line breaks), in chunks small enough for String.fromCharCode. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The decisions the Secretariat may take on a person in this status (the domain's rule, not a copy). */
export function decisionsFor(status: DelegateStatus): ReviewDecision[] {
  return REVIEW_DECISIONS.filter((decision) => {
    try {
      reviewTarget(status, decision, 'reason');
      return true;
    } catch {
      return false;
    }
  });
}

/** "Mr. Amadou Diallo", or the mark of erased data. */
export const fullName = (d: Pick<Delegate, 'title' | 'givenName' | 'familyName'>): string =>
  [d.title, d.givenName, d.familyName].filter(Boolean).join(' ');
