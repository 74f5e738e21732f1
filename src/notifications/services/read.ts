// Reading notifications: pages with their cursor, one notification, the head of a feed. The text is rendered
// from the stored facts by the template of the notification's version (domain/template.ts), in English and
// French, with the names the caller gives (the reference data's, injected by src/server and the CLI).
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import type { ActionKind } from '../../treaties/domain/types.ts';
import type { NotificationView } from '../contract.ts';
import type { NotificationCategory, NotificationFacts, ReferenceSource } from '../domain/facts.ts';
import { renderNotification, type NotificationNames } from '../domain/template.ts';
import {
  feedHead,
  findNotificationByReference,
  findNotifications,
  listNotifications,
  type NotificationFilter,
  type NotificationRow,
} from '../repository.ts';

function factsOf(row: NotificationRow, corrected: NotificationRow | undefined): NotificationFacts {
  return {
    category: row.category as NotificationCategory,
    kind: row.kind as ActionKind,
    instrumentId: row.instrument_id,
    participantId: row.participant_id,
    participantName: row.participant_name,
    actionDate: row.action_date,
    article: row.article,
    territory: row.territory,
    targetParticipantId: row.target_participant_id,
    targetKind: row.target_kind as ActionKind | null,
    targetDate: row.target_date,
    corrects: corrected
      ? { reference: corrected.reference, issuedOn: corrected.issued_on, recordedAt: corrected.recorded_at }
      : null,
    correctionReason: row.correction_reason,
    voids: row.category === 'corrigendum' && row.replacement_action_id === null,
  };
}

/** The facts of stored rows, with the notifications the corrigenda among them correct. */
async function present(
  ctx: ServiceContext,
  names: NotificationNames,
  rows: NotificationRow[],
): Promise<NotificationView[]> {
  const wanted = [...new Set(rows.map((r) => r.corrects_id).filter((id): id is number => id !== null))];
  const corrected = new Map((await findNotifications(ctx.store.db, wanted)).map((r) => [Number(r.id), r]));
  return rows.map((row) => {
    const earlier = row.corrects_id === null ? undefined : corrected.get(Number(row.corrects_id));
    const facts = factsOf(row, earlier);
    return {
      id: Number(row.id),
      uid: `urn:uuid:${row.uid}`,
      category: facts.category,
      reference: row.reference,
      referenceSource: row.reference_source as ReferenceSource,
      issuedOn: row.issued_on,
      recordedAt: row.recorded_at,
      kind: facts.kind,
      instrumentId: row.instrument_id,
      participantId: row.participant_id,
      actionId: Number(row.action_id),
      replacementActionId: row.replacement_action_id === null ? null : Number(row.replacement_action_id),
      actionDate: row.action_date,
      corrects: earlier ? { id: Number(earlier.id), reference: earlier.reference } : null,
      en: renderNotification(facts, 'en', names, row.template_version),
      fr: renderNotification(facts, 'fr', names, row.template_version),
    };
  });
}

/** A cursor as the client sent it: a positive integer id, or a 400 naming the parameter. */
export function parseCursor(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,9})$/.test(value) || Number(value) > 2_147_483_647) {
    throw new CursorError(
      field,
      `${field} must be a notification id (a whole number from 0), not "${value.slice(0, 40)}"`,
    );
  }
  return Number(value);
}

/** A malformed cursor or validator: the routes answer 400 with the field. */
export class CursorError extends DomainError {
  constructor(field: string, detail: string) {
    super('validation', detail, { field });
    this.name = 'CursorError';
  }
}

export async function notificationPage(
  ctx: ServiceContext,
  names: NotificationNames,
  filter: NotificationFilter,
): Promise<{ items: NotificationView[]; full: boolean; latestId: number }> {
  // One row beyond the page says whether an older (or newer) one follows (src/common/paging.ts).
  const rows = await listNotifications(ctx.store.db, { ...filter, limit: filter.limit + 1 });
  const head = await feedHead(ctx.store.db, filter);
  return {
    items: await present(ctx, names, rows.slice(0, filter.limit)),
    full: rows.length > filter.limit,
    latestId: head.lastId,
  };
}

export async function notificationById(
  ctx: ServiceContext,
  names: NotificationNames,
  id: number,
): Promise<NotificationView> {
  const [row] = await findNotifications(ctx.store.db, [id]);
  if (!row) throw new DomainError('not_found', `notification ${id} does not exist`, { field: 'id' });
  return (await present(ctx, names, [row]))[0] as NotificationView;
}

export async function notificationByReference(
  ctx: ServiceContext,
  names: NotificationNames,
  reference: string,
): Promise<NotificationView | null> {
  const row = await findNotificationByReference(ctx.store.db, reference);
  return row ? ((await present(ctx, names, [row]))[0] as NotificationView) : null;
}

export async function notificationFeedHead(
  ctx: ServiceContext,
  filter: Pick<NotificationFilter, 'instrumentId' | 'participantId'>,
): Promise<{ lastId: number; lastRecordedAt: string | null; count: number }> {
  return feedHead(ctx.store.db, filter);
}
