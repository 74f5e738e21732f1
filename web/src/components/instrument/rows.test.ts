// Filtering and sorting of the participant table, without a browser.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ParticipantStatus } from '../../api.ts';
import { joinRows, shownRows } from './rows.ts';

const t = ((key: string) => key) as unknown as TFunction;

function status(id: string, name: string, over: Partial<ParticipantStatus> = {}): ParticipantStatus {
  return {
    participantId: id,
    name,
    kind: 'state',
    region: 'Africa',
    unGroup: 'African',
    state: 'party',
    signed: 'yes',
    signatureKind: null,
    signatureDate: null,
    consented: 'yes',
    consentKind: 'ratification',
    consentDate: null,
    consentPrecision: 'day',
    inForce: 'yes',
    eif: null,
    denunciationEffective: null,
    ...over,
  };
}

const eif = (on: string) => ({ on, earliest: on, latest: on, explanation: '' });

const rows = joinRows(
  [
    status('DZA', 'Algeria', { eif: eif('2003-09-29') }),
    status('ARM', 'Armenia', { region: 'Asia', unGroup: 'Eastern European', eif: eif('2003-09-29') }),
    status('SSD', 'South Sudan', { eif: eif('2023-11-19') }),
    status('IRN', 'Iran (Islamic Republic of)', {
      region: 'Asia',
      unGroup: 'Asia-Pacific',
      state: 'signatory',
    }),
    status('TUR', 'Türkiye', {
      region: 'Asia',
      unGroup: 'Western European and Others',
      eif: eif('2003-09-29'),
    }),
  ],
  [
    { id: 'SSD', developmentClass: 'developing' },
    { id: 'DZA', developmentClass: 'developing' },
    { id: 'ARM', developmentClass: 'transition' },
  ] as never,
  [
    {
      participantId: 'TUR',
      statements: [
        {
          actionId: 1,
          kind: 'declaration',
          date: '2004-01-01',
          article: null,
          territory: null,
          text: null,
          summary: null,
        },
        {
          actionId: 2,
          kind: 'notification',
          date: '2027',
          article: null,
          territory: null,
          text: null,
          summary: null,
        },
      ],
      footnotes: ['a note'],
    },
  ],
  '2026-06-30',
);
const ids = (query: Record<string, string>, search = '') =>
  shownRows(rows, query, search, t, 'en').map((r) => r.participantId);

describe('participant table rows', () => {
  it('filters by UN group, development class and status, together', () => {
    expect(ids({ group: 'African' })).toEqual(['DZA', 'SSD']);
    expect(ids({ dev: 'transition' })).toEqual(['ARM']);
    expect(ids({ region: 'Asia', state: 'signatory' })).toEqual(['IRN']);
  });

  it('searches without accents and by code', () => {
    expect(ids({}, 'turkiye')).toEqual(['TUR']);
    expect(ids({}, 'ssd')).toEqual(['SSD']);
  });

  it('sorts by a date both ways, empty dates last, ties by name', () => {
    expect(ids({ sort: 'eif' })).toEqual(['DZA', 'ARM', 'TUR', 'SSD', 'IRN']);
    expect(ids({ sort: 'eif', dir: 'desc' })).toEqual(['SSD', 'DZA', 'ARM', 'TUR', 'IRN']);
    expect(ids({})).toEqual(['DZA', 'ARM', 'IRN', 'SSD', 'TUR']);
  });

  it('joins the footnotes and the development class', () => {
    expect(rows.find((r) => r.participantId === 'TUR')?.notes?.footnotes).toEqual(['a note']);
    // Only what had been made by the date of the table.
    expect(rows.find((r) => r.participantId === 'TUR')?.notes?.statements.map((x) => x.actionId)).toEqual([
      1,
    ]);
    expect(rows.find((r) => r.participantId === 'TUR')?.developmentClass).toBeNull();
  });
});
