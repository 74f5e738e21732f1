// The participant list of an event for the Secretariat, as CSV and XLSX: one row per person, the same
// columns in both. Every text cell goes through `neutralise` (src/common/csv.ts), in the XLSX as well: a
// name such as "=HYPERLINK(…)" typed by a focal point must never become a formula in a spreadsheet, even
// after the file is saved again as CSV.
import { neutralise, toCsv } from '../../common/csv.ts';

export type DelegationPosition = 'head' | 'member';
export type ParticipantCategory = 'delegate' | 'adviser' | 'expert' | 'observer' | 'press';

export interface ParticipantListRow {
  /** The State the delegation represents, by name. */
  state: string;
  /** Where the delegation's registration stands (submitted, approved, changes requested, …). */
  delegationStatus: string;
  position: DelegationPosition;
  category: ParticipantCategory;
  title: string | null;
  givenName: string;
  familyName: string;
  function: string | null;
  /** Where this person's registration stands (approved, refused, waiting list, …). */
  status: string;
  /** Travel and daily subsistence paid by the Fund. */
  funded: boolean;
}

export const PARTICIPANT_LIST_HEADER = [
  'State',
  'Delegation status',
  'Position',
  'Category',
  'Title',
  'Given name',
  'Family name',
  'Function',
  'Status',
  'Funded',
] as const;

/** The cells of a row, in header order, before neutralising. */
function cells(row: ParticipantListRow): string[] {
  return [
    row.state,
    row.delegationStatus,
    row.position === 'head' ? 'head of delegation' : 'member',
    row.category,
    row.title ?? '',
    row.givenName,
    row.familyName,
    row.function ?? '',
    row.status,
    row.funded ? 'yes' : 'no',
  ];
}

/** Rows sorted by State, head of delegation first, then family and given name: the order of a list of participants. */
function ordered(rows: readonly ParticipantListRow[]): ParticipantListRow[] {
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  return [...rows].sort(
    (a, b) =>
      collator.compare(a.state, b.state) ||
      (a.position === b.position ? 0 : a.position === 'head' ? -1 : 1) ||
      collator.compare(a.familyName, b.familyName) ||
      collator.compare(a.givenName, b.givenName),
  );
}

/** CSV (RFC 4180, CRLF rows, UTF-8) of the participants. */
export function participantsCsv(rows: readonly ParticipantListRow[]): string {
  return toCsv(PARTICIPANT_LIST_HEADER, ordered(rows).map(cells));
}

/** XLSX of the participants: one sheet named after the event, the header row frozen and bold, text cells only. */
export async function participantsXlsx(
  rows: readonly ParticipantListRow[],
  options: { eventTitle: string },
): Promise<Buffer> {
  // Loaded at the first spreadsheet, not at start-up: the library is the heaviest Palermo uses.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Palermo';
  workbook.title = options.eventTitle;
  const sheet = workbook.addWorksheet(sheetName(options.eventTitle), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow([...PARTICIPANT_LIST_HEADER]);
  sheet.getRow(1).font = { bold: true };
  for (const row of ordered(rows)) sheet.addRow(cells(row).map(neutralise));
  sheet.columns.forEach((column, i) => {
    column.width = [24, 18, 18, 12, 10, 20, 20, 30, 16, 8][i] ?? 16;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PARTICIPANT_LIST_HEADER.length } };
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A sheet name Excel accepts: at most 31 characters, none of \ / ? * [ ] :, not starting or ending with '. */
export function sheetName(title: string): string {
  const name = title
    .replace(/[\\/?*[\]:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Excel counts UTF-16 units; a cut never leaves half of a surrogate pair.
  const cut = name
    .slice(0, 31)
    .replace(/[\uD800-\uDBFF]$/, '')
    .replace(/^[\s']+|[\s']+$/g, '');
  return cut === '' || cut.toLowerCase() === 'history' ? 'Participants' : cut;
}
