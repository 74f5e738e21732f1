// What the data draws in section II (status of signature and ratification) and Annex I (status of
// signatures and ratifications per instrument, as the Treaty Collection lays it out), after the
// Secretariat's prose: the status of each instrument as at the date, the new parties of the period, what
// changed since the period began (the registry's difference between the two dates), the world map.
import type { StatusChange } from '../../treaties/domain/status.ts';
import type { Figure } from '../domain/template.ts';
import type { Block, Cell, Run } from '../domain/document.ts';
import type { Cite } from '../domain/compose.ts';
import { formatDate, type ReportLocale } from '../domain/format.ts';
import type { InstrumentData, RegistryData, Sourced } from '../services/gather-registry.ts';
import { countCell, header, note, textCell } from './cells.ts';

const WORDS = {
  en: {
    statusCaption: (date: string) => `Status of the Convention and the Protocols thereto as at ${date}`,
    statusHead: ['Instrument', 'Signatories', 'Parties', 'Entry into force', 'New parties in the period'],
    notInForce: 'not in force',
    newCaption: 'New parties in the period',
    newHead: ['Instrument', 'State', 'Date', 'Form'],
    noNew: 'No State became a party to the Convention or a Protocol in the period.',
    changesCaption:
      'What changed in the period (the registry’s difference between its first day and the date)',
    changesHead: ['Instrument', 'State', 'Before', 'After'],
    mapCaption: (title: string, date: string) => `${title}: parties and signatories as at ${date}`,
    mapAlt: (parties: number, signatories: number) =>
      `World map of ${parties} parties and ${signatories} signatories; the table above gives the same figures.`,
    legend: { party: 'Party', signatory: 'Signatory', none: 'Neither' },
    state: {
      none: 'none',
      signatory: 'signatory',
      party_pending: 'party (not yet in force for it)',
      party: 'party',
      uncertain: 'uncertain (date imprecise)',
      withdrawn: 'withdrawn',
    },
    consent: {
      ratification: 'ratification',
      acceptance: 'acceptance (A)',
      approval: 'approval (AA)',
      accession: 'accession (a)',
      succession: 'succession (d)',
      formal_confirmation: 'formal confirmation (c)',
    } as Record<string, string>,
    annexHead: [
      'Participant',
      'Signature, succession to signature (d)',
      'Ratification, acceptance (A), approval (AA), accession (a), succession (d)',
    ],
    annexCaption: (title: string, date: string) => `${title}, as at ${date}`,
    statement: {
      declaration: 'declaration',
      reservation: 'reservation',
      objection: 'objection',
      withdrawal: 'withdrawal',
      notification: 'notification',
      territorial_application: 'territorial application',
    } as Record<string, string>,
    article: 'article',
    summary: 'In summary (not the official text)',
    months: 'January February March April May June July August September October November December',
  },
  fr: {
    statusCaption: (date: string) => `État de la Convention et des Protocoles s’y rapportant au ${date}`,
    statusHead: [
      'Instrument',
      'Signataires',
      'Parties',
      'Entrée en vigueur',
      'Nouvelles parties pendant la période',
    ],
    notInForce: 'pas en vigueur',
    newCaption: 'Nouvelles parties pendant la période',
    newHead: ['Instrument', 'État', 'Date', 'Forme'],
    noNew: 'Aucun État n’est devenu partie à la Convention ou à un Protocole pendant la période.',
    changesCaption:
      'Changements pendant la période (différence du registre entre son premier jour et la date)',
    changesHead: ['Instrument', 'État', 'Avant', 'Après'],
    mapCaption: (title: string, date: string) => `${title}\u00A0: parties et signataires au ${date}`,
    mapAlt: (parties: number, signatories: number) =>
      `Carte du monde des ${parties} parties et ${signatories} signataires\u00A0; le tableau ci-dessus donne les mêmes chiffres.`,
    legend: { party: 'Partie', signatory: 'Signataire', none: 'Ni l’un ni l’autre' },
    state: {
      none: 'aucun',
      signatory: 'signataire',
      party_pending: 'partie (pas encore en vigueur à son égard)',
      party: 'partie',
      uncertain: 'incertain (date imprécise)',
      withdrawn: 'retiré',
    },
    consent: {
      ratification: 'ratification',
      acceptance: 'acceptation (A)',
      approval: 'approbation (AA)',
      accession: 'adhésion (a)',
      succession: 'succession (d)',
      formal_confirmation: 'confirmation formelle (c)',
    } as Record<string, string>,
    annexHead: [
      'Participant',
      'Signature, succession à la signature (d)',
      'Ratification, acceptation (A), approbation (AA), adhésion (a), succession (d)',
    ],
    annexCaption: (title: string, date: string) => `${title}, au ${date}`,
    statement: {
      declaration: 'déclaration',
      reservation: 'réserve',
      objection: 'objection',
      withdrawal: 'retrait',
      notification: 'notification',
      territorial_application: 'application territoriale',
    } as Record<string, string>,
    article: 'article',
    summary: 'En résumé (en anglais ; ce n’est pas le texte officiel)',
    months: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  },
} as const;

