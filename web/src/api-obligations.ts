// A State's calendar of notifications owed to the depositary (/api/participants/{id}/obligations…), typed
// from the server's own schemas (type-only imports).
import type { ObligationCalendarView } from '../../src/obligations/contract.ts';
import { getJson } from './api.ts';

export type ObligationCalendar = ObligationCalendarView;

export const getObligationCalendar = (participantId: string, signal?: AbortSignal) =>
  getJson<ObligationCalendar>(`/api/participants/${encodeURIComponent(participantId)}/obligations`, signal);

/** The same calendar as iCalendar (RFC 5545), to subscribe to. */
export const obligationsIcsUrl = (participantId: string): string =>
  `/api/participants/${encodeURIComponent(participantId)}/obligations.ics`;
