// Erasure of participants' personal data (issue 14, item 9): a configurable time after an event ended
// (default five years), names, titles, functions, e-mails and reasons are cleared and the notes verbales'
// bytes deleted (their SHA-256 and size stay); categories, statuses and so every figure stay. One audit row
// per event erased. Run by `palermo events erase-personal-data` and by the server once a day.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { addMonths } from '../../common/dates.ts';
import {
  appendLog,
  countByCategory,
  eraseEventPersonalData,
  eventsWithPersonalData,
  listDelegations,
} from '../delegations-repository.ts';
import { findEventForUpdate } from '../repository.ts';

export const DEFAULT_RETENTION_YEARS = 5;

export interface ErasureReport {
  /** Events that ended before this day are erased. */
  before: string;
  dryRun: boolean;
  events: Array<{ id: number; end: string; delegations: number; people: number }>;
}

/** The retention period from the environment (PALERMO_EVENT_DATA_RETENTION_YEARS), else five years. */
export function retentionYears(env: NodeJS.ProcessEnv): number {
  const raw = env.PALERMO_EVENT_DATA_RETENTION_YEARS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_YEARS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new Error(
      `PALERMO_EVENT_DATA_RETENTION_YEARS must be a whole number of years from 1 to 100, not ${raw}`,
    );
  }
  return n;
}

/** Erases the personal data of every event that ended more than `years` ago; with `dryRun`, only lists them. */
export async function erasePersonalData(
  ctx: ServiceContext,
  options: { years: number; dryRun: boolean },
): Promise<ErasureReport> {
  const before = addMonths(ctx.clock.today(), -12 * options.years);
  return ctx.store.db.transaction().execute(async (db) => {
    const report: ErasureReport = { before, dryRun: options.dryRun, events: [] };
    for (const event of await eventsWithPersonalData(db, before)) {
      if (!options.dryRun) {
        // Several server processes run the daily job: the event's row lock makes them take turns, and the
        // one that comes second finds nothing left to erase (read again under the lock), so the log and
        // the audit trail say each erasure once.
        await findEventForUpdate(db, ctx.store.dialect === 'postgres', event.id);
        if ((await listDelegations(db, event.id, null)).every((d) => d.erasedAt !== null)) continue;
      }
      const delegations = await listDelegations(db, event.id, null);
      const people = (await countByCategory(db, event.id)).reduce((a, r) => a + r.n, 0);
      report.events.push({ ...event, delegations: delegations.length, people });
      if (options.dryRun) continue;
      const at = ctx.clock.now();
      await eraseEventPersonalData(db, event.id, at);
      await appendLog(
        db,
        delegations.map((d) => ({
          eventId: event.id,
          delegationId: d.id,
          delegateId: null,
          change: 'personal_data_erased',
          from: null,
          to: null,
          reason: `${options.years} years after the event`,
          at,
          by: ctx.actor,
        })),
      );
      await audit(ctx, db, {
        action: 'event.personal_data_erased',
        entity: 'event',
        entityId: event.id,
        after: { ended: event.end, before, delegations: delegations.length, people, years: options.years },
      });
    }
    return report;
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The server's daily erasure: once at start, then every day. The timer is unref'd (it never keeps the
 * process alive) and a failure is logged, not thrown: the next day tries again.
 */
export function startErasureJob(
  ctx: ServiceContext,
  years: number,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const report = await erasePersonalData(ctx, { years, dryRun: false });
      if (report.events.length > 0)
        log.info({ erased: report.events }, 'erased personal data of past events');
    } catch (err) {
      log.error({ err }, 'the erasure of personal data of past events failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 0);
  const timer = setInterval(() => void run(), DAY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