/**
 * A registry date as the Treaty Collection gives it: a day, or only a month or a year when that is all it
 * says; a dash where the source gives none (the type says string, but an undated deposit reads null).
 */
export function registryDate(date: string | null, locale: ReportLocale): string {
  if (date === null || date === '') return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return formatDate(date, locale);
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) return `${WORDS[locale].months.split(' ')[Number(month[2]) - 1] ?? ''} ${Number(month[1])}`;
  return date;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A note's number as the Treaty Collection prints it after a name: superscript digits. */
const superscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');

const asFigure = <T extends number | string | null>(s: Sourced<T>, kind: 'count' | 'date'): Figure =>
  kind === 'count'
    ? { kind: 'count', value: s.value as number, asAt: s.asAt, source: s.source }
    : { kind: 'date', value: (s.value as string | null) ?? s.asAt, asAt: s.asAt, source: s.source };

/** An instrument's short title as a table's first column shows it ("Trafficking in Persons Protocol"). */
const instrumentLabel = (i: InstrumentData): string => {
  const title = i.shortTitle.replace(/^the /, '');
  return title.charAt(0).toUpperCase() + title.slice(1);
};

function statusRow(i: InstrumentData, cite: Cite, locale: ReportLocale): Cell[] {
  const use = (placeholder: string) => ({ paragraph: 'table.status', placeholder });
  const eif = i.entryIntoForce.value;
  return [
    textCell(instrumentLabel(i)),
    countCell(
      i.signatories.value,
      cite(asFigure(i.signatories, 'count'), use(`signatories ${i.instrumentId}`)),
      locale,
    ),
    countCell(i.parties.value, cite(asFigure(i.parties, 'count'), use(`parties ${i.instrumentId}`)), locale),
    eif === null
      ? textCell(WORDS[locale].notInForce)
      : {
          runs: [
            {
              type: 'figure',
              text: formatDate(eif, locale),
              source: cite(asFigure(i.entryIntoForce, 'date'), use(`entryIntoForce ${i.instrumentId}`)),
            },
          ],
        },
    countCell(
      i.newParties.value.length,
      cite(
        {
          kind: 'count',
          value: i.newParties.value.length,
          asAt: i.newParties.asAt,
          source: i.newParties.source,
        },
        use(`newParties ${i.instrumentId}`),
      ),
      locale,
    ),
  ];
}

