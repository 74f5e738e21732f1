// The audit trail: one append-only row per change (and per sensitive read), each chained to the one before
// by a SHA-256 hash, so that an edited, deleted or reordered row breaks the chain at that row. The store
// refuses UPDATE and DELETE on the table (triggers, migration 002); the chain catches what goes around it.
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/schema.ts';

export interface AuditEntry {
  actor: string;
  role: string | null;
  state: string | null;
  requestId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditRow extends Omit<AuditEntry, 'before' | 'after'> {
  seq: number;
  at: string;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** Serialises a value with object keys in sorted order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

export function rowHash(prevHash: string, r: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const content = canonicalJson([
    r.seq,
    r.at,
    r.actor,
    r.role,
    r.state,
    r.requestId,
    r.action,
    r.entity,
    r.entityId,
    r.beforeJson,
    r.afterJson,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * Where the trail stands: its last row's sequence number and hash ("0" when empty). Every change to the
 * records appends a row in the change's own transaction, appended one at a time (the chain's lock), so two
 * equal heads read at two moments mean no change was committed between them.
 */
export async function auditHead(db: Db): Promise<string> {
  const row = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? `${row.seq}:${row.hash}` : '0';
}

/**
 * Appends one row inside the caller's transaction. On PostgreSQL an advisory lock serialises appenders so
 * the chain never forks; SQLite has one writer at a time already. The lock is the schema's own (its name
 * hashed into the key's second half): each Palermo store has its own chain, and stores in other schemas of
 * the same database need not wait for this one.
 */
export async function appendAudit(db: Db, entry: AuditEntry, at: string): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) await sql`select pg_advisory_xact_lock(564120, hashtext(current_schema()))`.execute(db);
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const beforeJson = entry.before === undefined || entry.before === null ? null : canonicalJson(entry.before);
  const afterJson = entry.after === undefined || entry.after === null ? null : canonicalJson(entry.after);
  const row = {
    seq,
    at,
    actor: entry.actor,
    role: entry.role,
    state: entry.state,
    requestId: entry.requestId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    beforeJson,
    afterJson,
  };
  await db
    .insertInto('audit_log')
    .values({
      seq,
      at,
      actor: row.actor,
      role: row.role,
      state: row.state,
      request_id: row.requestId,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      before_json: beforeJson,
      after_json: afterJson,
      prev_hash: prevHash,
      hash: rowHash(prevHash, row),
    })
    .execute();
  // The head of the chain is kept apart, so that removing the newest rows is caught too.
  const head = `${seq}:${rowHash(prevHash, row)}`;
  const updated = await db
    .updateTable('registry_meta')
    .set({ value: head })
    .where('key', '=', 'audit_head')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db.insertInto('registry_meta').values({ key: 'audit_head', value: head }).execute();
}

/** Writes the audit row of a change made by a use case, with who did it and in which request. */
export function audit(
  ctx: ServiceContext,
  db: Db,
  change: {
    action: string;
    entity: string;
    entityId: string | number | null;
    before?: unknown;
    after?: unknown;
    state?: string | null;
  },
): Promise<void> {
  return appendAudit(
    db,
    {
      actor: ctx.actor,
      role: ctx.principal?.role ?? null,
      state: change.state ?? ctx.principal?.states[0] ?? null,
      requestId: ctx.requestId ?? null,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId === null ? null : String(change.entityId),
      before: change.before ?? null,
      after: change.after ?? null,
    },
    ctx.clock.now(),
  );
}

/** The audit trail as stored, in order, from after a sequence number. */
export async function listAuditRows(
  db: Db,
  after: number,
  limit: number,
): Promise<Array<Record<string, unknown>>> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** The first row where the chain breaks, and why. */
  broken: { seq: number; reason: string } | null;
}

/** Walks the whole chain in order; reports the first row that was edited, removed or moved. */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  const pageSize = 5_000;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      if (r.seq !== expectedSeq) {
        return {
          ok: false,
          rows,
          broken: { seq: expectedSeq, reason: `row ${expectedSeq} is missing (next is ${r.seq})` },
        };
      }
      if (r.prev_hash !== prevHash) {
        return {
          ok: false,
          rows,
          broken: { seq: r.seq, reason: 'does not follow the row before it (removed or reordered)' },
        };
      }
      const expected = rowHash(prevHash, {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        role: r.role,
        state: r.state,
        requestId: r.request_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        beforeJson: r.before_json,
        afterJson: r.after_json,
      });
      if (expected !== r.hash)
        return { ok: false, rows, broken: { seq: r.seq, reason: 'its content was changed' } };
      prevHash = r.hash;
      expectedSeq++;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  const head = await db
    .selectFrom('registry_meta')
    .select('value')
    .where('key', '=', 'audit_head')
    .executeTakeFirst();
  if (head) {
    const [headSeq, headHash] = head.value.split(':');
    if (Number(headSeq) !== expectedSeq - 1 || headHash !== prevHash) {
      return {
        ok: false,
        rows,
        broken: { seq: expectedSeq, reason: `the chain ends early: the newest row was ${headSeq}` },
      };
    }
  }
  return { ok: true, rows, broken: null };
}
