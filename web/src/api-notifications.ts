// Depositary notifications (/api/notifications/…), typed from the server's own schemas (type-only imports).
import type { NotificationList, NotificationView } from '../../src/notifications/contract.ts';
import { getJson, withQuery } from './api.ts';

export type Notification = NotificationView;

export const listNotifications = (
  query: {
    instrument?: string | null;
    participant?: string | null;
    before?: string | null;
    cursor?: string | null;
  },
  signal?: AbortSignal,
) => getJson<NotificationList>(withQuery('/api/notifications', { ...query, limit: '50' }), signal);

export const getNotification = (id: number, signal?: AbortSignal) =>
  getJson<Notification>(`/api/notifications/${id}`, signal);

/** The Atom feed of the same notifications (all, one instrument's, one participant's). */
export function feedUrl(query: { instrument?: string | null; participant?: string | null }): string {
  if (query.instrument) return `/api/instruments/${encodeURIComponent(query.instrument)}/notifications.atom`;
  if (query.participant)
    return `/api/participants/${encodeURIComponent(query.participant)}/notifications.atom`;
  return '/api/notifications.atom';
}
