// What a depositary notification says, as facts: the row it is stored as (migration 019) without the store's
// bookkeeping. Pure; the web may import the types.
import type { ActionKind } from '../../treaties/domain/types.ts';

export const NOTIFICATION_CATEGORIES = ['action', 'corrigendum'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/**
 * Where a notification's reference comes from: the depositary's own C.N. symbol given with the action
 * ('depositary'), one Palermo allocated when the Secretariat recorded the action ('palermo'), or none known
 * for an action of history ('none': Palermo never invents a C.N. number for what the depositary issued).
 */
export const REFERENCE_SOURCES = ['depositary', 'palermo', 'none'] as const;
export type ReferenceSource = (typeof REFERENCE_SOURCES)[number];

export interface NotificationFacts {
  category: NotificationCategory;
  kind: ActionKind;
  instrumentId: string;
  participantId: string;
  /** The participant's name in the registry when the notification was issued (the fallback of every language). */
  participantName: string;
  /** The action's date as its source gives it: YYYY-MM-DD, YYYY-MM, YYYY, or null when not recorded. */
  actionDate: string | null;
  article: string | null;
  territory: string | null;
  /** An objection's target: whose reservation or declaration; a withdrawal's: its own earlier statement. */
  targetParticipantId: string | null;
  targetKind: ActionKind | null;
  targetDate: string | null;
  /** A corrigendum: the reference of the notification it corrects (null when that had none), and why. */
  corrects: { reference: string | null; issuedOn: string | null; recordedAt: string } | null;
  correctionReason: string | null;
  /** A corrigendum that voids the action without a replacement. */
  voids: boolean;
}

/** The C.N. symbol of the depositary's style: C.N.<n>.<year>.TREATIES-XVIII.<chapter item>. */
export function cnReference(number: number, year: number, mtdsgNo: string): string {
  // The Treaty Collection's chapter and item (MTDSG "XVIII-12-a") are written with dots in the C.N. symbol.
  return `C.N.${number}.${year}.TREATIES-${mtdsgNo.replaceAll('-', '.')}`;
}
