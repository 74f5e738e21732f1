// What the data draws in sections III (promotion of ratification: the events of res. 56/120 para 2) and IV
// (technical assistance), after the Secretariat's prose: tables of the events held in the period, the
// commitments met, requests and their outcome, projects by region, theme and article, and results. Every
// count points at its source. Confidential requests and unpublished projects are counted, never listed
// (gather-assistance.ts draws them that way; nothing here can name them).
import type { Block, Cell } from '../domain/document.ts';
import type { ReportLocale } from '../domain/format.ts';
import { dateRange, type Cite } from '../domain/compose.ts';
import {
  resolveProgrammeFigure,
  type ProgrammeData,
  type ProgrammeFigure,
} from '../services/gather-programme.ts';
import type { ReportedEvent } from '../services/gather-events.ts';
import type { Breakdown } from '../services/gather-assistance.ts';
import { countCell, dateCell, header, note, paragraph, textCell } from './cells.ts';

const WORDS = {
  en: {
    eventsCaption: 'Regional ministerial conferences and pre-ratification seminars held in the period',
    otherCaption: 'Other events held in the period',
    eventsHead: [
      'Event',
      'Dates',
      'Venue',
      'States attending',
      'Commitments made',
      'Commitments met',
      'What followed',
    ],
    noEvents: 'No regional ministerial conference or pre-ratification seminar was held in the period.',
    online: 'online',
    withheld: 'withheld (fewer than five States on one side)',
    followedAttendance: (consented: number, pairs: number, days: number) =>
      `${consented} of ${pairs} State–instrument pairs consented within ${days} days`,
    followedRegion: (b: number, d: number, a: number, months: number) =>
      `consents in the region: ${b} before, ${d} during, ${a} after (${months} months around)`,
    metCaption: 'Commitments made at events and met in the period',
    metHead: ['State', 'Instrument', 'Commitment', 'Met by', 'Date'],
    noneMet: 'No commitment made at an event was met in the period.',
    commitment: {
      ratification: 'ratification',
      accession: 'accession',
      signature: 'signature',
      implementation: 'implementation',
      other: 'other',
    },
    requestsCaption: 'Requests for technical assistance received in the period and their outcome',
    requestsHead: ['Received', 'Approved', 'Declined', 'Withdrawn', 'Pending'],
    breakdownCaption: {
      region: 'Projects by region',
      theme: 'Projects by theme',
      article: 'Projects by article',
    },
    breakdownHead: (by: string) => [by, 'Under way in the period', 'Completed in the period'],
    byWhat: { region: 'Region', theme: 'Theme', article: 'Article' },
    none: { region: 'No region (not a State)', theme: 'Several themes', article: '—' },
    notPublished: (active: number, completed: number) =>
      `Projects not published: ${active} under way and ${completed} completed in the period; they are counted in the totals only.`,
    resultsCaption: 'Results of projects in the period',
    resultsHead: ['State', 'Result', 'Date', 'Reference'],
    result: {
      legislation_adopted: 'law adopted',
      authority_notified: 'authority notified',
      instrument_deposited: 'instrument deposited',
    },
    noResults: 'No result of a published project is recorded in the period.',
  },
  fr: {
    eventsCaption:
      'Conférences ministérielles régionales et séminaires préalables à la ratification tenus pendant la période',
    otherCaption: 'Autres manifestations tenues pendant la période',
    eventsHead: [
      'Manifestation',
      'Dates',
      'Lieu',
      'États présents',
      'Engagements pris',
      'Engagements tenus',
      'Suites',
    ],
    noEvents:
      'Aucune conférence ministérielle régionale ni aucun séminaire préalable à la ratification ne s’est tenu pendant la période.',
    online: 'en ligne',
    withheld: 'non publié (moins de cinq États d’un côté)',
    followedAttendance: (consented: number, pairs: number, days: number) =>
      `${consented} couples État–instrument sur ${pairs} ont exprimé leur consentement dans les ${days} jours`,
    followedRegion: (b: number, d: number, a: number, months: number) =>
      `consentements dans la région\u00A0: ${b} avant, ${d} pendant, ${a} après (${months} mois autour)`,
    metCaption: 'Engagements pris lors de manifestations et tenus pendant la période',
    metHead: ['État', 'Instrument', 'Engagement', 'Tenu par', 'Date'],
    noneMet: 'Aucun engagement pris lors d’une manifestation n’a été tenu pendant la période.',
    commitment: {
      ratification: 'ratification',
      accession: 'adhésion',
      signature: 'signature',
      implementation: 'application',
      other: 'autre',
    },
    requestsCaption: 'Demandes d’assistance technique reçues pendant la période et suite donnée',
    requestsHead: ['Reçues', 'Approuvées', 'Refusées', 'Retirées', 'En attente'],
    breakdownCaption: {
      region: 'Projets par région',
      theme: 'Projets par thème',
      article: 'Projets par article',
    },
    breakdownHead: (by: string) => [by, 'En cours pendant la période', 'Achevés pendant la période'],
    byWhat: { region: 'Région', theme: 'Thème', article: 'Article' },
    none: { region: 'Sans région (pas un État)', theme: 'Plusieurs thèmes', article: '—' },
    notPublished: (active: number, completed: number) =>
      `Projets non publiés\u00A0: ${active} en cours et ${completed} achevés pendant la période\u00A0; ils ne sont comptés que dans les totaux.`,
    resultsCaption: 'Résultats des projets pendant la période',
    resultsHead: ['État', 'Résultat', 'Date', 'Référence'],
    result: {
      legislation_adopted: 'loi adoptée',
      authority_notified: 'autorité notifiée',
      instrument_deposited: 'instrument déposé',
    },
    noResults: 'Aucun résultat d’un projet publié n’est enregistré pendant la période.',
  },
} as const;

