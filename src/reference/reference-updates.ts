// Reference-data updates: what a data release adds to the shipped reference data, brought into every
// database — one loaded at its first start today, or one loaded years ago and used since — exactly once,
// in one transaction each, audited, never over what users recorded (import-reference-actions.ts). A database
// remembers the updates it has applied (table reference_updates, migration 012); they run at every start
// (prepareStore, so `palermo serve` and `palermo migrate`) and cost one query when there is nothing to do.
//
// A data release adds an entry at the end of REFERENCE_UPDATES with a new id; an entry, once shipped, is
// never renamed, removed or changed in meaning (databases have recorded it). See docs/operations.md.
import { audit } from '../audit/audit-log.ts';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/schema.ts';
import { bumpVersion, countParticipants } from '../treaties/repository.ts';
import { importReferenceActions, type ReferenceImportSummary } from './import-reference-actions.ts';
import { importReferenceEvents } from '../events/services/reference-events.ts';
import { EVENTS_FILE, referenceEvents } from './events.ts';
import { LATER_EVENTS_FILE, laterEventCandidates } from './later-events.ts';
import { importReferenceStatements, importStatementIndex } from './statements.ts';
import { loadReferenceDataIfEmpty } from './load-reference-data.ts';
import { notifyHistory } from './notifications.ts';
import { REFERENCE_UPDATE_IDS } from './update-ids.ts';
import {
  claimReferenceUpdate,
  listAppliedReferenceUpdates,
  recordReferenceUpdateSummary,
} from './repository.ts';

export interface ReferenceUpdate {
  /** Date-prefixed, unique, never renamed: the database records it. */
  id: string;
  title: string;
  /** Brings the update's rows in, in the caller's transaction; running it on rows already there records nothing. */
  apply(ctx: ServiceContext, trx: Db): Promise<ReferenceImportSummary[]>;
}

export const REFERENCE_UPDATES: readonly ReferenceUpdate[] = [
  {
    // The later-events file was loaded with the 2014 tables until December 2026; it is an update now, so
    // that a database loaded before gains the rows added since (TIP: Sierra Leone, Palau; SoM: Barbados,
    // Comoros) and a new one gets the whole file by the same path.
    id: '2026-12-06-later-events',
    title:
      'consents after the 2014 participant tables (participants-updates-post2014.csv), with the four of December 2026',
    apply: async (ctx, trx) => [
      await importReferenceActions(ctx, trx, LATER_EVENTS_FILE, laterEventCandidates()),
    ],
  },
  {
    // Events joined the registry in December 2026: the dated meetings and seminars of 2000-2004 the shared
    // data names (reference/events.csv), for the calendar and the follow-up of what States did afterwards.
    id: '2026-12-07-events',
    title: 'the conferences, sessions and seminars of 2000-2004 (events.csv)',
    apply: async (ctx, trx) => {
      const events = referenceEvents();
      const { recorded, alreadyPresent, skipped } = await importReferenceEvents(ctx, trx, events);
      return [
        {
          file: EVENTS_FILE,
          candidates: events.length,
          recorded,
          alreadyPresent,
          // Line numbers of the file (its header is line 1); an event names no single instrument or State.
          skipped: skipped.map((s) => ({
            line: s.index + 2,
            instrumentId: events[s.index]!.instruments.join(';') || '-',
            participantId: events[s.index]!.hosts.join(';') || '-',
            kind: 'event',
            reason: s.reason,
          })),
        },
      ];
    },
  },
  {
    // Statements of record joined the registry in December 2026: the cited, partial set of declarations,
    // reservations, objections, notifications and territorial applications (statements-partial.csv), then
    // who is known to have made statements whose text is not recorded here (statements-index.csv).
    id: '2026-12-07-statements',
    title:
      'declarations, reservations, objections, notifications and territorial applications of record (statements-partial.csv, statements-index.csv; partial)',
    apply: async (ctx, trx) => [
      await importReferenceStatements(ctx, trx),
      await importStatementIndex(ctx, trx),
    ],
  },
  {
    // Depositary notifications joined the registry in December 2026: the actions stored before get theirs,
    // under the depositary's reference where the source gives it and none otherwise (src/reference/notifications.ts).
    id: '2026-12-07-notifications',
    title: 'depositary notifications of the actions recorded before Palermo issued them (no C.N. number invented)',
    apply: async (ctx, trx) => [await notifyHistory(ctx, trx)],
  },
];

// A new update is named in update-ids.ts too, or a prepared store would never be offered it.
if (REFERENCE_UPDATES.map((u) => u.id).join('\n') !== REFERENCE_UPDATE_IDS.join('\n')) {
  throw new Error('src/reference/update-ids.ts must list the ids of REFERENCE_UPDATES, in order');
}

export interface AppliedUpdate {
  id: string;
  title: string;
  files: ReferenceImportSummary[];
}

/**
 * Applies every update this database has not applied yet, in order, each in its own transaction, and
 * returns what each did. An empty database gets nothing here: its first load comes first (prepareReferenceData).
 */
export async function applyReferenceUpdates(
  ctx: ServiceContext,
  updates: readonly ReferenceUpdate[] = REFERENCE_UPDATES,
): Promise<AppliedUpdate[]> {
  const db = ctx.store.db;
  if ((await countParticipants(db)) === 0) return [];
  const applied = new Set((await listAppliedReferenceUpdates(db)).map((u) => u.id));
  const out: AppliedUpdate[] = [];
  for (const update of updates) {
    if (applied.has(update.id)) continue;
    const files = await db.transaction().execute(async (trx) => {
      const mine = await claimReferenceUpdate(trx, {
        id: update.id,
        title: update.title,
        appliedAt: ctx.clock.now(),
        appliedBy: ctx.actor,
      });
      if (!mine) return null; // another process applied it meanwhile
      const result = await update.apply(ctx, trx);
      await recordReferenceUpdateSummary(trx, update.id, JSON.stringify(result));
      await audit(ctx, trx, {
        action: 'reference.update',
        entity: 'reference-data',
        entityId: update.id,
        after: { id: update.id, title: update.title, files: result },
      });
      await bumpVersion(trx);
      return result;
    });
    if (files) out.push({ id: update.id, title: update.title, files });
  }
  if (out.length > 0) ctx.registry.invalidate();
  return out;
}

/** At every start: the first load into an empty database, then the updates it lacks. */
export async function prepareReferenceData(ctx: ServiceContext): Promise<AppliedUpdate[]> {
  await loadReferenceDataIfEmpty(ctx);
  return applyReferenceUpdates(ctx);
}

/** One line per applied update, for the command line: what was recorded, found, or left out and why. */
export function describeAppliedUpdates(updates: AppliedUpdate[]): string[] {
  const lines: string[] = [];
  for (const u of updates) {
    for (const f of u.files) {
      lines.push(
        `reference data update ${u.id} (${f.file}): ${f.recorded} recorded, ${f.alreadyPresent} already present, ${f.skipped.length} left out`,
      );
      for (const s of f.skipped)
        lines.push(`  line ${s.line}, ${s.instrumentId} ${s.participantId} ${s.kind}: ${s.reason}`);
    }
  }
  return lines;
}
