// Imports ledger transactions from CSV (`palermo fund import-ledger`; format in docs/import-formats.md): one
// row per entry, the rows of a transaction together, each transaction named by its `txn_ref`.
//
// All or nothing: the file is read once, as a stream (memory stays flat whatever its size), inside one
// database transaction; every row is checked by the rules `post()` applies to a single transaction (entries
// balance per currency, decimals of the currency, known accounts, Fund accounts never below zero — in file
// order, starting from the balances already held), and if any row is refused the transaction is rolled back
// and every problem reported with its line. Transactions are written in batches of multi-row inserts; the
// balances are kept in memory per account and written once at the end; one audit row records the import.
// Idempotent: each transaction keeps its `txn_ref` as its import key with a hash of its content, so importing
// a file again records only what is new, and a `txn_ref` already used for something else is refused.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import { applyEntries, balanceKey, mustStayNonNegative } from '../domain/ledger.ts';
import type { Currency } from '../domain/money.ts';
import {
  findImportKeys,
  insertImportedBatch,
  lastMovements,
  lockBalancesForImport,
  transactionIds,
  withImportCache,
  writeImportedBalances,
  type ImportedEntryRow,
  type ImportedTransactionRow,
} from '../ledger-import-repository.ts';
import { cachedBalances, listAllocations, listDonors, listEarmarks, type Db } from '../repository.ts';
import {
  LEDGER_COLUMNS,
  LedgerRows,
  MAX_ISSUES,
  type Known,
  type LedgerTransaction,
} from './ledger-csv-rows.ts';
import { currencies, describeAccount, formatMoney, tagsOf } from './post.ts';

/** Transactions checked against the store and written per batch. */
const BATCH = 1000;

export interface LedgerImportResult {
  /** Data rows (entries) in the file. */
  rows: number;
  transactions: number;
  recorded: number;
  alreadyPresent: number;
  /** Entries written. */
  entries: number;
  /** SHA-256 of the file, kept in the audit row. */
  sha256: string;
  firstTransactionId: number | null;
  lastTransactionId: number | null;
}

