// Delegations to events (issue 14, item 4): who a delegation's people are, where each one's registration
// stands, what a review may do, how places are shared out under a capacity, and what a note verbale must
// look like to be accepted. Pure: no I/O.
import { DomainError } from '../../common/errors.ts';

export const DELEGATE_POSITIONS = ['head', 'member'] as const;
export type DelegatePosition = (typeof DELEGATE_POSITIONS)[number];

export const DELEGATE_CATEGORIES = ['delegate', 'adviser', 'expert', 'observer', 'press'] as const;
export type DelegateCategory = (typeof DELEGATE_CATEGORIES)[number];

export const DELEGATE_STATUSES = [
  'pending',
  'approved',
  'changes_requested',
  'refused',
  'waitlisted',
  'withdrawn',
] as const;
export type DelegateStatus = (typeof DELEGATE_STATUSES)[number];

/** A person in one of these statuses holds a place: the capacity counts them. */
export const HOLDS_PLACE: readonly DelegateStatus[] = ['pending', 'approved', 'changes_requested'];

export const REVIEW_DECISIONS = ['approve', 'request_changes', 'refuse'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const REVIEW: Record<ReviewDecision, { to: DelegateStatus; from: readonly DelegateStatus[] }> = {
  approve: { to: 'approved', from: ['pending'] },
  request_changes: { to: 'changes_requested', from: ['pending', 'approved'] },
  refuse: { to: 'refused', from: ['pending', 'approved', 'changes_requested', 'waitlisted'] },
};

/** The status a review leads to, or a refusal saying why it cannot be taken from the person's status. */
export function reviewTarget(
  from: DelegateStatus,
  decision: ReviewDecision,
  reason: string | null,
): DelegateStatus {
  const rule = REVIEW[decision];
  if (!rule.from.includes(from)) {
    throw new DomainError(
      'conflict',
      `a registration that is ${from.replace(/_/g, ' ')} cannot be ${rule.to.replace(/_/g, ' ')}`,
      { field: 'decision' },
    );
  }
  if (decision !== 'approve' && !reason) {
    throw new DomainError('validation', 'say why: the State reads the reason', { field: 'reason' });
  }
  return rule.to;
}

/** The same person: given and family name folded for case, accents kept, spacing collapsed. */
export function nameKey(givenName: string, familyName: string): string {
  const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
  return `${fold(givenName)}|${fold(familyName)}`;
}

/** Where a delegation stands, from its people's statuses (the most pressing first). */
export function delegationStatusOf(statuses: readonly DelegateStatus[]): string {
  for (const s of ['changes_requested', 'pending', 'waitlisted', 'approved', 'refused'] as const) {
    if (statuses.includes(s)) return s;
  }
  return 'withdrawn';
}

/** Places per category (null: no limit) and overall (null: no limit). */
export interface Capacity {
  overall: number | null;
  categories: Record<DelegateCategory, number | null>;
}

export const UNLIMITED: Capacity = {
  overall: null,
  categories: { delegate: null, adviser: null, expert: null, observer: null, press: null },
};

/** Places held now, per category. */
export type Held = Record<DelegateCategory, number>;

/** Whether one more person of `category` fits. */
export function fits(capacity: Capacity, held: Held, category: DelegateCategory): boolean {
  const total = Object.values(held).reduce((a, b) => a + b, 0);
  const perCategory = capacity.categories[category];
  return (
    (perCategory === null || held[category] < perCategory) &&
    (capacity.overall === null || total < capacity.overall)
  );
}

/** The PDF limit when nothing else is configured: a scanned page or two of a note verbale. */
export const DEFAULT_PDF_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Checks that bytes are a PDF by what they are, not what they are called: the `%PDF-1.x` header, an `%%EOF`
 * marker in the last kilobyte (ISO 32000-1 §7.5.5 puts it at the end; writers may add a few bytes after it),
 * and the body a PDF always has — at least one indirect object (`n 0 obj`) and `startxref` before the
 * end, which points readers at its cross-reference.
 */
export function checkPdf(bytes: Uint8Array, maxBytes: number, field: string): void {
  if (bytes.length === 0) throw new DomainError('validation', 'the file is empty', { field });
  if (bytes.length > maxBytes) {
    throw new DomainError(
      'validation',
      `the file has ${bytes.length} bytes; a note verbale may have at most ${maxBytes}`,
      { field },
    );
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  const problem = !/^%PDF-[12]\.\d/.test(head)
    ? 'it does not begin with the %PDF- header'
    : !tail.includes('%%EOF')
      ? 'it does not end with %%EOF (cut short?)'
      : !/startxref/.test(tail) || !/\d+\s+\d+\s+obj\b/.test(Buffer.from(bytes).toString('latin1'))
        ? 'it has no PDF objects or cross-reference'
        : null;
  if (problem) throw new DomainError('validation', `the file is not a PDF: ${problem}`, { field });
}
