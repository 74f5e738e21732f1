// Registering a delegation: a State's focal point (or the Secretariat on the State's behalf) submits the
// whole delegation with its note verbale in one request. A second submission of the same State updates its
// delegation: people matched by name and category keep their record (a resubmission after changes were
// asked returns them to review), new people are added under the capacity, people left out are withdrawn
// and their places go to the waiting list. Everything in one transaction under the event's lock, so
// concurrent registrations never exceed a capacity; every change is logged per person (ids, no names).
import { createHash } from 'node:crypto';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { DelegateInput, DelegationInput, DelegationResult } from '../delegation-contract.ts';
import {
  checkPdf,
  DEFAULT_PDF_MAX_BYTES,
  fits,
  nameKey,
  type DelegateStatus,
  type Held,
} from '../domain/delegations.ts';
import { canRegister } from '../domain/events.ts';
import {
  appendLog,
  findDelegation,
  heldPlaces,
  insertDelegate,
  insertDelegation,
  listDelegates,
  setDelegateStatus,
  updateDelegateDetails,
  updateDelegation,
  type DelegateFields,
  type DelegateRecord,
  type LogEntry,
  type NoteVerbale,
} from '../delegations-repository.ts';
import type { Db } from '../repository.ts';
import { capacityOf, moveUpWaiting, refreshDelegationStatus } from './delegations-places.ts';
import { eventForUpdate, loadStateBook, visibleEvent } from './events.ts';
import { checkDelegationAccess, eventViewerOf } from './viewer.ts';

export interface RegisterOptions {
  /** Largest note verbale accepted, in bytes (PALERMO_NOTE_VERBALE_MAX_BYTES). */
  pdfMaxBytes?: number;
}

/** The note verbale's bytes, checked by content: base64 decoded, a PDF, within the limit. */
export function noteVerbaleOf(input: DelegationInput['noteVerbale'], maxBytes: number): NoteVerbale | null {
  if (!input) return null;
  const field = 'noteVerbale.contentBase64';
  // Refused before decoding: a body within the server's limit can still hold more than a note may.
  if (Math.floor((input.contentBase64.length * 3) / 4) > maxBytes + 2) {
    throw new DomainError(
      'validation',
      `the file is larger than the ${maxBytes} bytes a note verbale may have`,
      {
        field,
      },
    );
  }
  const bytes = Buffer.from(input.contentBase64, 'base64');
  checkPdf(bytes, maxBytes, field);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), filename: input.filename };
}

function fieldsOf(d: DelegateInput): DelegateFields {
  return {
    position: d.position,
    category: d.category,
    title: d.title,
    givenName: d.givenName,
    familyName: d.familyName,
    nameKey: nameKey(d.givenName, d.familyName),
    function: d.function,
    email: d.email,
  };
}