/** The source number of a figure of sections III and IV, cited for the table that prints it. */
type Resolve = ReturnType<typeof resolveProgrammeFigure>;

function sourceOf(resolve: Resolve, cite: Cite, name: ProgrammeFigure, table: string): number {
  return cite(resolve(name, []), { paragraph: `table.${table}`, placeholder: name });
}

function venue(e: ReportedEvent, locale: ReportLocale): string {
  if (e.venue.online) return WORDS[locale].online;
  return [e.venue.city, e.venue.country?.name].filter((x): x is string => !!x).join(', ') || '—';
}

function followed(e: ReportedEvent, locale: ReportLocale): string {
  const w = WORDS[locale];
  const f = e.followUp;
  if (f.mode === 'attendance')
    return f.attendees === null
      ? w.withheld
      : w.followedAttendance(f.attendees.consented, f.attendees.pairs, f.windowDays);
  return w.followedRegion(f.totals.before, f.totals.during, f.totals.after, f.monthsAround);
}

function eventsTable(
  key: string,
  caption: string,
  events: readonly ReportedEvent[],
  source: number,
  locale: ReportLocale,
): Block {
  return {
    type: 'table',
    key,
    caption,
    header: header(WORDS[locale].eventsHead),
    rows: events.map((e): Cell[] => [
      textCell(e.title),
      textCell(dateRange(e.start, e.end, locale)),
      textCell(venue(e, locale)),
      countCell(e.statesAttending, source, locale),
      countCell(e.commitmentsMade, source, locale),
      countCell(e.commitmentsMet, source, locale),
      textCell(followed(e, locale)),
    ]),
    notes: [],
  };
}

