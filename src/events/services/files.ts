// The files of events: the public iCalendar feed and one `.ics` per event, the note verbale of each
// invitation (DOCX and PDF) from the Secretariat's template, and that template's versions. The renderers in
// ../documents are pure and load their libraries only when a file is asked for.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { listInstruments } from '../../treaties/services/lookups.ts';
import { icalendar, eventIcs, type CalendarEvent } from '../documents/ical.ts';
import {
  DEFAULT_NOTE_TEMPLATES,
  validateNoteTemplate,
  type NoteVerbaleData,
} from '../documents/note-template.ts';
import type { DocumentLanguage } from '../documents/wording.ts';
import {
  insertTemplate,
  latestTemplate,
  listEvents,
  listInvitations,
  type Db,
  type EventRecord,
} from '../repository.ts';
import { loadStateBook, visibleEvent, type StateBook } from './events.ts';
import { seesInvitation, type EventViewer } from './viewer.ts';

export const NOTE_VERBALE = 'note_verbale';

/** Most events one feed carries: every public event for decades, bounded. */
const FEED_LIMIT = 5_000;

function venueText(e: EventRecord, book: StateBook): string {
  const country = e.venueCountry ? (book.names.get(e.venueCountry) ?? e.venueCountry) : null;
  const place = [e.venueCity, country].filter((p): p is string => !!p).join(', ');
  if (e.online) return place ? `${place}, and online` : 'online';
  return place;
}

function calendarEvent(e: EventRecord, book: StateBook, publicUrl: string): CalendarEvent {
  return {
    id: e.id,
    title: e.title,
    startOn: e.start,
    endOn: e.end,
    status: e.status,
    location: venueText(e, book) || null,
    description: e.description || null,
    url: `${publicUrl}/events/${e.id}`,
    updatedAt: e.updatedAt,
    sequence: e.revision - 1,
  };
}

const hostOf = (publicUrl: string): string => new URL(publicUrl).host;

/** The public events as one calendar, for calendar clients to subscribe to (no sign-in). */
export async function calendarFeed(db: Db, now: string, publicUrl: string): Promise<string> {
  const { events } = await listEvents(db, {
    visibleTo: { all: false, states: [] },
    limit: FEED_LIMIT,
    offset: 0,
  });
  const book = await loadStateBook(db);
  return icalendar(
    events.map((e) => calendarEvent(e, book, publicUrl)),
    { host: hostOf(publicUrl), name: 'Palermo: events on the Convention and its Protocols', now },
  );
}

/** One event's `.ics`, as the viewer may see the event. */
export async function eventCalendar(
  db: Db,
  viewer: EventViewer,
  id: number,
  now: string,
  publicUrl: string,
): Promise<string> {
  const event = await visibleEvent(db, viewer, id);
  return eventIcs(calendarEvent(event, await loadStateBook(db), publicUrl), { host: hostOf(publicUrl), now });
}

/** The template in use for a language: the newest version the Secretariat saved, or the default. */
export async function currentNoteTemplate(
  db: Db,
  language: DocumentLanguage,
): Promise<{
  language: DocumentLanguage;
  body: string;
  isDefault: boolean;
  recordedAt: string | null;
  recordedBy: string | null;
}> {
  const saved = await latestTemplate(db, NOTE_VERBALE, language);
  return saved
    ? {
        language,
        body: saved.body,
        isDefault: false,
        recordedAt: saved.recordedAt,
        recordedBy: saved.recordedBy,
      }
    : {
        language,
        body: DEFAULT_NOTE_TEMPLATES[language],
        isDefault: true,
        recordedAt: null,
        recordedBy: null,
      };
}

/** Saves a new version of the template (the old ones stay: the table is append-only). */
export async function saveNoteTemplate(
  ctx: ServiceContext,
  db: Db,
  language: DocumentLanguage,
  body: string,
): Promise<void> {
  validateNoteTemplate(body, 'body');
  await insertTemplate(db, { kind: NOTE_VERBALE, language, body, at: ctx.clock.now(), by: ctx.actor });
  await audit(ctx, db, {
    action: 'event.template',
    entity: 'document-template',
    entityId: `${NOTE_VERBALE}/${language}`,
    after: { body },
  });
}

/**
 * The note verbale of one invitation, as the data its template is filled with: the Secretariat's, or the
 * invited State's own (404 to everyone else, and for a State not invited).
 */
export async function noteVerbaleOf(
  db: Db,
  viewer: EventViewer,
  eventId: number,
  participantId: string,
  place: string,
): Promise<{ data: NoteVerbaleData; language: DocumentLanguage; template: string }> {
  const event = await visibleEvent(db, viewer, eventId);
  const invitation = (await listInvitations(db, eventId)).find((i) => i.participantId === participantId);
  if (!invitation || !seesInvitation(viewer, participantId)) {
    throw notFound('invitation', `${eventId}/${participantId}`);
  }
  const language: DocumentLanguage = invitation.language === 'fr' ? 'fr' : 'en';
  const { body } = await currentNoteTemplate(db, language);
  const used = validateNoteTemplate(body);
  if (used.includes('registrationDeadline') && !event.registrationDeadline) {
    // The note would have to invent a date: the Secretariat sets the deadline first.
    throw new DomainError('conflict', 'the note gives the registration deadline: set it on the event first', {
      field: 'registrationDeadline',
    });
  }
  const book = await loadStateBook(db);
  const titles = new Map((await listInstruments(db)).map((i) => [i.id, i.shortTitle]));
  return {
    language,
    template: body,
    data: {
      reference: invitation.reference,
      state: book.names.get(participantId) ?? participantId,
      eventTitle: event.title,
      venue: venueText(event, book),
      startOn: event.start,
      endOn: event.end,
      instruments: event.instruments.map((i) => titles.get(i) ?? i),
      registrationDeadline: event.registrationDeadline ?? event.start,
      place,
      date: invitation.sentOn,
    },
  };
}
