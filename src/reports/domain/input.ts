// What the Secretariat enters for a report to the Commission (issue 15, items 1 to 4): the session it is
// for, the "as at" date and the period, the symbol once assigned, the resources made available (para 4) and
// the prose, one template a slot (template.ts). The data writes the rest. A draft version stores exactly
// this; `composeReport` turns it and the data into a ReportDocument.
import type { IsoDate } from '../../common/dates.ts';
import type { ReportLocale } from './format.ts';

export interface ReportSession {
  /** The Commission's session, 14 for the fourteenth. */
  number: number;
  place: string;
  from: IsoDate;
  to: IsoDate;
  /** "Item 4 of the provisional agenda", its title, and the symbol of the provisional agenda (its footnote). */
  agendaItem: number;
  agendaTitle: string;
  agendaSymbol: string;
}

/**
 * The slots of the Secretariat's prose, in the order of the report. Each holds one template; a blank line
 * in it starts a new numbered paragraph. `summary` is the front matter's summary (unnumbered).
 */
export const PARAGRAPH_SLOTS = [
  'summary',
  'introduction',
  'status',
  'promotion',
  'assistance',
  'resources',
  'conclusions',
] as const;
export type ParagraphSlot = (typeof PARAGRAPH_SLOTS)[number];

/** Resources made available to the Secretariat for this work (res. 56/120 para 4), each with its source. */
export interface ResourceLine {
  description: string;
  /** Posts, when the line is about posts. */
  posts: number | null;
  /** An amount in integer minor units of its currency (with that currency's decimals), when about money. */
  amount: { minor: bigint; currency: string; minorUnits: number } | null;
  source: string;
}

export interface ReportInput {
  locale: ReportLocale;
  /** E/CN.15/YYYY/N once assigned; null before. */
  symbol: string | null;
  /** The document's date, printed under "Distr.: General". */
  date: IsoDate;
  session: ReportSession;
  asAt: IsoDate;
  period: { from: IsoDate; to: IsoDate };
  paragraphs: Readonly<Record<ParagraphSlot, string>>;
  resources: readonly ResourceLine[];
}
