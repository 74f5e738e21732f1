// What statements mean (src/treaties/domain/statements.ts): dispute-clause opt-outs, the dispute-settlement
// obligations between two States, the territories a territorial application covers or excludes, the three
// states of knowledge, and the confidence a source note gives.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  confidenceOf,
  coverageLine,
  disputeObligationsBetween,
  isDisputeOptOut,
  statementKnowledge,
  territorialScope,
  type StatementLike,
} from '../../src/treaties/domain/statements.ts';
import type { ActionKind } from '../../src/treaties/domain/types.ts';

const rows = parse(readFileSync(new URL('../../reference/statements-partial.csv', import.meta.url), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Array<Record<string, string>>;

describe('dispute-clause opt-outs', () => {
  it('are the reservations under UNTOC 35, TIP 15, SoM 20 and Firearms 16 (2)/(3), however written', () => {
    const r = (instrumentId: string, article: string, kind: ActionKind = 'reservation') =>
      isDisputeOptOut({ instrumentId, kind, article });
    expect([r('UNTOC', '35(2)'), r('UNTOC', '35(3)'), r('UNTOC', 'art. 35.2'), r('TIP', '15(2)')]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([r('SOM', '20(2)'), r('FIREARMS', '16 (2)')]).toEqual([true, true]);
    // Not: another article, another instrument's clause, a declaration accepting the clause (Malawi, TIP).
    expect([
      r('UNTOC', '18'),
      r('UNTOC', '15(2)'),
      r('TIP', '15(2)', 'declaration'),
      r('X', '35(2)'),
    ]).toEqual([false, false, false, false]);
  });

  it('number 36 in the file: UNTOC 8, TIP 17 (16 States, Saudi Arabia twice), SoM 6, Firearms 5 (SOURCES.md)', () => {
    const optOuts = rows.filter((r) =>
      isDisputeOptOut({ instrumentId: r.instrument!, kind: r.kind as ActionKind, article: r.article! }),
    );
    const per = (i: string) => optOuts.filter((r) => r.instrument === i).length;
    expect([per('UNTOC'), per('TIP'), per('SOM'), per('FIREARMS')]).toEqual([8, 17, 6, 5]);
  });
});

describe('dispute-settlement obligations between two States', () => {
  let id = 1;
  const s = (
    participantId: string,
    instrumentId: string,
    kind: ActionKind,
    article: string | null,
    target?: number,
  ) =>
    ({
      id: id++,
      participantId,
      instrumentId,
      kind,
      article,
      targetActionId: target ?? null,
    }) satisfies StatementLike;
  const chinaOptOut = s('CHN', 'UNTOC', 'reservation', '35(2)');
  const statements = [
    chinaOptOut,
    s('CHN', 'TIP', 'reservation', '15(2)'),
    s('DEU', 'UNTOC', 'notification', '18(13)'),
    s('MWI', 'TIP', 'declaration', '15(2)'),
  ];
  const parties: Record<string, string[]> = {
    UNTOC: ['CHN', 'DEU', 'MWI'],
    TIP: ['CHN', 'DEU', 'MWI'],
    SOM: ['DEU', 'MWI'],
    FIREARMS: ['CHN', 'MWI'],
  };
  const between = (a: string, b: string, extra: StatementLike[] = [], unrecorded: string[] = []) =>
    disputeObligationsBetween(a, b, {
      instrumentIds: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'],
      isParty: (i, p) => parties[i]!.includes(p),
      statements: [...statements, ...extra],
      unrecorded: (i, p) => unrecorded.includes(`${i} ${p}`),
    }).map((o) => [o.instrumentId, o.obligation, o.optedOut.join(','), o.textNotRecorded.join(',')]);

  it('an opt-out by either State excludes the clause both ways; not both parties, no obligation', () => {
    expect(between('DEU', 'CHN')).toEqual([
      ['UNTOC', 'excluded', 'CHN', ''],
      ['TIP', 'excluded', 'CHN', ''],
      ['SOM', 'not_both_parties', '', ''],
      ['FIREARMS', 'not_both_parties', '', ''],
    ]);
    expect(between('CHN', 'DEU')[0]).toEqual(['UNTOC', 'excluded', 'CHN', '']);
  });

  it('binds where no opt-out is recorded, saying who made statements whose text is not recorded here', () => {
    expect(between('DEU', 'MWI', [], ['SOM MWI'])).toEqual([
      ['UNTOC', 'binds_unless_unrecorded_opt_out', '', ''],
      ['TIP', 'binds_unless_unrecorded_opt_out', '', ''],
      ['SOM', 'binds_unless_unrecorded_opt_out', '', 'MWI'],
      ['FIREARMS', 'not_both_parties', '', ''],
    ]);
  });

  it('a withdrawn opt-out no longer excludes the clause', () => {
    const withdrawal = s('CHN', 'UNTOC', 'withdrawal', null, chinaOptOut.id);
    expect(between('DEU', 'CHN', [withdrawal])[0]).toEqual([
      'UNTOC',
      'binds_unless_unrecorded_opt_out',
      '',
      '',
    ]);
  });
});

describe('territorial applications: what the summary says is covered or excluded', () => {
  it('reads the eight rows of the file', () => {
    const read = rows
      .filter((r) => r.kind === 'territorial_application')
      .map((r) => [r.instrument, r.iso3, territorialScope({ summary: r.summary! })]);
    expect(read).toEqual([
      ['UNTOC', 'CHN', { covered: ['Macao SAR'], excluded: [] }],
      ['UNTOC', 'NLD', { covered: ['Kingdom in Europe'], excluded: [] }],
      ['UNTOC', 'NLD', { covered: ['Aruba'], excluded: [] }],
      ['UNTOC', 'NLD', { covered: ['Netherlands Antilles'], excluded: [] }],
      ['UNTOC', 'DNK', { covered: [], excluded: ['Faroe Islands', 'Greenland'] }],
      ['UNTOC', 'NZL', { covered: [], excluded: ['Tokelau'] }],
      ['TIP', 'CHN', { covered: ['Macao SAR'], excluded: ['Hong Kong SAR'] }],
      ['FIREARMS', 'CHN', { covered: ['Macao SAR'], excluded: [] }],
    ]);
  });

  it('counts a recorded territory as covered and invents nothing', () => {
    expect(territorialScope({ summary: null, territory: 'Aruba' })).toEqual({
      covered: ['Aruba'],
      excluded: [],
    });
    expect(territorialScope({ summary: 'Declaration on territorial application.' })).toEqual({
      covered: [],
      excluded: [],
    });
  });
});

describe('what is known, and how sure', () => {
  it('tells three states of knowledge apart: recorded, text not recorded, nothing recorded (not "none")', () => {
    expect(statementKnowledge(2, true)).toBe('recorded');
    expect(statementKnowledge(0, true)).toBe('text_not_recorded');
    expect(statementKnowledge(0, false)).toBe('nothing_recorded');
  });

  it('reads the confidence a note starts with', () => {
    expect(
      ['High.', 'High for the fact; …', 'Medium-high: …', 'Medium: …', 'Low: …', 'As above', ''].map(
        confidenceOf,
      ),
    ).toEqual(['High', 'High', 'Medium-high', 'Medium', 'Low', null, null]);
  });

  it('says per instrument how many are recorded and that the depositary lists more', () => {
    expect(
      coverageLine({ shortTitle: 'UNTOC', statements: 33, participants: 17, listedNotRecorded: 6 }),
    ).toBe(
      "33 statements by 17 participants recorded here for UNTOC; the depositary's list is longer: 6 other participants are known to have made statements whose text is not recorded here, and a participant with nothing recorded here may still have made one.",
    );
  });
});
