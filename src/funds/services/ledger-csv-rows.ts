// Reads the rows of a ledger import file (services/import-ledger.ts, format in docs/import-formats.md) into
// transactions: the header row, then each row checked on its own (columns, account, currency, decimals) and
// each transaction once its rows are all read (the same header on every row, two entries or more, balanced
// per currency). What needs the store (import keys, balances) is checked by the import.
import { createHash } from 'node:crypto';
import { isIsoDate } from '../../common/dates.ts';
import { cellProblem, Problems } from '../../common/csv-import.ts';
import { DomainError } from '../../common/errors.ts';
import {
  ledgerDateRefusal,
  parseAccount,
  TRANSACTION_KINDS,
  USD,
  type Entry,
  type TransactionKind,
} from '../domain/ledger.ts';
import { formatAmount, parseAmount, type Currency } from '../domain/money.ts';
import type { AllocationRow, TransactionHeader } from '../repository.ts';

export const LEDGER_COLUMNS = [
  'txn_ref',
  'kind',
  'booked_on',
  'donor_id',
  'earmark_id',
  'allocation_id',
  'account',
  'currency',
  'amount',
  'reference',
  'memo',
] as const;
type Column = (typeof LEDGER_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['txn_ref', 'kind', 'booked_on', 'account', 'currency', 'amount'];
/** Columns that describe the transaction: the same on each of its rows. */
const HEADER: readonly Column[] = [
  'kind',
  'booked_on',
  'donor_id',
  'earmark_id',
  'allocation_id',
  'reference',
  'memo',
];
/** A reversal names what it reverses, which a file cannot: reverse through the API. */
const IMPORT_KINDS: readonly TransactionKind[] = TRANSACTION_KINDS.filter((k) => k !== 'reversal');
const TXN_REF = /^[A-Za-z0-9_.:/-]{1,128}$/;
const ALLOCATION_ID = /^[1-9]\d{0,9}$/;
/** Reading stops after this many problems (the first 100 are listed). */
export const MAX_ISSUES = 1000;
/**
 * Entries of one transaction: its rows are held until its last one is read, so this bounds the import's
 * memory (a real transaction has two to a few dozen). A larger one is refused, and reading goes on.
 */
export const MAX_ENTRIES_PER_TRANSACTION = 1000;

/** What a transaction's rows all say about it. */
export type LedgerHeader = Omit<TransactionHeader, 'pledgeId' | 'reversesId' | 'recordedAt' | 'recordedBy'>;

interface Pending {
  ref: string;
  firstLine: number;
  lastLine: number;
  /** The header columns as written on the first row, to compare the other rows with. */
  raw: string[];
  header: LedgerHeader | null;
  entries: Entry[];
  bad: boolean;
  /** More entries than MAX_ENTRIES_PER_TRANSACTION (said once; the others are not kept). */
  tooLarge: boolean;
}

/** A transaction read and checked on its own, with a hash of what it says. */
export interface LedgerTransaction {
  ref: string;
  firstLine: number;
  header: LedgerHeader;
  entries: Entry[];
  hash: string;
}

/** What the rows may name: read from the store before the first row. */
export interface Known {
  donors: Set<string>;
  earmarks: Set<string>;
  allocations: Map<number, AllocationRow>;
  currencies: Map<string, Currency>;
  today: string;
}

export class LedgerRows {
  readonly problems = new Problems();
  /** The column names of the header row, for the problems of a cell. */
  private names: string[] = [];
  rows = 0;
  transactions = 0;
  private index: Partial<Record<Column, number>> = {};
  /** Where each of HEADER is in a row (−1: not in the file). */
  private headerIndex: number[] = [];
  private current: Pending | null = null;
  /** First line of each transaction read since the import last wrote, by txn_ref (what it wrote, it finds itself). */
  private recentRefs = new Map<string, number>();
  /** What is wrong with each account name seen (null: nothing); a ledger names few accounts, many times. */
  private readonly accounts = new Map<string, string | null>();

  constructor(
    private readonly known: Known,
    private readonly done: (t: LedgerTransaction) => Promise<void>,
  ) {}

  get full(): boolean {
    return this.problems.count >= MAX_ISSUES;
  }

  issue(line: number, column: string, message: string): void {
    if (this.problems.count < MAX_ISSUES) this.problems.add(`line ${line}: ${column}`, message);
  }

  /** The header row: every required column, no unknown one, none twice. */
  columns(names: string[], line: number): boolean {
    const seen = new Set<string>();
    this.names = names;
    this.cells(names, line);
    for (const [i, name] of names.entries()) {
      if (!(LEDGER_COLUMNS as readonly string[]).includes(name)) {
        this.issue(
          line,
          name || `column ${i + 1}`,
          `unknown column; the columns are ${LEDGER_COLUMNS.join(',')}`,
        );
      } else if (seen.has(name)) this.issue(line, name, 'this column is named twice');
      else this.index[name as Column] = i;
      seen.add(name);
    }
    for (const name of REQUIRED) if (!seen.has(name)) this.issue(line, name, 'this column is required');
    this.headerIndex = HEADER.map((c) => this.index[c] ?? -1);
    return this.problems.count === 0;
  }

  private field(record: readonly string[], name: Column): string {
    const i = this.index[name];
    return i === undefined ? '' : (record[i] ?? '');
  }

  /** A row that cannot be read as an entry: it spoils the transaction it is in. */
  refuse(line: number, message: string): void {
    this.rows++;
    this.issue(line, 'row', message);
    if (this.current) this.current.bad = true;
  }

  /** The text rules of the JSON API on every cell (src/common/text.ts); the common case costs one test. */
  private cells(record: readonly string[], line: number): void {
    if (cellProblem(record.join('')) === null) return;
    for (const [i, value] of record.entries()) {
      const problem = cellProblem(value);
      if (problem) this.issue(line, this.names[i] || `column ${i + 1}`, problem);
    }
  }

  async row(record: readonly string[], line: number): Promise<void> {
    this.rows++;
    this.cells(record, line);
    const ref = this.field(record, 'txn_ref');
    if (!TXN_REF.test(ref)) {
      this.issue(line, 'txn_ref', `"${ref}" is not a transaction reference (1-128 letters, digits, "_.:/-")`);
      if (this.current) this.current.bad = true;
      return;
    }
    if (this.current?.ref !== ref) {
      if (this.current) await this.finish(this.current);
      const earlier = this.recentRefs.get(ref);
      if (earlier !== undefined) {
        this.issue(
          line,
          'txn_ref',
          `the rows of transaction ${ref} must be together (it starts at line ${earlier})`,
        );
      }
      if (earlier === undefined) this.recentRefs.set(ref, line);
      const raw = HEADER.map((c) => this.field(record, c));
      this.current = {
        ref,
        firstLine: line,
        lastLine: line,
        raw,
        header: null,
        entries: [],
        bad: earlier !== undefined,
        tooLarge: false,
      };
      this.current.header = this.header(record, line);
      if (!this.current.header) this.current.bad = true;
    } else {
      this.current.lastLine = line;
      for (let i = 0; i < HEADER.length; i++) {
        const at = this.headerIndex[i] as number;
        if ((at < 0 ? '' : record[at]) !== this.current.raw[i]) {
          const column = HEADER[i] as Column;
          this.issue(
            line,
            column,
            `differs from line ${this.current.firstLine}, the first row of transaction ${ref}`,
          );
          this.current.bad = true;
        }
      }
    }
    const entry = this.entry(record, line);
    if (!entry) this.current.bad = true;
    else if (this.current.entries.length < MAX_ENTRIES_PER_TRANSACTION) this.current.entries.push(entry);
    else if (!this.current.tooLarge) {
      this.current.tooLarge = this.current.bad = true;
      const max = MAX_ENTRIES_PER_TRANSACTION;
      this.issue(
        line,
        'txn_ref',
        `transaction ${ref} has more than ${max} entries; at most ${max} per transaction`,
      );
    }
  }

  private header(record: readonly string[], line: number): LedgerHeader | null {
    const before = this.problems.count;
    const kind = this.field(record, 'kind') as TransactionKind;
    if (!IMPORT_KINDS.includes(kind)) {
      this.issue(line, 'kind', `"${kind}" is not one of ${IMPORT_KINDS.join(', ')}`);
    }
    const bookedOn = this.field(record, 'booked_on');
    if (!isIsoDate(bookedOn)) this.issue(line, 'booked_on', `"${bookedOn}" is not a date written YYYY-MM-DD`);
    else if (bookedOn > this.known.today) {
      this.issue(line, 'booked_on', `a transaction cannot be booked after today (${this.known.today})`);
    } else {
      const refusal = ledgerDateRefusal(bookedOn, this.known.today);
      if (refusal) this.issue(line, 'booked_on', refusal);
    }
    const donorId = this.field(record, 'donor_id') || null;
    if (donorId !== null && !this.known.donors.has(donorId)) {
      this.issue(line, 'donor_id', `donor "${donorId}" does not exist`);
    }
    const earmarkId = this.field(record, 'earmark_id') || null;
    if (earmarkId !== null && !this.known.earmarks.has(earmarkId)) {
      this.issue(line, 'earmark_id', `earmark "${earmarkId}" does not exist`);
    }
    const allocationText = this.field(record, 'allocation_id');
    const allocationId = allocationText === '' ? null : Number(allocationText);
    if (
      allocationId !== null &&
      (!ALLOCATION_ID.test(allocationText) || !this.known.allocations.has(allocationId))
    ) {
      this.issue(line, 'allocation_id', `allocation "${allocationText}" does not exist`);
    }
    const reference = this.field(record, 'reference') || null;
    if (reference !== null && reference.length > 200) this.issue(line, 'reference', 'at most 200 characters');
    const memo = this.field(record, 'memo') || null;
    if (memo !== null && memo.length > 2000) this.issue(line, 'memo', 'at most 2,000 characters');
    if (this.problems.count > before) return null;
    return { kind, bookedOn, donorId, earmarkId, allocationId, reference, memo };
  }

  /** Why this account name is not one the ledger keeps, or null when it is. */
  private accountProblem(name: string): string | null {
    const parsed = parseAccount(name);
    const { donors, earmarks, allocations } = this.known;
    if (parsed?.kind === 'fx' || parsed?.kind === 'interest') return null;
    if (parsed?.kind === 'donor') {
      return donors.has(parsed.donorId) ? null : `donor "${parsed.donorId}" does not exist`;
    }
    if (parsed?.kind === 'available') {
      if (!earmarks.has(parsed.earmarkId)) return `earmark "${parsed.earmarkId}" does not exist`;
      return donors.has(parsed.donorId) ? null : `donor "${parsed.donorId}" does not exist`;
    }
    if (parsed) {
      const a = parsed.allocationId;
      return ALLOCATION_ID.test(a) && allocations.has(Number(a)) ? null : `allocation "${a}" does not exist`;
    }
    return `"${name}" is not a ledger account (donor/D, income/interest, fx, available/E/D, allocated/A, spent/A, psc/A)`;
  }

  private entry(record: readonly string[], line: number): Entry | null {
    const account = this.field(record, 'account');
    let problem = this.accounts.get(account);
    if (problem === undefined) this.accounts.set(account, (problem = this.accountProblem(account)));
    if (problem) {
      this.issue(line, 'account', problem);
      return null;
    }
    const code = this.field(record, 'currency');
    const currency = this.known.currencies.get(code);
    if (!currency) {
      this.issue(line, 'currency', `"${code}" is not an ISO 4217 currency code Palermo knows`);
      return null;
    }
    if (code !== USD && account !== 'fx' && !account.startsWith('donor/')) {
      this.issue(line, 'currency', `the Fund's books are in USD: only donor/… and fx accounts hold ${code}`);
      return null;
    }
    try {
      const amount = parseAmount(this.field(record, 'amount'), currency.minorUnits);
      if (amount === 0n) throw new DomainError('validation', 'an entry moves more than zero');
      return { account, currency: code, amount };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.issue(line, 'amount', err.message);
      return null;
    }
  }

  private async finish(t: Pending): Promise<void> {
    this.transactions++;
    if (t.bad || !t.header) return;
    const lines = t.firstLine === t.lastLine ? `line ${t.firstLine}` : `lines ${t.firstLine}-${t.lastLine}`;
    if (t.entries.length < 2) {
      this.issue(
        t.firstLine,
        'txn_ref',
        `transaction ${t.ref} has one entry; it needs two or more that balance`,
      );
      return;
    }
    const sums = new Map<string, bigint>();
    for (const e of t.entries) sums.set(e.currency, (sums.get(e.currency) ?? 0n) + e.amount);
    for (const [code, sum] of sums) {
      if (sum === 0n) continue;
      const currency = this.known.currencies.get(code) as Currency;
      this.issue(
        t.firstLine,
        'amount',
        `transaction ${t.ref} (${lines}) does not balance: its ${code} entries sum to ${formatAmount(sum, currency.minorUnits)}`,
      );
      return;
    }
    const h = t.header;
    // Unambiguous: free text is JSON-quoted; accounts, currencies and amounts were checked to hold no ";" or ",".
    // Kept with the transaction for good: a change here would refuse files imported before.
    let content = JSON.stringify([
      h.kind,
      h.bookedOn,
      h.donorId,
      h.earmarkId,
      h.allocationId,
      h.reference,
      h.memo,
    ]);
    for (const e of t.entries) content += `;${e.account},${e.currency},${e.amount}`;
    const hash = createHash('sha256').update(content).digest('hex');
    await this.done({ ref: t.ref, firstLine: t.firstLine, header: h, entries: t.entries, hash });
  }

  /** The last transaction is complete at the end of the file. */
  async end(): Promise<void> {
    if (this.current) await this.finish(this.current);
    this.current = null;
  }

  /** The import wrote what it had: transactions read from now on are checked against the store. */
  forgetRefs(): void {
    this.recentRefs.clear();
  }
}
