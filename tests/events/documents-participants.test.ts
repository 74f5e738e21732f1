// Participant lists: the CSV parsed back, the XLSX opened as a zip (its parts as Excel expects them) and
// read back by exceljs; no cell of either may start a formula.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  PARTICIPANT_LIST_HEADER,
  participantsCsv,
  participantsXlsx,
  sheetName,
  type ParticipantListRow,
} from '../../src/events/documents/participants-list.ts';

const rows: ParticipantListRow[] = [
  {
    state: 'Senegal',
    delegationStatus: 'approved',
    position: 'member',
    category: 'expert',
    title: 'Ms.',
    givenName: 'Aminata',
    familyName: 'Diallo',
    function: 'Magistrate, Ministry of Justice',
    status: 'approved',
    funded: true,
  },
  {
    state: "Côte d'Ivoire",
    delegationStatus: 'changes_requested',
    position: 'head',
    category: 'delegate',
    title: 'H.E. Mr.',
    givenName: 'Koffi',
    familyName: '=HYPERLINK("http://evil.example","click")',
    function: '+1 Minister; "Justice"\n@SUM(A1)',
    status: 'waiting_list',
    funded: false,
  },
  {
    state: 'Senegal',
    delegationStatus: 'approved',
    position: 'head',
    category: 'delegate',
    title: null,
    givenName: '-Moussa',
    familyName: 'Ndiaye',
    function: null,
    status: 'approved',
    funded: false,
  },
];

/** Head of delegation first within each State, States in alphabetical order. */
const EXPECTED = [
  [
    "Côte d'Ivoire",
    'changes_requested',
    'head of delegation',
    'delegate',
    'H.E. Mr.',
    'Koffi',
    `'=HYPERLINK("http://evil.example","click")`,
    `'+1 Minister; "Justice"\n'@SUM(A1)`,
    'waiting_list',
    'no',
  ],
  ['Senegal', 'approved', 'head of delegation', 'delegate', '', "'-Moussa", 'Ndiaye', '', 'approved', 'no'],
  [
    'Senegal',
    'approved',
    'member',
    'expert',
    'Ms.',
    'Aminata',
    'Diallo',
    'Magistrate, Ministry of Justice',
    'approved',
    'yes',
  ],
];

const FORMULA_START = /^[=+\-@\t\r]/;

describe('participant list', () => {
  it('CSV: header, rows in order, formula cells neutralised', () => {
    const text = participantsCsv(rows);
    expect(text.startsWith('State,Delegation status,Position,Category,Title,Given name,')).toBe(true);
    const records = parse(text, { bom: true }) as string[][];
    expect(records[0]).toEqual([...PARTICIPANT_LIST_HEADER]);
    expect(records.slice(1)).toEqual(EXPECTED);
    for (const cell of records.flat())
      for (const line of cell.split('\n')) expect(line, cell).not.toMatch(FORMULA_START);
  });

  it('CSV of no participant is the header alone', () => {
    expect(participantsCsv([])).toBe(`${PARTICIPANT_LIST_HEADER.join(',')}\r\n`);
  });

  it('XLSX: the zip holds the parts Excel needs, without formulas', async () => {
    const buffer = await participantsXlsx(rows, { eventTitle: 'Seminar: West Africa [2003]' });
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(buffer);
    for (const part of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/styles.xml',
    ])
      expect(zip.file(part), part).not.toBeNull();
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toContain('name="Seminar West Africa 2003"');
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toContain('<pane ySplit="1"');
  });

  it('XLSX: read back by exceljs, every cell a string equal to the CSV cell', async () => {
    const buffer = await participantsXlsx(rows, { eventTitle: 'Seminar' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Seminar')!;
    expect(sheet.rowCount).toBe(4);
    const values: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const line: string[] = [];
      for (let c = 1; c <= PARTICIPANT_LIST_HEADER.length; c++) {
        const cell = row.getCell(c);
        expect(cell.formula, cell.address).toBeFalsy();
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Null]).toContain(cell.type);
        line.push(cell.value === null ? '' : String(cell.value));
      }
      values.push(line);
    });
    expect(values[0]).toEqual([...PARTICIPANT_LIST_HEADER]);
    expect(values.slice(1)).toEqual(EXPECTED);
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it('names the sheet as Excel allows', () => {
    expect(sheetName('a/b\\c?d*e[f]g:h')).toBe('a b c d e f g h');
    expect(sheetName("'quoted'")).toBe('quoted');
    expect(sheetName('')).toBe('Participants');
    expect(sheetName('History')).toBe('Participants');
    const long = sheetName('Séminaire régional de pré-ratification pour les États d’Afrique');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(sheetName(`${'a'.repeat(30)}𝄞`)).toBe('a'.repeat(30));
  });
});
