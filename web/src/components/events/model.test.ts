import { describe, expect, it } from 'vitest';
import type { EventSnapshot, EventSummary } from '../../api-events.ts';
import {
  changedFields,
  groupEvents,
  parseArticles,
  parseLines,
  sourceParts,
  targetOptions,
  type StateFacts,
} from './model.ts';

const summary = (id: number, start: string, end: string): EventSummary => ({
  id,
  kind: 'pre_ratification_seminar',
  title: `Event ${id}`,
  status: 'planned',
  start,
  end,
  venue: { city: null, country: null, online: true },
  hosts: [],
  instruments: [],
  public: true,
});

describe('the calendar groups', () => {
  const events = [
    summary(1, '2003-11-25', '2003-11-28'),
    summary(2, '2026-09-01', '2026-09-03'),
    summary(3, '2026-06-29', '2026-07-01'),
    summary(4, '2004-03-01', '2004-03-02'),
    summary(5, '2026-07-20', '2026-07-21'),
    summary(6, '2003-02-10', '2003-02-11'),
  ];

  it('upcoming by month, soonest first; an event still running today is upcoming', () => {
    const { upcoming } = groupEvents(events, '2026-06-30');
    expect(upcoming.map((g) => [g.key, g.events.map((e) => e.id)])).toEqual([
      ['2026-06', [3]],
      ['2026-07', [5]],
      ['2026-09', [2]],
    ]);
  });

  it('past by year, latest first', () => {
    const { past } = groupEvents(events, '2026-06-30');
    expect(past.map((g) => [g.key, g.events.map((e) => e.id)])).toEqual([
      ['2004', [4]],
      ['2003', [1, 6]],
    ]);
  });

  it('an event that ended yesterday is past', () => {
    const { upcoming, past } = groupEvents([summary(7, '2026-06-28', '2026-06-29')], '2026-06-30');
    expect(upcoming).toEqual([]);
    expect(past.map((g) => g.key)).toEqual(['2026']);
  });
});

describe('sources of reference events', () => {
  it('splits addresses and words at semicolons', () => {
    expect(sourceParts('https://a.example/x.html; https://b.example/y ;UNODC annual report 2004')).toEqual([
      { text: 'https://a.example/x.html', url: 'https://a.example/x.html' },
      { text: 'https://b.example/y', url: 'https://b.example/y' },
      { text: 'UNODC annual report 2004', url: null },
    ]);
  });

  it('never makes a link of anything but http(s)', () => {
    expect(sourceParts('javascript:alert(1)')).toEqual([{ text: 'javascript:alert(1)', url: null }]);
  });
});

describe('target values', () => {
  const state = (
    id: string,
    name: string,
    intermediateRegion: string | null,
    unGroup: string,
  ): StateFacts => ({
    id,
    name,
    kind: 'state',
    region: 'Africa',
    subregion: 'Sub-Saharan Africa',
    intermediateRegion,
    unGroup,
  });
  const list: StateFacts[] = [
    state('SEN', 'Senegal', 'Western Africa', 'African'),
    state('MLI', 'Mali', 'Western Africa', 'African'),
    state('KEN', 'Kenya', 'Eastern Africa', 'African'),
    state('DZA', 'Algeria', null, 'African'),
    { ...state('EUR', 'European Union', 'Western Europe', 'WEOG'), kind: 'reio' },
  ];

  it('each value once, sorted, from States only', () => {
    expect(targetOptions('intermediate_region', list).map((o) => o.value)).toEqual([
      'Eastern Africa',
      'Western Africa',
    ]);
    expect(targetOptions('un_group', list).map((o) => o.value)).toEqual(['African']);
  });

  it('States by name, classes as the server knows them', () => {
    expect(targetOptions('state', list).map((o) => o.value)).toEqual(['DZA', 'KEN', 'MLI', 'SEN']);
    expect(targetOptions('development_class', list).map((o) => o.value)).toEqual([
      'developing',
      'transition',
      'developed',
    ]);
  });
});

describe('revision changes', () => {
  const snapshot: EventSnapshot = {
    kind: 'pre_ratification_seminar',
    title: 'Seminar',
    start: '2026-09-01',
    end: '2026-09-03',
    venue: { city: 'Dakar', country: 'SEN', online: false },
    hosts: ['SEN'],
    coOrganisers: [],
    targets: [{ kind: 'intermediate_region', value: 'Western Africa' }],
    instruments: ['UNTOC'],
    agenda: [],
    languages: ['en', 'fr'],
    interpretation: true,
    public: true,
    registrationDeadline: null,
    description: '',
    status: 'planned',
    statusReason: null,
  };

  it('names what differs, in the page order', () => {
    const after = { ...snapshot, end: '2026-09-04', venue: { ...snapshot.venue, city: 'Thiès' } };
    expect(changedFields(snapshot, after)).toEqual(['end', 'venue']);
    expect(changedFields(snapshot, { ...snapshot, status: 'postponed', statusReason: 'elections' })).toEqual([
      'status',
      'statusReason',
    ]);
    expect(changedFields(snapshot, snapshot)).toEqual([]);
  });

  it('a first version shows every field', () => {
    expect(changedFields(null, snapshot)).toHaveLength(17);
  });
});

describe('typed lists', () => {
  it('articles and co-organisers', () => {
    expect(parseArticles(' 5, 32(2)  34;')).toEqual(['5', '32(2)', '34']);
    expect(parseLines('ECOWAS\n\n  UNODC Regional Office \r\n')).toEqual(['ECOWAS', 'UNODC Regional Office']);
  });
});
