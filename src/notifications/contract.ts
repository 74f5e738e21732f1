// The notifications feature's wire contract (zod): a depositary notification as the API answers it, a page of
// them with its cursor, and the query. Imported by the server and (types only) the web.
import { z } from 'zod';
import { NextLinkSchema, pageQueryShape } from '../common/paging.ts';
import { NOTIFICATION_CATEGORIES, REFERENCE_SOURCES } from './domain/facts.ts';
import { NOTIFICATION_LANGUAGES, NOTIFIED_KINDS } from './domain/template.ts';

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

const Rendered = z.object({ subject: z.string(), text: z.string() });

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    /** The Atom entry id: the same on every host and after a restore. */
    uid: z.string().meta({ example: 'urn:uuid:3f1c0a3e-9a1e-4f59-9a4b-1c1a0f1f2b7d' }),
    category: z.enum(NOTIFICATION_CATEGORIES),
    reference: z.string().nullable().meta({ example: 'C.N.12.2026.TREATIES-XVIII.12.a' }),
    referenceSource: z.enum(REFERENCE_SOURCES).meta({
      description:
        "depositary: the depositary's own C.N. reference given with the action; palermo: allocated by Palermo when the Secretariat recorded the action; none: an action of history whose depositary reference is not known",
    }),
    /** The day the notification was issued through Palermo; null for history. */
    issuedOn: z.string().nullable(),
    recordedAt: z.string(),
    kind: z.enum(NOTIFIED_KINDS as [string, ...string[]]),
    instrumentId: z.string(),
    participantId: z.string(),
    actionId: z.number().int(),
    replacementActionId: z.number().int().nullable(),
    /** The action's date as its source gives it. */
    actionDate: z.string().nullable(),
    corrects: z.object({ id: z.number().int(), reference: z.string().nullable() }).nullable(),
    en: Rendered,
    fr: Rendered,
  })
  .meta({ id: 'DepositaryNotification' });

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    /** The next page's URL (same filters), null when this page is the last for now; also the Link header. */
    next: NextLinkSchema,
    /** The newest notification's id under these filters: a client stores it and asks `?since=` later. */
    latestId: z.number().int(),
  })
  .meta({ id: 'DepositaryNotificationList' });

const cursorText = z
  .string()
  .max(20)
  .meta({ description: 'a notification id; malformed: 400', example: '120' });

export const NotificationListQuerySchema = z.strictObject({
  instrument: z.string().max(20).optional(),
  participant: z.string().max(20).optional(),
  reference: z.string().max(100).optional(),
  since: cursorText.optional().meta({
    description: 'notifications issued after this id, oldest first (catching up); malformed: 400',
  }),
  before: cursorText.optional().meta({
    description: 'notifications before this id, newest first (browsing back); malformed: 400',
  }),
  // `cursor` (browsing back, as `next` gives it) and `limit`, as on every list (src/common/paging.ts).
  ...pageQueryShape(DEFAULT_PAGE, MAX_PAGE),
});

export const FeedQuerySchema = z.strictObject({
  lang: z.enum(NOTIFICATION_LANGUAGES).optional(),
});

export type NotificationView = z.infer<typeof NotificationSchema>;
export type NotificationList = z.infer<typeof NotificationListSchema>;
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;