/** Batches of checked transactions, checked against the store (keys, balances) and written. */
class LedgerImport {
  readonly rows: LedgerRows;
  recorded = 0;
  alreadyPresent = 0;
  entries = 0;
  firstId: number | null = null;
  lastId: number | null = null;
  private batch: LedgerTransaction[] = [];
  private readonly changed = new Set<string>();
  /** The last day each Fund account moved, in the store or earlier in the file (see inDateOrder). */
  private readonly lastDay = new Map<string, string>();
  private readonly lastDayRead = new Set<string>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly db: Db,
    private readonly known: Known,
    private readonly balances: Map<string, bigint>,
    private readonly nextIds: (n: number) => Promise<number[]>,
  ) {
    this.rows = new LedgerRows(known, async (t) => {
      this.batch.push(t);
      if (this.batch.length >= BATCH) await this.flush();
    });
  }

  /** Checks a batch against the store (keys already imported, balances) and writes it if all is well so far. */
  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.rows.forgetRefs();
    if (batch.length === 0) return;
    const existing = await findImportKeys(
      this.db,
      batch.map((t) => t.ref),
    );
    await this.readLastDays(batch);
    const fresh: LedgerTransaction[] = [];
    for (const t of batch) {
      const before = existing.get(t.ref);
      if (before) {
        if (this.firstId !== null && before.id >= this.firstId) {
          this.rows.issue(t.firstLine, 'txn_ref', `transaction ${t.ref} appears twice in the file`);
        } else if (before.hash !== t.hash) {
          this.rows.issue(
            t.firstLine,
            'txn_ref',
            `transaction ${t.ref} was imported before (transaction ${before.id}) with other content; a txn_ref names one transaction for good`,
          );
        } else this.alreadyPresent++;
        continue;
      }
      if (this.apply(t)) fresh.push(t);
    }
    if (this.rows.problems.count > 0 || fresh.length === 0) return;
    await this.write(fresh);
  }

  /** Reads from the store the last day each Fund account of the batch moved, once per account. */
  private async readLastDays(batch: readonly LedgerTransaction[]): Promise<void> {
    const unread = new Set<string>();
    for (const t of batch)
      for (const e of t.entries)
        if (mustStayNonNegative(e.account) && !this.lastDayRead.has(e.account)) unread.add(e.account);
    for (const [account, last] of await lastMovements(this.db, [...unread])) {
      if (last > (this.lastDay.get(account) ?? '')) this.lastDay.set(account, last);
    }
    for (const account of unread) this.lastDayRead.add(account);
  }

  /**
   * Money taken out of a Fund account must be there on its day and on every later day. Checking that against
   * the later days of a file of a million entries would be quadratic, so the file lists each Fund account's
   * movements in date order: money is taken out only on or after the account's last movement (money put in
   * may be dated earlier: it can leave no past balance negative). Then the running balance in file order,
   * which applyEntries keeps at or above zero, is the balance as at each day (or below it), in one pass.
   */
  private inDateOrder(t: LedgerTransaction): boolean {
    const net = new Map<string, bigint>();
    for (const e of t.entries) net.set(e.account, (net.get(e.account) ?? 0n) + e.amount);
    const day = t.header.bookedOn;
    for (const [account, amount] of net) {
      const last = this.lastDay.get(account);
      if (amount < 0n && mustStayNonNegative(account) && last !== undefined && last > day) {
        this.rows.issue(
          t.firstLine,
          'booked_on',
          `transaction ${t.ref} takes money out of ${describeAccount(account)} on ${day}, before its movement of ${last}: list the movements of each Fund account in date order`,
        );
        return false;
      }
    }
    for (const account of net.keys()) {
      if (mustStayNonNegative(account) && day > (this.lastDay.get(account) ?? ''))
        this.lastDay.set(account, day);
    }
    return true;
  }

  /** Applies a transaction to the balances held in memory, unless it takes a Fund account below zero. */
  private apply(t: LedgerTransaction): boolean {
    if (!this.inDateOrder(t)) return false;
    try {
      const changes = applyEntries(t.entries, this.balances, describeAccount, (minor, code) =>
        formatMoney(minor, this.known.currencies.get(code) as Currency),
      );
      for (const c of changes) {
        const key = balanceKey(c.account, c.currency);
        this.balances.set(key, c.after);
        this.changed.add(key);
      }
      return true;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.rows.issue(t.firstLine, 'amount', `transaction ${t.ref}: ${err.message}`);
      return false;
    }
  }

  private async write(fresh: readonly LedgerTransaction[]): Promise<void> {
    const ids = await this.nextIds(fresh.length);
    const now = this.ctx.clock.now();
    const transactions: ImportedTransactionRow[] = [];
    const entries: ImportedEntryRow[] = [];
    for (const [i, t] of fresh.entries()) {
      const id = ids[i] as number;
      transactions.push({
        id,
        ...t.header,
        recordedAt: now,
        recordedBy: this.ctx.actor,
        importKey: t.ref,
        importHash: t.hash,
      });
      for (const e of t.entries) {
        const tags = tagsOf(e, t.header.kind, false, t.header.donorId, this.known.allocations);
        entries.push({
          transactionId: id,
          account: e.account,
          currency: e.currency,
          amount: e.amount,
          bookedOn: t.header.bookedOn,
          kind: tags.kind,
          donorId: tags.donorId,
          earmarkId: tags.earmarkId,
          allocationId: tags.allocationId,
        });
      }
      this.firstId ??= id;
      this.lastId = id;
    }
    await insertImportedBatch(this.ctx.store, this.db, transactions, entries);
    this.recorded += fresh.length;
    this.entries += entries.length;
  }

  async end(): Promise<void> {
    await this.rows.end();
    await this.flush();
  }

  changedBalances(): Array<{ account: string; currency: string; balance: bigint }> {
    return [...this.changed].map((key) => {
      const [account, currency] = key.split('\u0000') as [string, string];
      return { account, currency, balance: this.balances.get(key) ?? 0n };
    });
  }
}

async function known(ctx: ServiceContext, db: Db): Promise<Known> {
  const [donors, earmarks, allocations, table] = await Promise.all([
    listDonors(db),
    listEarmarks(db),
    listAllocations(db),
    currencies(ctx, db),
  ]);
  return {
    donors: new Set(donors.map((d) => d.id)),
    earmarks: new Set(earmarks.map((e) => e.id)),
    allocations: new Map(allocations.map((a) => [a.id, a])),
    currencies: table,
    today: ctx.clock.today(),
  };
}

