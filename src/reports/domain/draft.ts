// A draft of the report to the Commission as the Secretariat saves it (issue 15, items 1 and 4): what is
// shared by both languages (the session, the symbol, the dates, the resources' figures) and, per language,
// the prose (one template a slot) and the words of the session's place and agenda title. Each save stores
// one ReportDraft whole (report_versions); `reportInputOf` turns it into the ReportInput of one language,
// which is what the document is produced from. `checkDraft` holds the rules a draft must keep to be saved.
import { addDaysWithin, type IsoDate } from '../../common/dates.ts';
import type { FieldIssue } from '../../common/errors.ts';
import { REPORT_LOCALES, type ReportLocale } from './format.ts';
import { PARAGRAPH_SLOTS, type ParagraphSlot, type ReportInput } from './input.ts';
import { templateRefusal } from './provenance.ts';
import { checkTemplate, type TemplateCatalogue } from './template.ts';

/** GA resolution 55/25 adopted the Convention and its first two Protocols on 15 November 2000. */
export const INSTRUMENT_ADOPTED_ON: IsoDate = '2000-11-15';

/** E/CN.15/2005/8: the Commission's documents, by year and number. */
export const REPORT_SYMBOL = /^E\/CN\.15\/(\d{4})\/([1-9]\d{0,2})$/;

export interface DraftSession {
  number: number;
  from: IsoDate;
  to: IsoDate;
  agendaItem: number;
  /** The symbol of the provisional agenda, cited in the footnote of "Item N of the provisional agenda". */
  agendaSymbol: string;
}

/** What one language's version of the report says in its own words. */
export interface DraftText {
  place: string;
  agendaTitle: string;
  paragraphs: Readonly<Record<ParagraphSlot, string>>;
}

/** A line of resources (res. 56/120 para 4): the figures once, the words in each language. */
export interface DraftResource {
  posts: number | null;
  /** A decimal amount as written (`250000.00`) and its ISO 4217 currency. */
  amount: { amount: string; currency: string } | null;
  description: Readonly<Record<ReportLocale, string>>;
  source: Readonly<Record<ReportLocale, string>>;
}

export interface ReportDraft {
  /** E/CN.15/YYYY/N once assigned; null before (the documents show a visible placeholder). */
  symbol: string | null;
  /** The document's date. */
  date: IsoDate;
  asAt: IsoDate;
  period: { from: IsoDate; to: IsoDate };
  session: DraftSession;
  texts: Readonly<Record<ReportLocale, DraftText>>;
  resources: readonly DraftResource[];
}

export interface DraftRules {
  today: IsoDate;
  catalogue: TemplateCatalogue;
  /** The number of decimals of each known currency. */
  currencyDecimals: ReadonlyMap<string, number>;
}

const AMOUNT = /^(\d{1,16})(?:\.(\d{1,4}))?$/;

/** The dates: "as at" neither in the future nor before the Convention, a period and a session in order. */
function dateIssues(d: ReportDraft, today: IsoDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (d.asAt > today)
    add('asAt', `${d.asAt} is in the future (today is ${today}): a report states what is known`);
  if (d.asAt < INSTRUMENT_ADOPTED_ON)
    add('asAt', `${d.asAt} is before the Convention was adopted (${INSTRUMENT_ADOPTED_ON})`);
  if (d.period.from < INSTRUMENT_ADOPTED_ON)
    add('period.from', `${d.period.from} is before the Convention was adopted (${INSTRUMENT_ADOPTED_ON})`);
  if (d.period.to < d.period.from)
    add('period.to', `the period ends (${d.period.to}) before it starts (${d.period.from})`);
  else if (d.period.to > d.asAt)
    add('period.to', `the period ends (${d.period.to}) after the "as at" date (${d.asAt})`);
  if (d.session.to < d.session.from)
    add('session.to', `the session ends (${d.session.to}) before it starts (${d.session.from})`);
  if (d.date < d.asAt) add('date', `the document is dated ${d.date}, before its "as at" date (${d.asAt})`);
  return issues;
}

