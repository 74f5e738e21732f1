// The rules of commitments, table-driven: which registry actions fulfil what was committed, a due date against
// the event's first day, the status as at a day, and why an action cannot meet a commitment.
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../src/common/dates.ts';
import { DomainError } from '../../src/common/errors.ts';
import {
  checkDue,
  earliestDay,
  fulfils,
  shownStatus,
  whyNotMet,
  type ActionFacts,
  type CommitmentKind,
} from '../../src/events/domain/commitments.ts';
import type { ActionKind } from '../../src/treaties/domain/types.ts';

describe('fulfils', () => {
  it.each<[CommitmentKind, ActionKind, boolean]>([
    ['ratification', 'ratification', true],
    ['ratification', 'acceptance', true],
    ['ratification', 'accession', true],
    ['accession', 'approval', true],
    ['ratification', 'signature', false],
    ['ratification', 'notification', false],
    ['signature', 'signature', true],
    ['signature', 'succession_to_signature', true],
    ['signature', 'ratification', false],
    ['implementation', 'notification', true],
    ['other', 'declaration', true],
    ['implementation', 'denunciation', false],
  ])('%s is met by a %s: %s', (what, kind, expected) => {
    expect(fulfils(what, kind)).toBe(expected);
  });
});

describe('checkDue', () => {
  const refused = (due: string) => () => checkDue(parsePartialDate(due), '2005-03-10');
  it.each(['2005-02', '2004', '2005-03-09'])('refuses %s, wholly before 2005-03-10, at due', (due) => {
    expect(refused(due)).toThrow(DomainError);
    try {
      refused(due)();
    } catch (err) {
      expect((err as DomainError).field).toBe('due');
    }
  });
  it.each(['2005-03', '2005', '2005-03-10', '2006-06'])('accepts %s', (due) => {
    expect(refused(due)).not.toThrow();
  });
  it('accepts no date', () => expect(() => checkDue(null, '2005-03-10')).not.toThrow());
});

describe('shownStatus', () => {
  it.each([
    ['open', '2005-06-30', '2005-06-30', 'open'],
    ['open', '2005-06-30', '2005-07-01', 'overdue'],
    ['open', null, '2099-01-01', 'open'],
    ['met', '2005-06-30', '2005-07-01', 'met'],
    ['withdrawn', '2005-06-30', '2005-07-01', 'withdrawn'],
  ] as const)('%s due by %s, as at %s: %s', (status, dueLatest, today, expected) => {
    expect(shownStatus(status, dueLatest, today)).toBe(expected);
  });
});

describe('whyNotMet', () => {
  const commitment = { participantId: 'JPN', instrumentId: 'FIREARMS', what: 'ratification' as const };
  const action = (over: Partial<ActionFacts> = {}): ActionFacts => ({
    id: 7,
    participantId: 'JPN',
    instrumentId: 'FIREARMS',
    kind: 'ratification',
    earliestOn: '2005-05-01',
    corrected: false,
    ...over,
  });
  it.each<[Partial<ActionFacts>, RegExp | null]>([
    [{}, null],
    [{ earliestOn: '2005-03-10' }, null],
    [{ participantId: 'THA' }, /THA's, not JPN's/],
    [{ instrumentId: 'UNTOC' }, /concerns UNTOC/],
    [{ kind: 'signature' }, /does not fulfil/],
    [{ earliestOn: '2005-03-09' }, /before the event began/],
    [{ earliestOn: null }, /no date/],
    [{ corrected: true }, /was corrected/],
  ])('%o: %s', (over, expected) => {
    const why = whyNotMet(commitment, action(over), '2005-03-10');
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });

  it('dates an action by the first day its partial date can stand for', () => {
    expect(earliestDay(parsePartialDate('2005-06'), null)).toBe('2005-06-01');
    expect(earliestDay(parsePartialDate('2005'), '2005-04-02')).toBe('2005-04-02');
    expect(earliestDay(parsePartialDate(''), null)).toBeNull();
  });
});
