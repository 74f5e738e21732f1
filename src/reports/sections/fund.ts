// What the data draws in section V (resources: the Fund's contributions, expenditure and balance) and in
// Annex II (contributions to the Fund by donor), after the Secretariat's prose. Sums are the donor
// statements' own, to the cent (gather-fund.ts); each points at the ledger entries behind it.
import type { Block, Cell } from '../domain/document.ts';
import type { Cite } from '../domain/compose.ts';
import { formatDate, type ReportLocale } from '../domain/format.ts';
import type { FundData, MoneySum } from '../services/gather-fund.ts';
import type { Sourced } from '../services/gather-registry.ts';
import { header, moneyCell, textCell } from './cells.ts';

const WORDS = {
  en: {
    summaryCaption: (from: string, to: string) =>
      `The United Nations Crime Prevention and Criminal Justice Fund, ${from} to ${to} (United States dollars)`,
    summaryHead: ['', 'Amount'],
    lines: {
      openingBalance: 'Balance at the start of the period',
      paid: 'Contributions paid',
      earmarked: 'of which earmarked',
      generalPurpose: 'of which for general purposes',
      interest: 'Interest',
      expenditure: 'Expenditure',
      supportCosts: 'Programme support costs',
      refunds: 'Refunds to donors',
      balance: 'Balance as at the date',
    },
    annexHead: [
      'Donor',
      'Pledged in the period',
      'Paid in the period',
      'of which earmarked',
      'of which general purpose',
    ],
    annexCaption: (from: string, to: string) => `Contributions pledged and paid, ${from} to ${to}`,
    total: 'Total',
    none: '—',
  },
  fr: {
    summaryCaption: (from: string, to: string) =>
      `Fonds des Nations Unies pour la prévention du crime et la justice pénale, du ${from} au ${to} (dollars des États-Unis)`,
    summaryHead: ['', 'Montant'],
    lines: {
      openingBalance: 'Solde au début de la période',
      paid: 'Contributions versées',
      earmarked: 'dont préaffectées',
      generalPurpose: 'dont à des fins générales',
      interest: 'Intérêts',
      expenditure: 'Dépenses',
      supportCosts: 'Dépenses d’appui aux programmes',
      refunds: 'Remboursements aux donateurs',
      balance: 'Solde à la date',
    },
    annexHead: [
      'Donateur',
      'Annoncé pendant la période',
      'Versé pendant la période',
      'dont préaffecté',
      'dont à des fins générales',
    ],
    annexCaption: (from: string, to: string) => `Contributions annoncées et versées, du ${from} au ${to}`,
    total: 'Total',
    none: '—',
  },
} as const;

type Line = keyof (typeof WORDS)['en']['lines'];
const LINES: readonly Line[] = [
  'openingBalance',
  'paid',
  'earmarked',
  'generalPurpose',
  'interest',
  'expenditure',
  'supportCosts',
  'refunds',
  'balance',
];

const usd = (data: FundData, minor: bigint): MoneySum => ({
  minor,
  currency: data.currency,
  minorUnits: data.minorUnits,
});

function sourcedMoney(
  data: FundData,
  s: Sourced<bigint>,
  cite: Cite,
  placeholder: string,
  locale: ReportLocale,
): Cell {
  const value = usd(data, s.value);
  return moneyCell(
    value,
    cite({ kind: 'money', value, asAt: s.asAt, source: s.source }, { paragraph: 'table.fund', placeholder }),
    locale,
  );
}

/** Section V: the Fund in the period, line by line, each sum pointing at its ledger entries. */
export function fundBlocks(data: FundData) {
  return (cite: Cite, locale: ReportLocale): Block[] => {
    const w = WORDS[locale];
    return [
      {
        type: 'table',
        key: 'fund',
        caption: w.summaryCaption(formatDate(data.period.from, locale), formatDate(data.period.to, locale)),
        header: header(w.summaryHead),
        rows: LINES.map((line) => [
          textCell(w.lines[line]),
          sourcedMoney(data, data[line], cite, `fund.${line}`, locale),
        ]),
        notes: [],
      },
    ];
  };
}

/** Annex II: each donor's contributions in the period, and the totals. Pledges stay in their own currencies. */
export function annexIIBlocks(data: FundData) {
  return (cite: Cite, locale: ReportLocale): Block[] => {
    const w = WORDS[locale];
    const money = (value: MoneySum, source: { kind: string; ref: string }, who: string) =>
      moneyCell(
        value,
        cite({ kind: 'money', value, asAt: data.asAt, source }, { paragraph: 'annex.II', placeholder: who }),
        locale,
      );
    const pledgedCell = (
      sums: readonly MoneySum[],
      source: { kind: string; ref: string },
      who: string,
    ): Cell =>
      sums.length === 0
        ? textCell(w.none)
        : {
            runs: sums.flatMap((s, i) => [
              ...(i > 0 ? [{ type: 'text' as const, text: '; ' }] : []),
              ...money(s, source, who).runs,
            ]),
            align: 'end',
          };
    const rows = data.donors.map((d) => [
      textCell(d.name),
      pledgedCell(d.pledged, d.source, d.donorId),
      money(usd(data, d.paid), d.source, d.donorId),
      money(usd(data, d.earmarked), d.source, d.donorId),
      money(usd(data, d.generalPurpose), d.source, d.donorId),
    ]);
    rows.push([
      { runs: [{ type: 'text', text: w.total, emphasis: 'bold' }] },
      pledgedCell(data.pledged.value, data.pledged.source, 'total'),
      money(usd(data, data.paid.value), data.paid.source, 'total'),
      money(usd(data, data.earmarked.value), data.earmarked.source, 'total'),
      money(usd(data, data.generalPurpose.value), data.generalPurpose.source, 'total'),
    ]);
    return [
      {
        type: 'table',
        key: 'contributions',
        caption: w.annexCaption(formatDate(data.period.from, locale), formatDate(data.period.to, locale)),
        header: header(w.annexHead),
        rows,
        notes: [],
      },
    ];
  };
}
