// The figures a paragraph of the report to the Commission may cite by name (`{{parties UNTOC}}`): what each
// means, the arguments it takes and the kind of value it gives. This is the whole vocabulary of the
// templates (template.ts): a name not listed here is refused when a paragraph is saved. Resolving a name
// against the registry, the ledger, the assistance and event records is the services' work, not this file's;
// each figure there carries its "as at" date and its source (res. 56/120 para 5; issue 15, items 4 and 5).
// docs/reports.md lists the same names in a table, and a test keeps the two equal.

/** The sections of the report, as the resolution orders them (issue 15, item 3); VI is the Secretariat's own prose. */
export const REPORT_SECTIONS = {
  I: 'Introduction: the mandate and the period covered',
  II: 'Status of signature and ratification',
  III: 'Promotion of ratification and implementation',
  IV: 'Technical assistance',
  V: 'Resources',
} as const;
export type ReportSection = keyof typeof REPORT_SECTIONS;

/** What an argument must be. Instrument ids are data (reference/instruments.csv), checked against the registry. */
export const ARGUMENT_KINDS = {
  instrument: 'an instrument id, such as UNTOC, TIP, SOM or FIREARMS',
} as const;
export type ArgumentKind = keyof typeof ARGUMENT_KINDS;

/**
 * The kind of value a figure gives, which decides how it is written and which formats apply:
 * `count` a whole number of States, events, requests…; `money` integer minor units of one currency;
 * `date` a calendar day; `list` names (of States) written as a phrase; `text` words as they are.
 */
export const VALUE_KINDS = ['count', 'money', 'date', 'list', 'text'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export interface FigureDefinition {
  /** Lower-camel-case words joined by dots: `parties`, `fund.paid`, `period.from`. */
  name: string;
  args: readonly ArgumentKind[];
  value: ValueKind;
  section: ReportSection;
  /** What the figure means, in one line (shown to the editor and in the "Sources and method" annex). */
  meaning: string;
}

const figure = (
  section: ReportSection,
  name: string,
  args: readonly ArgumentKind[],
  value: ValueKind,
  meaning: string,
): FigureDefinition => ({ name, args, value, section, meaning });

const I = ['instrument'] as const;

/** The catalogue, in the order of the report's sections (one line a figure reads as a table, hence no Prettier). */
// prettier-ignore
export const FIGURES: readonly FigureDefinition[] = [
  figure('I', 'asAt', [], 'date', 'the date the report’s figures are as at'),
  figure('I', 'period.from', [], 'date', 'the first day of the period covered (by default the day after the previous report’s "as at" date)'),
  figure('I', 'period.to', [], 'date', 'the last day of the period covered'),

  figure('II', 'signatories', I, 'count', 'States and organizations that had signed the instrument as at the date'),
  figure('II', 'parties', I, 'count', 'parties to the instrument as at the date'),
  figure('II', 'entryIntoForce', I, 'date', 'the date the instrument entered into force'),
  figure('II', 'newParties', I, 'count', 'States and organizations that became parties to the instrument in the period'),
  figure('II', 'newParties.names', I, 'list', 'the names of those new parties, in the order of their instruments’ deposit'),
  figure('II', 'newSignatories', I, 'count', 'States and organizations that signed the instrument in the period'),

  figure('III', 'events.held', [], 'count', 'regional ministerial conferences and pre-ratification seminars held in the period'),
  figure('III', 'events.conferences', [], 'count', 'regional ministerial conferences held in the period'),
  figure('III', 'events.seminars', [], 'count', 'pre-ratification seminars held in the period'),
  figure('III', 'events.statesAttending', [], 'count', 'States that attended at least one event held in the period'),
  figure('III', 'commitments.made', [], 'count', 'commitments made by States at events held in the period'),
  figure('III', 'commitments.met', [], 'count', 'commitments met in the period (each linked to the registry action that met it)'),

  figure('IV', 'requests.received', [], 'count', 'requests for technical assistance received in the period'),
  figure('IV', 'requests.approved', [], 'count', 'requests approved in the period'),
  figure('IV', 'requests.declined', [], 'count', 'requests declined in the period'),
  figure('IV', 'projects.active', [], 'count', 'technical assistance projects under way at some time in the period'),
  figure('IV', 'projects.completed', [], 'count', 'projects completed in the period'),
  figure('IV', 'results.lawsAdopted', [], 'count', 'laws adopted in the period as results of projects'),
  figure('IV', 'results.instrumentsDeposited', [], 'count', 'instruments of ratification or accession deposited in the period as results of projects'),

  figure('V', 'fund.pledged', [], 'money', 'contributions to the Fund pledged in the period (US dollars)'),
  figure('V', 'fund.paid', [], 'money', 'contributions to the Fund paid in the period (US dollars)'),
  figure('V', 'fund.donors', [], 'count', 'donors that paid a contribution in the period'),
  figure('V', 'fund.expenditure', [], 'money', 'the Fund’s expenditure in the period (US dollars)'),
  figure('V', 'fund.balance', [], 'money', 'the Fund’s balance as at the date (US dollars)'),
  figure('V', 'fund.earmarked', [], 'money', 'contributions paid in the period earmarked for a purpose (US dollars)'),
  figure('V', 'fund.generalPurpose', [], 'money', 'contributions paid in the period for general purposes (US dollars)'),
];

/** The figure of that name, or undefined. */
export function figureNamed(
  name: string,
  figures: readonly FigureDefinition[] = FIGURES,
): FigureDefinition | undefined {
  return figures.find((f) => f.name === name);
}