/** Section III: the events held in the period, then the commitments met in it. */
export function promotionBlocks(data: ProgrammeData) {
  const resolve = resolveProgrammeFigure(data);
  return (cite: Cite, locale: ReportLocale): Block[] => {
    const w = WORDS[locale];
    const { events } = data;
    const blocks: Block[] = [];
    if (events.promotion.length === 0) blocks.push(paragraph(note(w.noEvents)));
    else
      blocks.push(
        eventsTable(
          'events',
          w.eventsCaption,
          events.promotion,
          sourceOf(resolve, cite, 'events.held', 'events'),
          locale,
        ),
      );
    if (events.other.length > 0)
      blocks.push(
        eventsTable(
          'events-other',
          w.otherCaption,
          events.other,
          sourceOf(resolve, cite, 'events.held', 'events-other'),
          locale,
        ),
      );
    if (events.metInPeriod.length === 0) blocks.push({ type: 'text', runs: note(w.noneMet) });
    else {
      sourceOf(resolve, cite, 'commitments.met', 'commitments-met');
      blocks.push({
        type: 'table',
        key: 'commitments-met',
        caption: w.metCaption,
        header: header(w.metHead),
        rows: events.metInPeriod.map((c) => [
          textCell(c.state.name),
          textCell(c.instrumentId),
          textCell(w.commitment[c.what]),
          textCell(c.metBy ? c.metBy.kind : '—'),
          dateCell(c.metBy?.date ?? null, locale),
        ]),
        notes: [],
      });
    }
    return blocks;
  };
}

function breakdownTable(
  by: 'region' | 'theme' | 'article',
  rows: readonly Breakdown[],
  source: number,
  locale: ReportLocale,
): Block {
  const w = WORDS[locale];
  return {
    type: 'table',
    key: `projects-by-${by}`,
    caption: w.breakdownCaption[by],
    header: header(w.breakdownHead(w.byWhat[by])),
    rows: rows.map((r) => [
      textCell(r.key ?? w.none[by]),
      countCell(r.active, source, locale),
      countCell(r.completed, source, locale),
    ]),
    notes: [],
  };
}

/** Section IV: requests and their outcome, projects by region, theme and article, results. */
export function assistanceBlocks(data: ProgrammeData) {
  const resolve = resolveProgrammeFigure(data);
  return (cite: Cite, locale: ReportLocale): Block[] => {
    const w = WORDS[locale];
    const a = data.assistance;
    const requests = sourceOf(resolve, cite, 'requests.received', 'requests');
    const projects = sourceOf(resolve, cite, 'projects.active', 'projects');
    const blocks: Block[] = [
      {
        type: 'table',
        key: 'requests',
        caption: w.requestsCaption,
        header: header(w.requestsHead),
        rows: [
          [
            countCell(a.requests.received, requests, locale),
            countCell(a.requests.outcome.approved, requests, locale),
            countCell(a.requests.outcome.declined, requests, locale),
            countCell(a.requests.outcome.withdrawn, requests, locale),
            countCell(a.requests.outcome.pending, requests, locale),
          ],
        ],
        notes: [],
      },
      breakdownTable('region', a.projects.byRegion, projects, locale),
      breakdownTable('theme', a.projects.byTheme, projects, locale),
      breakdownTable('article', a.projects.byArticle, projects, locale),
    ];
    if (a.projects.notPublished.active + a.projects.notPublished.completed > 0)
      blocks.push({
        type: 'text',
        runs: note(w.notPublished(a.projects.notPublished.active, a.projects.notPublished.completed)),
      });
    if (a.results.length === 0) blocks.push({ type: 'text', runs: note(w.noResults) });
    else {
      sourceOf(resolve, cite, 'results.lawsAdopted', 'results');
      blocks.push({
        type: 'table',
        key: 'results',
        caption: w.resultsCaption,
        header: header(w.resultsHead),
        rows: a.results.map((r) => [
          textCell(r.state.name),
          textCell(w.result[r.kind]),
          dateCell(r.happenedOn, locale),
          textCell(r.citation ?? r.instrumentId ?? '—'),
        ]),
        notes: [],
      });
    }
    return blocks;
  };
}