/** Section II: the status table, the new parties, the changes, and a map per instrument (`maps`, drawn by the caller). */
export function statusBlocks(
  data: RegistryData,
  maps: ReadonlyMap<string, (locale: ReportLocale) => { svg: string; parties: number; signatories: number }>,
) {
  return (cite: Cite, locale: ReportLocale): Block[] => {
    const w = WORDS[locale];
    const date = formatDate(data.asAt, locale);
    const blocks: Block[] = [
      {
        type: 'table',
        key: 'status',
        caption: w.statusCaption(date),
        header: header(w.statusHead),
        rows: data.instruments.map((i) => statusRow(i, cite, locale)),
        notes: [],
      },
    ];
    const newRows = data.instruments.flatMap((i) =>
      i.newParties.value.map((p) => [
        textCell(instrumentLabel(i)),
        textCell(p.name),
        textCell(registryDate(p.date, locale)),
        textCell(w.consent[p.kind] ?? p.kind),
      ]),
    );
    blocks.push(
      newRows.length === 0
        ? { type: 'text', runs: note(w.noNew) }
        : {
            type: 'table',
            key: 'new-parties',
            caption: w.newCaption,
            header: header(w.newHead),
            rows: newRows,
            notes: [],
          },
    );
    const changes = data.instruments.flatMap((i) =>
      namedChanges(i).map((c) => [
        textCell(instrumentLabel(i)),
        textCell(c.name),
        textCell(w.state[c.from]),
        textCell(w.state[c.to]),
      ]),
    );
    if (changes.length > 0)
      blocks.push({
        type: 'table',
        key: 'changes',
        caption: w.changesCaption,
        header: header(w.changesHead),
        rows: changes,
        notes: [],
      });
    for (const i of data.instruments) {
      const map = maps.get(i.instrumentId)?.(locale);
      if (!map) continue;
      blocks.push({
        type: 'figure',
        key: `map-${i.instrumentId}`,
        caption: w.mapCaption(instrumentLabel(i), date),
        alt: w.mapAlt(map.parties, map.signatories),
        svg: map.svg,
      });
    }
    return blocks;
  };
}

/** The registry's difference over the period, each change with the participant's name. */
const namedChanges = (i: InstrumentData): ReadonlyArray<StatusChange & { name: string }> =>
  i.difference.changes as ReadonlyArray<StatusChange & { name: string }>;

/** The map's legend in the report's language. */
export const mapLegend = (locale: ReportLocale) => WORDS[locale].legend;

function statementNote(
  n: {
    number: number;
    kind: string;
    date: string | null;
    article: string | null;
    text: string | null;
    summary: string | null;
  },
  name: string,
  locale: ReportLocale,
): Run[] {
  const w = WORDS[locale];
  const parts = [
    `${n.number}. ${name}: ${w.statement[n.kind] ?? n.kind}`,
    n.article ? ` (${w.article} ${n.article})` : '',
    n.date ? `, ${registryDate(n.date, locale)}` : '',
    n.text ? `. ${n.text}` : '',
    // The loaded statements hold a paraphrase (in English), never the official text: said so.
    !n.text && n.summary ? `. ${w.summary}: ${n.summary}` : '',
  ];
  return [{ type: 'text', text: parts.join('') }];
}

/** Annex I: for each instrument, every participant with its signature and its consent, notes for statements. */
export function annexIBlocks(data: RegistryData) {
  return (cite: Cite, locale: ReportLocale): Block[] => {
    const w = WORDS[locale];
    const date = formatDate(data.asAt, locale);
    return data.instruments.map((i): Block => {
      const names = new Map(i.annex.rows.map((r) => [r.participantId, r.name]));
      const source = cite(
        { kind: 'count', value: i.annex.rows.length, asAt: i.annex.asAt, source: i.annex.source },
        { paragraph: 'annex.I', placeholder: i.instrumentId },
      );
      return {
        type: 'table',
        key: `annex-${i.instrumentId}`,
        caption: w.annexCaption(i.title, date),
        header: header(w.annexHead),
        rows: i.annex.rows.map((r) => [
          textCell(r.name + (r.notes.length > 0 ? ` ${r.notes.map(superscript).join(' ')}` : '')),
          r.signature
            ? {
                runs: [
                  {
                    type: 'figure',
                    text:
                      registryDate(r.signature.date, locale) +
                      (r.signature.marker ? ` ${r.signature.marker}` : ''),
                    source,
                  },
                ],
              }
            : textCell(''),
          r.consent
            ? {
                runs: [
                  {
                    type: 'figure',
                    text:
                      registryDate(r.consent.date, locale) + (r.consent.marker ? ` ${r.consent.marker}` : ''),
                    source,
                  },
                ],
              }
            : textCell(''),
        ]),
        notes: i.annex.notes.map((n) =>
          statementNote(n, names.get(n.participantId) ?? n.participantId, locale),
        ),
      };
    });
  };
}
