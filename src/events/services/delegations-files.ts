// Files of delegations: the participant list of an event (CSV, XLSX) for the Secretariat, and a certificate
// of attendance (PDF) per approved participant of a held event, for the Secretariat and the person's State.
import { DomainError } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import { certificatePdf } from '../documents/certificate.ts';
import {
  participantsCsv,
  participantsXlsx,
  type ParticipantListRow,
} from '../documents/participants-list.ts';
import type { DocumentLanguage } from '../documents/wording.ts';
import { findDelegate, listDelegates, listDelegations } from '../delegations-repository.ts';
import type { Db } from '../repository.ts';
import { readableDelegation } from './delegations-read.ts';
import { loadStateBook, visibleEvent } from './events.ts';
import type { EventViewer } from './viewer.ts';

const ERASED = '(erased)';
const SECRETARIAT = { kind: 'secretariat' } as const;

async function participantRows(db: Db, eventId: number): Promise<ParticipantListRow[]> {
  const delegations = await listDelegations(db, eventId, null);
  const byId = new Map(delegations.map((d) => [d.id, d]));
  const { names } = await loadStateBook(db);
  const people = await listDelegates(
    db,
    delegations.map((d) => d.id),
  );
  return people.map((p) => {
    const d = byId.get(p.delegationId);
    return {
      state: d ? (names.get(d.state) ?? d.state) : '',
      delegationStatus: d?.status.replace(/_/g, ' ') ?? '',
      position: p.position,
      category: p.category,
      title: p.title,
      givenName: p.givenName ?? ERASED,
      familyName: p.familyName ?? ERASED,
      function: p.function,
      status: p.status.replace(/_/g, ' '),
      funded: p.funded,
    };
  });
}

/** The participant list of an event as CSV or XLSX, with its file name. */
export async function participantList(
  db: Db,
  eventId: number,
  format: 'csv' | 'xlsx',
): Promise<{ name: string; type: string; body: Buffer | string }> {
  const event = await visibleEvent(db, SECRETARIAT, eventId);
  const rows = await participantRows(db, eventId);
  if (format === 'csv') {
    return {
      name: `participants-${eventId}.csv`,
      type: 'text/csv; charset=utf-8',
      body: participantsCsv(rows),
    };
  }
  return {
    name: `participants-${eventId}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await participantsXlsx(rows, { eventTitle: event.title }),
  };
}

/** The certificate of attendance of one approved participant of a held event. */
export async function attendanceCertificate(
  ctx: ServiceContext,
  db: Db,
  viewer: EventViewer,
  eventId: number,
  delegateId: number,
  language: DocumentLanguage,
): Promise<Buffer> {
  const event = await visibleEvent(db, viewer, eventId);
  const person = await findDelegate(db, eventId, delegateId);
  if (!person) throw new DomainError('not_found', `no participant ${delegateId} at event ${eventId}`);
  const delegation = await readableDelegation(db, viewer, eventId, person.delegationId);
  if (event.status !== 'held' && event.status !== 'report_published') {
    throw new DomainError('conflict', 'a certificate of attendance is issued once the event is held', {
      field: 'event.status',
    });
  }
  if (person.status !== 'approved') {
    throw new DomainError(
      'conflict',
      `the participant's registration is ${person.status.replace(/_/g, ' ')}`,
      {
        field: 'delegateId',
      },
    );
  }
  if (person.erasedAt !== null) {
    throw new DomainError('not_found', "the participant's personal data was erased after the event");
  }
  const { names } = await loadStateBook(db);
  const place = [event.venueCity, event.venueCountry ? names.get(event.venueCountry) : null]
    .filter(Boolean)
    .join(', ');
  return certificatePdf({
    reference: `PAL/EV/${eventId}/${delegateId}`,
    participantName: [person.title, person.givenName, person.familyName].filter(Boolean).join(' '),
    state: names.get(delegation.state) ?? delegation.state,
    eventTitle: event.title,
    venue: place || 'online',
    startOn: event.start,
    endOn: event.end,
    place: event.venueCity ?? 'Vienna',
    issuedOn: ctx.clock.today(),
    language,
  });
}
