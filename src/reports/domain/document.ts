// The report to the Commission as one format-neutral document: what `composeReport` builds from the data
// and the Secretariat's text, and what each renderer (HTML, DOCX, PDF, XLSX) writes out. Everything in it is
// already in the report's language and already formatted, so the four files say the same thing in the same
// words, and a renderer decides only layout (issue 15, items 2, 5, 6 and 7).
import type { IsoDate } from '../../common/dates.ts';
import type { ReportLocale } from './format.ts';
import type { SourceEntry } from './provenance.ts';

/** A run of text in a paragraph or a table cell. */
export type Run =
  | { type: 'text'; text: string; emphasis?: 'bold' | 'italic' }
  /** A figure drawn from the data: its text, and the number of its entry in "Sources and method". */
  | { type: 'figure'; text: string; source: number }
  /** A footnote at this point; numbered by the renderer in the order they appear in the document. */
  | { type: 'footnote'; text: string };

export type Cell = {
  runs: readonly Run[];
  align?: 'start' | 'end';
  /**
   * The cell's value when it is a count or a calendar date, for the XLSX annex (a number a spreadsheet can
   * sum, a date it can sort) without reading the formatted text back. Optional: a cell without it whose
   * text is a whole number grouped by the locale's rule is still written as a number.
   */
  value?: CellValue;
};

/** A table cell's count or calendar date (`YYYY-MM-DD`), as the XLSX annex writes it. */
export type CellValue = { kind: 'count'; value: number } | { kind: 'date'; value: IsoDate };

export type Block =
  /** A numbered paragraph of the body: numbers run 1, 2, 3… through the whole report, as UN documents do. */
  | { type: 'paragraph'; number: number; runs: readonly Run[] }
  /** An unnumbered paragraph (summary, notes under a table). */
  | { type: 'text'; runs: readonly Run[] }
  /** A heading below the section's own (A., B., …). */
  | { type: 'subheading'; label: string; title: string }
  /**
   * A table. `header` rows repeat on every page in DOCX and PDF; `key` names it for the XLSX annex (one
   * sheet a table with a key) and for anchors in HTML.
   */
  | {
      type: 'table';
      key: string;
      caption: string;
      header: readonly (readonly Cell[])[];
      rows: readonly (readonly Cell[])[];
      notes: readonly (readonly Run[])[];
    }
  /** A figure drawn as SVG (the world map of section II), with a caption and a text alternative. */
  | { type: 'figure'; key: string; caption: string; alt: string; svg: string };

export interface ReportPart {
  /** "I"…"VI" for sections, "I", "II", … for annexes. */
  number: string;
  title: string;
  blocks: readonly Block[];
}

/** The front matter of a Commission document (issue 15, item 2). Every text is in the report's language. */
export interface FrontMatter {
  /** E/CN.15/2005/8, or null before the symbol is assigned: renderers then show a visible placeholder. */
  symbol: string | null;
  /** "Distr.: General" and its date, "Original: English": as printed. */
  distribution: string;
  date: IsoDate;
  dateText: string;
  original: string;
  body: string;
  /** "Fourteenth session", "Vienna, 23–27 May 2005". */
  session: string;
  sessionPlaceAndDates: string;
  /** "Item 4 of the provisional agenda*" and the footnote the asterisk refers to ("* E/CN.15/2005/1."). */
  agendaItem: string;
  agendaFootnote: string;
  agendaTitle: string;
  title: string;
  /** "Report of the Secretary-General". */
  subtitle: string;
  summary: readonly (readonly Run[])[];
}

export interface ReportDocument {
  locale: ReportLocale;
  /** Drawn from the illustrative data: every page says so, and the report cannot be frozen. */
  illustrative: boolean;
  /** Drafts say so on every page until frozen. */
  draft: boolean;
  asAt: IsoDate;
  period: { from: IsoDate; to: IsoDate };
  front: FrontMatter;
  /** Labels the renderers print, in the report's language ("Contents", "Annex", "ILLUSTRATIVE DATA", …). */
  labels: Readonly<Record<DocumentLabel, string>>;
  sections: readonly ReportPart[];
  annexes: readonly ReportPart[];
  /** The "Sources and method" annex: each source once, numbered as the figures' runs refer to them. */
  sources: readonly SourceEntry[];
  /** SHA-256 of the records the report was drawn from (hex), printed in "Sources and method". */
  fingerprint: string;
}

export const DOCUMENT_LABELS = [
  'contents',
  'annex',
  'sourcesAndMethod',
  'source',
  'asAt',
  'fingerprint',
  'illustrative',
  'draft',
  'symbolPending',
  'page',
] as const;
export type DocumentLabel = (typeof DOCUMENT_LABELS)[number];

/** The files of one report, as stored when it is frozen and as downloaded. */
export const REPORT_FORMATS = ['html', 'docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
