// Reading delegations as the viewer may: names and notes verbales for the Secretariat and the delegation's
// own State (404 to anyone else); for everyone who may see the event, numbers only.
import { DomainError } from '../../common/errors.ts';
import type { Attendance, DelegateView, DelegationView } from '../delegation-contract.ts';
import { DELEGATE_CATEGORIES, UNLIMITED, type DelegateCategory } from '../domain/delegations.ts';
import {
  countByCategoryOf,
  findDelegationById,
  listDelegates,
  listDelegations,
  listLog,
  noteVerbaleBytes,
  stateCountsOf,
  type DelegateRecord,
  type DelegationRecord,
} from '../delegations-repository.ts';
import type { Db } from '../repository.ts';
import { capacitiesOf } from './delegations-places.ts';
import { loadStateBook, visibleEvent, visibleEvents } from './events.ts';
import { delegationStatesOf, seesInvitation, type EventViewer } from './viewer.ts';

export function delegateView(d: DelegateRecord): DelegateView {
  return {
    id: d.id,
    position: d.position,
    category: d.category,
    status: d.status,
    title: d.title,
    givenName: d.givenName,
    familyName: d.familyName,
    function: d.function,
    email: d.email,
    reason: d.reason,
    statusSince: d.statusSince,
    funded: d.funded,
    erased: d.erasedAt !== null,
  };
}

async function viewOf(db: Db, d: DelegationRecord, people: DelegateRecord[], names: Map<string, string>) {
  const log = await listLog(db, d.id);
  const view: DelegationView = {
    id: d.id,
    eventId: d.eventId,
    state: { id: d.state, name: names.get(d.state) ?? d.state },
    status: d.status,
    noteVerbale: {
      sha256: d.noteSha256,
      size: d.noteSize,
      filename: d.noteFilename,
      available: d.noteStored,
    },
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
    erased: d.erasedAt !== null,
    delegates: people.filter((p) => p.delegationId === d.id).map(delegateView),
    log: log.map((l) => ({
      delegateId: l.delegateId,
      change: l.change,
      from: l.from,
      to: l.to,
      reason: l.reason,
      at: l.at,
      by: l.by,
    })),
  };
  return view;
}

/** The delegations of an event the viewer may read: all for the Secretariat, its own for a State. */
export async function delegationList(
  db: Db,
  viewer: EventViewer,
  eventId: number,
): Promise<DelegationView[]> {
  await visibleEvent(db, viewer, eventId);
  const delegations = await listDelegations(db, eventId, delegationStatesOf(viewer));
  const people = await listDelegates(
    db,
    delegations.map((d) => d.id),
  );
  const { names } = await loadStateBook(db);
  const out: DelegationView[] = [];
  for (const d of delegations) out.push(await viewOf(db, d, people, names));
  return out;
}

/** One delegation of an event, or 404 when there is none the viewer may read. */
export async function readableDelegation(
  db: Db,
  viewer: EventViewer,
  eventId: number,
  delegationId: number,
): Promise<DelegationRecord> {
  await visibleEvent(db, viewer, eventId);
  const d = await findDelegationById(db, delegationId);
  if (!d || d.eventId !== eventId || !seesInvitation(viewer, d.state)) {
    throw new DomainError('not_found', `no delegation ${delegationId} at event ${eventId}`);
  }
  return d;
}

/** The note verbale's bytes, for the Secretariat and the delegation's State. */
export async function noteVerbaleFile(
  db: Db,
  viewer: EventViewer,
  eventId: number,
  delegationId: number,
): Promise<{ bytes: Uint8Array; filename: string; sha256: string }> {
  const d = await readableDelegation(db, viewer, eventId, delegationId);
  const bytes = await noteVerbaleBytes(db, d.id);
  if (!bytes)
    throw new DomainError('not_found', 'the note verbale was erased with the personal data of the event');
  return { bytes, filename: d.noteFilename ?? `note-verbale-${d.id}.pdf`, sha256: d.noteSha256 };
}

const perCategory = (): Record<DelegateCategory, number> =>
  Object.fromEntries(DELEGATE_CATEGORIES.map((c) => [c, 0])) as Record<DelegateCategory, number>;

/** Numbers of an event's attendance: States registered and attending, people per category. Never names. */
export async function attendanceOf(db: Db, viewer: EventViewer, eventId: number): Promise<Attendance> {
  const [attendance] = await attendancesOf(db, viewer, [eventId]);
  if (!attendance) throw new Error(`no attendance answered for event ${eventId}`);
  return attendance;
}

/** attendanceOf for several events, read together, in the order of `eventIds` (404 if one is not visible). */
export async function attendancesOf(
  db: Db,
  viewer: EventViewer,
  eventIds: readonly number[],
): Promise<Attendance[]> {
  await visibleEvents(db, viewer, eventIds);
  const states = await stateCountsOf(db, eventIds);
  const counts = await countByCategoryOf(db, eventIds);
  const capacities = await capacitiesOf(db, eventIds);
  return eventIds.map((eventId, i) => {
    const approved = perCategory();
    const waitlisted = perCategory();
    for (const r of counts.get(eventId) ?? []) {
      if (r.status === 'approved') approved[r.category] += r.n;
      if (r.status === 'waitlisted') waitlisted[r.category] += r.n;
    }
    const s = states.get(eventId) ?? { registered: 0, attending: 0 };
    return {
      eventId,
      statesRegistered: s.registered,
      statesAttending: s.attending,
      approved,
      waitlisted,
      capacity: capacities[i] ?? UNLIMITED,
    };
  });
}