/** Checks the people of one submission: no one twice, at most one head of delegation. */
function checkPeople(delegates: readonly DelegateInput[]): DelegateFields[] {
  const seen = new Map<string, number>();
  let head = -1;
  return delegates.map((d, i) => {
    const f = fieldsOf(d);
    const key = `${f.category}|${f.nameKey}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DomainError(
        'conflict',
        `the same ${d.category} is named twice (as person ${first + 1} and ${i + 1})`,
        { field: `delegates[${i}].familyName` },
      );
    }
    seen.set(key, i);
    if (d.position === 'head') {
      if (head >= 0) {
        throw new DomainError('validation', `a delegation has one head (person ${head + 1} already is)`, {
          field: `delegates[${i}].position`,
        });
      }
      head = i;
    }
    return f;
  });
}

const sameDetails = (r: DelegateRecord, f: DelegateFields): boolean =>
  r.position === f.position &&
  r.title === f.title &&
  r.givenName === f.givenName &&
  r.familyName === f.familyName &&
  r.function === f.function &&
  r.email === f.email;

interface Submission {
  ctx: ServiceContext;
  db: Db;
  eventId: number;
  delegationId: number;
  log: LogEntry[];
}

function logged(
  s: Submission,
  delegateId: number | null,
  change: string,
  from: string | null,
  to: string | null,
) {
  s.log.push({
    eventId: s.eventId,
    delegationId: s.delegationId,
    delegateId,
    change,
    from,
    to,
    reason: null,
    at: s.ctx.clock.now(),
    by: s.ctx.actor,
  });
}

/** A place under the capacity, or the waiting list. */
async function placeFor(s: Submission, held: Held, f: DelegateFields): Promise<DelegateStatus> {
  const capacity = await capacityOf(s.db, s.eventId);
  if (!fits(capacity, held, f.category)) return 'waitlisted';
  held[f.category] += 1;
  return 'pending';
}

async function addPerson(s: Submission, held: Held, f: DelegateFields): Promise<void> {
  const status = await placeFor(s, held, f);
  const id = await insertDelegate(s.db, {
    ...f,
    delegationId: s.delegationId,
    eventId: s.eventId,
    status,
    at: s.ctx.clock.now(),
  });
  logged(s, id, 'registered', null, status);
}

/** Applies a later submission to the people already registered. */
async function updatePeople(s: Submission, people: DelegateFields[]): Promise<void> {
  const existing = await listDelegates(s.db, [s.delegationId]);
  const byKey = new Map(existing.map((r) => [`${r.category}|${r.nameKey}`, r]));
  const listed = new Set<number>();
  const at = s.ctx.clock.now();
  for (const f of people) {
    const r = byKey.get(`${f.category}|${f.nameKey}`);
    if (r) listed.add(r.id);
  }
  for (const r of existing) {
    if (listed.has(r.id) || r.status === 'withdrawn' || r.status === 'refused') continue;
    await setDelegateStatus(s.db, r.id, 'withdrawn', null, at);
    logged(s, r.id, 'withdrawn', r.status, 'withdrawn');
  }
  await appendLog(s.db, s.log.splice(0));
  await moveUpWaiting(s.ctx, s.db, s.eventId);
  const held = await heldPlaces(s.db, s.eventId);
  for (const f of people) {
    const r = byKey.get(`${f.category}|${f.nameKey}`);
    if (!r) {
      await addPerson(s, held, f);
      continue;
    }
    const changed = !sameDetails(r, f);
    if (changed) {
      await updateDelegateDetails(s.db, r.id, f);
      logged(s, r.id, 'details_changed', r.status, r.status);
    }
    // Resubmitted after changes were asked, or changed after approval: back to review.
    let to: DelegateStatus | null = null;
    if (r.status === 'changes_requested' || (r.status === 'approved' && changed)) to = 'pending';
    else if (r.status === 'withdrawn') to = await placeFor(s, held, f);
    if (to) {
      await setDelegateStatus(s.db, r.id, to, null, at);
      logged(s, r.id, r.status === 'withdrawn' ? 'registered' : 'resubmitted', r.status, to);
    }
  }
}

/** Registers a State's delegation to an event, or updates the one it registered before. */
export async function registerDelegation(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: DelegationInput,
  options: RegisterOptions = {},
): Promise<DelegationResult> {
  await visibleEvent(db, eventViewerOf(ctx.principal), eventId);
  checkDelegationAccess(ctx.principal, 'delegation.register', input.state, 'state');
  const event = await eventForUpdate(ctx, db, eventId);
  if (!canRegister(event.status)) {
    throw new DomainError(
      'conflict',
      `registration is not open: the event is ${event.status.replace(/_/g, ' ')}`,
      { field: 'event.status' },
    );
  }
  const book = await loadStateBook(db);
  if (!book.states.some((s) => s.id === input.state)) throw notFound('State', input.state, 'state');
  const people = checkPeople(input.delegates);
  const note = noteVerbaleOf(input.noteVerbale, options.pdfMaxBytes ?? DEFAULT_PDF_MAX_BYTES);
  const at = ctx.clock.now();
  const before = await findDelegation(db, eventId, input.state);
  let delegationId: number;
  if (before) delegationId = before.id;
  else if (note)
    delegationId = await insertDelegation(db, {
      eventId,
      state: input.state,
      status: 'pending',
      note,
      at,
      by: ctx.actor,
    });
  else {
    throw new DomainError('validation', 'attach the note verbale (PDF) to the first submission', {
      field: 'noteVerbale',
    });
  }
  const s: Submission = { ctx, db, eventId, delegationId, log: [] };
  if (before) {
    if (note) {
      await updateDelegation(db, delegationId, { status: before.status, at, note });
      logged(s, null, 'note_verbale_replaced', null, null);
    }
    await updatePeople(s, people);
  } else {
    const held = await heldPlaces(db, eventId);
    for (const f of people) await addPerson(s, held, f);
  }
  await appendLog(db, s.log);
  const status = await refreshDelegationStatus(db, delegationId, at);
  const delegates = (await listDelegates(db, [delegationId])).map((d) => ({
    id: d.id,
    position: d.position,
    category: d.category,
    status: d.status,
  }));
  const result = { delegationId, state: input.state, status, updated: before !== null, delegates };
  await audit(ctx, db, {
    action: before ? 'delegation.update' : 'delegation.register',
    entity: 'event_delegation',
    entityId: delegationId,
    state: input.state,
    // Ids and statuses only: the audit trail is append-only and must hold nothing erasure would clear.
    after: { eventId, ...result, noteSha256: note?.sha256 ?? before?.noteSha256 ?? null },
  });
  return result;
}

/** The note verbale limit from the environment (PALERMO_NOTE_VERBALE_MAX_BYTES), else 5 MiB. */
export function noteVerbaleMaxBytes(env: NodeJS.ProcessEnv): number {
  const raw = env.PALERMO_NOTE_VERBALE_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_PDF_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1024 || n > 64 * 1024 * 1024) {
    throw new Error(
      `PALERMO_NOTE_VERBALE_MAX_BYTES must be a number of bytes from 1024 to 67108864, not ${raw}`,
    );
  }
  return n;
}