function resourceIssues(d: ReportDraft, decimals: ReadonlyMap<string, number>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  d.resources.forEach((r, i) => {
    if (r.amount === null) return;
    const places = decimals.get(r.amount.currency);
    const digits = AMOUNT.exec(r.amount.amount)?.[2]?.length ?? 0;
    if (places === undefined)
      issues.push({
        field: `resources[${i}].amount.currency`,
        message: `unknown currency ${r.amount.currency}`,
      });
    else if (digits > places)
      issues.push({
        field: `resources[${i}].amount.amount`,
        message: `${r.amount.currency} has ${places} decimal(s); ${r.amount.amount} has ${digits}`,
      });
  });
  return issues;
}

/**
 * Every reason the draft cannot be saved, each at its field: the dates, the resources' amounts, and every
 * paragraph against the figure catalogue and the registry's instruments (an unknown placeholder is refused
 * here, with its line and column, never left a blank in the report).
 */
export function checkDraft(d: ReportDraft, rules: DraftRules): FieldIssue[] {
  const issues = [...dateIssues(d, rules.today), ...resourceIssues(d, rules.currencyDecimals)];
  if (d.symbol !== null && !REPORT_SYMBOL.test(d.symbol))
    issues.push({ field: 'symbol', message: 'must be a symbol such as E/CN.15/2005/8' });
  for (const locale of REPORT_LOCALES) {
    for (const slot of PARAGRAPH_SLOTS) {
      const field = `texts.${locale}.paragraphs.${slot}`;
      const checked = checkTemplate(d.texts[locale].paragraphs[slot], rules.catalogue);
      if (!checked.ok) issues.push(...templateRefusal(checked.errors, field).issues);
    }
  }
  return issues;
}

/** Minor units of a checked decimal amount (`checkDraft` confirmed it has no more decimals than `places`). */
function minorOf(amount: string, places: number): bigint {
  const [, whole = '0', fraction = ''] = AMOUNT.exec(amount) ?? [];
  return BigInt(whole) * 10n ** BigInt(places) + BigInt(fraction.padEnd(places, '0') || '0');
}

/** The input of one language's report, from a draft that passed `checkDraft`. */
export function reportInputOf(
  d: ReportDraft,
  locale: ReportLocale,
  currencyDecimals: ReadonlyMap<string, number>,
): ReportInput {
  const text = d.texts[locale];
  return {
    locale,
    symbol: d.symbol,
    date: d.date,
    session: { ...d.session, place: text.place, agendaTitle: text.agendaTitle },
    asAt: d.asAt,
    period: { ...d.period },
    paragraphs: { ...text.paragraphs },
    resources: d.resources.map((r) => {
      const minorUnits = r.amount ? (currencyDecimals.get(r.amount.currency) ?? 0) : 0;
      return {
        description: r.description[locale],
        posts: r.posts,
        amount: r.amount
          ? { minor: minorOf(r.amount.amount, minorUnits), currency: r.amount.currency, minorUnits }
          : null,
        source: r.source[locale],
      };
    }),
  };
}

/**
 * The period when the Secretariat gives none: from the day after the "as at" date of the latest report
 * frozen before this one's (the previous report), or from the Convention's adoption for the first; to the
 * "as at" date. A period includes its first and last days, so the previous report's day is counted once.
 */
export function defaultPeriod(
  asAt: IsoDate,
  previousAsAt: IsoDate | null,
  given: { from?: IsoDate | undefined; to?: IsoDate | undefined } = {},
): { from: IsoDate; to: IsoDate } {
  const after = previousAsAt === null ? null : addDaysWithin(previousAsAt, 1);
  return { from: given.from ?? after ?? INSTRUMENT_ADOPTED_ON, to: given.to ?? asAt };
}
