// Sections III and IV as the data draws them: the events held, the commitments met, the requests and the
// projects; every count a figure run pointing at its source; an empty period said in words.
import { describe, expect, it } from 'vitest';
import { SourceBook } from '../../src/reports/domain/compose.ts';
import type { Block, Run } from '../../src/reports/domain/document.ts';
import type { ProgrammeData } from '../../src/reports/services/gather-programme.ts';
import { assistanceBlocks, promotionBlocks } from '../../src/reports/sections/programme.ts';

const period = { from: '2004-01-01', to: '2005-03-08' };
const totals = {
  held: 0,
  conferences: 0,
  seminars: 0,
  statesAttending: 0,
  commitmentsMade: 0,
  commitmentsMet: 0,
};
const empty: ProgrammeData = {
  period,
  asAt: '2005-03-08',
  events: {
    promotion: [],
    other: [],
    totals,
    otherTotals: totals,
    metInPeriod: [],
    otherMetInPeriod: [],
    attendingStates: new Map(),
  },
  assistance: {
    requests: {
      received: 0,
      outcome: { approved: 0, declined: 0, withdrawn: 0, pending: 0 },
      approvedInPeriod: 0,
      declinedInPeriod: 0,
    },
    projects: {
      active: 0,
      completed: 0,
      published: [],
      notPublished: { active: 0, completed: 0 },
      byRegion: [],
      byTheme: [],
      byArticle: [],
    },
    results: [],
    confidential: { requests: [], projects: [] },
  },
};

const seminar = {
  id: 7,
  kind: 'pre_ratification_seminar' as const,
  title: 'Pre-ratification seminar for West Africa',
  status: 'held' as const,
  start: '2004-06-14',
  end: '2004-06-16',
  venue: { city: 'Bamako', country: { id: 'MLI', name: 'Mali' }, online: false },
  hosts: [{ id: 'MLI', name: 'Mali' }],
  instruments: ['UNTOC'],
  statesRegistered: 12,
  statesAttending: 11,
  commitments: [],
  commitmentsMade: 4,
  commitmentsMet: 1,
  followUp: {
    mode: 'attendance' as const,
    windowDays: 730,
    observedUntil: '2005-03-08',
    attendees: { pairs: 20, alreadyParty: 2, consented: 6 },
    comparison: null,
  },
};
const full: ProgrammeData = {
  ...empty,
  events: {
    ...empty.events,
    promotion: [seminar],
    totals: { ...totals, held: 1, seminars: 1, statesAttending: 11, commitmentsMade: 4, commitmentsMet: 1 },
    metInPeriod: [
      {
        id: 3,
        eventId: 7,
        state: { id: 'MLI', name: 'Mali' },
        instrumentId: 'UNTOC',
        what: 'ratification',
        due: '2004',
        status: 'met',
        metBy: { actionId: 99, kind: 'ratification', date: '2004-10-05' },
      },
    ],
  },
  assistance: {
    ...empty.assistance,
    requests: {
      received: 5,
      outcome: { approved: 2, declined: 1, withdrawn: 0, pending: 2 },
      approvedInPeriod: 2,
      declinedInPeriod: 1,
    },
    projects: {
      ...empty.assistance.projects,
      active: 3,
      completed: 1,
      notPublished: { active: 1, completed: 0 },
      byRegion: [{ key: 'Africa', active: 2, completed: 1 }],
      byTheme: [{ key: null, active: 2, completed: 1 }],
      byArticle: [],
    },
  },
};

const text = (runs: readonly Run[]) => runs.map((r) => r.text).join('');
const table = (blocks: Block[], key: string) => {
  const t = blocks.find((b) => b.type === 'table' && b.key === key);
  if (t?.type !== 'table') throw new Error(`no table ${key}`);
  return t;
};

describe('section III', () => {
  it('lists the events held with their attendance, commitments and what followed, counts citing events.held', () => {
    const book = new SourceBook();
    const blocks = promotionBlocks(full)(book.cite, 'en');
    const events = table(blocks, 'events');
    expect(events.rows.map((r) => r.map((c) => text(c.runs)))).toEqual([
      [
        'Pre-ratification seminar for West Africa',
        '14–16 June 2004',
        'Bamako, Mali',
        '11',
        '4',
        '1',
        '6 of 20 State–instrument pairs consented within 730 days',
      ],
    ]);
    const figure = events.rows[0]?.[3]?.runs[0];
    expect(figure?.type).toBe('figure');
    const cited = book.list().find((s) => figure?.type === 'figure' && s.number === figure.source);
    expect(cited?.source.kind).toBe('events.held');
    expect(table(blocks, 'commitments-met').rows[0]?.map((c) => text(c.runs))).toEqual([
      'Mali',
      'UNTOC',
      'ratification',
      'ratification',
      '5 October 2004',
    ]);
  });

  it('says in words that no event was held, in English and French', () => {
    const book = new SourceBook();
    expect(promotionBlocks(empty)(book.cite, 'en').map((b) => ('runs' in b ? text(b.runs) : b.type))).toEqual(
      [
        'No regional ministerial conference or pre-ratification seminar was held in the period.',
        'No commitment made at an event was met in the period.',
      ],
    );
    const [first] = promotionBlocks(empty)(book.cite, 'fr');
    expect(text(first && 'runs' in first ? first.runs : [])).toMatch(/^Aucune conférence/);
  });
});

describe('section IV', () => {
  it('gives requests by outcome and projects by region and theme, unpublished ones only counted', () => {
    const book = new SourceBook();
    const blocks = assistanceBlocks(full)(book.cite, 'en');
    expect(table(blocks, 'requests').rows[0]?.map((c) => text(c.runs))).toEqual(['5', '2', '1', '0', '2']);
    expect(table(blocks, 'projects-by-region').rows.map((r) => r.map((c) => text(c.runs)))).toEqual([
      ['Africa', '2', '1'],
    ]);
    expect(table(blocks, 'projects-by-theme').rows.map((r) => r.map((c) => text(c.runs)))).toEqual([
      ['Several themes', '2', '1'],
    ]);
    expect(
      blocks.some(
        (b) =>
          'runs' in b &&
          /Projects not published: 1 under way and 0 completed in the period/.test(text(b.runs)),
      ),
    ).toBe(true);
    expect(book.list().map((s) => s.source.kind)).toEqual(['requests.received', 'projects.active']);
  });
});
