// Commitments as the viewer may see them (those of events it may see), with their status as at today, and
// the registry actions that would meet the open ones, for the Secretariat to link.
import type { IsoDate } from '../../common/dates.ts';
import { notFound } from '../../common/errors.ts';
import { listActionRecords, listParticipants } from '../../treaties/services/lookups.ts';
import { shownStatus, whyNotMet } from '../domain/commitments.ts';
import type {
  CommitmentDetail,
  CommitmentList,
  CommitmentQuery,
  CommitmentSuggestions,
  CommitmentView,
} from '../outcome-contract.ts';
import { listCommitmentHistory, listCommitments, type CommitmentRecord } from '../outcomes-repository.ts';
import type { Db } from '../repository.ts';
import { actionFacts } from './commitments.ts';
import { visibleEvent } from './events.ts';
import { visibleTo, type EventViewer } from './viewer.ts';

async function present(db: Db, rows: CommitmentRecord[], today: IsoDate): Promise<CommitmentView[]> {
  if (rows.length === 0) return [];
  const names = new Map((await listParticipants(db)).map((p) => [p.id, p.name]));
  const metIds = rows.flatMap((r) => (r.metByActionId === null ? [] : [r.metByActionId]));
  const actions = new Map(
    (metIds.length ? await listActionRecords(db, { ids: metIds }) : []).map((a) => [a.id, a]),
  );
  return rows.map((r) => {
    const met = r.metByActionId === null ? undefined : actions.get(r.metByActionId);
    return {
      id: r.id,
      event: { id: r.eventId, title: r.eventTitle, start: r.eventStart },
      state: { id: r.participantId, name: names.get(r.participantId) ?? r.participantId },
      instrumentId: r.instrumentId,
      what: r.what,
      text: r.text,
      due: r.dueText,
      dueBy: r.dueLatest,
      status: shownStatus(r.status, r.dueLatest, today),
      metBy: met ? { actionId: met.id, kind: met.kind, date: met.date } : null,
      withdrawnReason: r.withdrawnReason,
      revision: r.revision,
      recordedAt: r.recordedAt,
      updatedAt: r.updatedAt,
    };
  });
}

/** Commitments by event, State and status as at `today`, of the events the viewer may see. */
export async function commitmentList(
  db: Db,
  viewer: EventViewer,
  today: IsoDate,
  query: CommitmentQuery,
): Promise<CommitmentList> {
  // An event the viewer may not see answers 404, as the event itself does.
  if (query.event !== undefined) await visibleEvent(db, viewer, query.event);
  const { commitments, total } = await listCommitments(db, {
    eventId: query.event,
    participantId: query.state,
    status: query.status,
    today,
    visibleTo: visibleTo(viewer),
    limit: query.limit,
    offset: query.offset,
  });
  return { asOf: today, commitments: await present(db, commitments, today), total };
}

/** One commitment with every change it went through (who changed it: the Secretariat's to see). */
export async function commitmentDetail(
  db: Db,
  viewer: EventViewer,
  today: IsoDate,
  id: number,
): Promise<CommitmentDetail> {
  const [row] = (await listCommitments(db, { id, today, visibleTo: visibleTo(viewer), limit: 1, offset: 0 }))
    .commitments;
  if (!row) throw notFound('commitment', String(id));
  const [commitment] = await present(db, [row], today);
  if (!commitment) throw notFound('commitment', String(id));
  const history = (await listCommitmentHistory(db, id)).map((h) => ({
    ...h,
    recordedBy: viewer.kind === 'secretariat' ? h.recordedBy : 'Secretariat',
  }));
  return { asOf: today, commitment, history };
}

/**
 * For each open (or overdue) commitment of an event, the registry actions that would meet it: the same State
 * and instrument, a fitting kind, dated on or after the event's first day, not corrected.
 */
export async function commitmentSuggestions(
  db: Db,
  eventId: number,
  today: IsoDate,
): Promise<CommitmentSuggestions> {
  const event = await visibleEvent(db, { kind: 'secretariat' }, eventId);
  const { commitments } = await listCommitments(db, {
    eventId,
    today,
    visibleTo: { all: true },
    limit: 10_000,
    offset: 0,
  });
  const suggestions: CommitmentSuggestions['suggestions'] = [];
  for (const c of commitments.filter((x) => x.status === 'open')) {
    const actions = await listActionRecords(db, {
      participantId: c.participantId,
      instrumentId: c.instrumentId,
    });
    const candidates = actions
      .filter((a) => whyNotMet(c, actionFacts(a), event.start) === null)
      .map((a) => ({ actionId: a.id, kind: a.kind, date: a.date }));
    suggestions.push({ commitmentId: c.id, candidates });
  }
  return { suggestions };
}