/** Reads the CSV (a stream, or the whole text) and records its transactions; see the top of this file. */
export async function importLedgerCsv(
  ctx: ServiceContext,
  input: Readable | string,
  options: { name?: string } = {},
): Promise<LedgerImportResult> {
  const source = typeof input === 'string' ? Readable.from([input]) : input;
  const sha = createHash('sha256');
  // Decoded here only to refuse bytes that are not UTF-8 (csv-parse would put U+FFFD in their place).
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const notUtf8 = () => new DomainError('validation', 'the file is not valid UTF-8', { field: 'file' });
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha.update(chunk);
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        return done(notUtf8());
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        utf8.decode();
      } catch {
        return done(notUtf8());
      }
      done();
    },
  });
  // Values are taken as written: no trimming (a stray space is reported, not guessed away).
  const parser = parse({ bom: true, relax_column_count: true }) as Transform & AsyncIterable<string[]>;
  source.on('error', (err) => parser.destroy(err));
  hashing.on('error', (err) => parser.destroy(err));
  // Errors reach the loop that reads the rows; one raised after it stopped reading must not go unhandled.
  parser.on('error', () => undefined);
  source.pipe(hashing).pipe(parser);
  try {
    return await withImportCache(ctx.store, () =>
      ctx.store.db.transaction().execute(async (db) => {
        await lockBalancesForImport(ctx.store, db);
        const balances = new Map(
          (await cachedBalances(db)).map((b) => [balanceKey(b.account, b.currency), b.balance]),
        );
        const run = new LedgerImport(
          ctx,
          db,
          await known(ctx, db),
          balances,
          await transactionIds(ctx.store, db),
        );
        await readRows(run, parser);
        const { rows } = run;
        const { problems } = rows;
        if (rows.rows === 0 && problems.count === 0) {
          problems.add('file', `no rows: the header is ${LEDGER_COLUMNS.join(',')}`);
        }
        if (problems.count > 0) {
          const more = rows.full ? ` (reading stopped after ${MAX_ISSUES})` : '';
          throw problems.refusal(`${problems.count} problem(s) in the ledger file${more}`);
        }
        await writeImportedBalances(ctx.store, db, run.changedBalances());
        const result: LedgerImportResult = {
          rows: rows.rows,
          transactions: rows.transactions,
          recorded: run.recorded,
          alreadyPresent: run.alreadyPresent,
          entries: run.entries,
          sha256: sha.digest('hex'),
          firstTransactionId: run.firstId,
          lastTransactionId: run.lastId,
        };
        if (run.recorded > 0) {
          await audit(ctx, db, {
            action: 'ledger.import',
            entity: 'ledger_import',
            entityId: result.sha256,
            after: { file: options.name ?? null, ...result },
          });
        }
        return result;
      }),
    );
  } finally {
    source.destroy();
  }
}

/** Imports a file (`-`: standard input), read as a stream. */
export async function importLedgerFile(ctx: ServiceContext, file: string): Promise<LedgerImportResult> {
  if (file === '-') return importLedgerCsv(ctx, process.stdin, { name: 'standard input' });
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch (err) {
    throw new DomainError('validation', `cannot read ${file}: ${(err as Error).message}`, { field: 'file' });
  }
  return importLedgerCsv(ctx, createReadStream(file), { name: file });
}

/**
 * Feeds the rows to the import with the line each starts on. Lines are counted here (one per record, plus
 * the line breaks inside quoted fields): csv-parse's per-record `info` costs a third of its time.
 */
async function readRows(run: LedgerImport, parser: AsyncIterable<string[]>): Promise<void> {
  const { rows } = run;
  let line = 1;
  let width = 0;
  try {
    for await (const record of parser) {
      const at = line;
      line += 1;
      for (const field of record) if (field.includes('\n')) line += field.split('\n').length - 1;
      if (record.length === 1 && record[0] === '') continue;
      if (width === 0) {
        width = record.length;
        if (!rows.columns(record, at)) return;
      } else if (record.length !== width) {
        rows.refuse(at, `this row has ${record.length} fields, the header ${width}`);
      } else await rows.row(record, at);
      if (rows.full) return;
    }
    await run.end();
  } catch (err) {
    const lines = (err as { lines?: number }).lines;
    if (err instanceof DomainError || lines === undefined) throw err;
    // Not CSV any more (a quote left open): nothing after it can be read.
    rows.problems.add(`line ${lines}`, `not CSV: ${(err as Error).message}`);
  }
}
