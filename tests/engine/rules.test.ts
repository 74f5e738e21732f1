import { describe, it, expect } from 'vitest';
import { DomainError, type ErrorCode } from '../../src/common/errors.ts';
import { checkNewAction, type NewAction, type RuleContext } from '../../src/treaties/domain/rules.ts';
import type { ActionKind, InstrumentRules, RegistryAction } from '../../src/treaties/domain/types.ts';
import { CONVENTION, PROTOCOL, pd } from './fixtures.ts';

const TODAY = '2024-03-15';
const FIREARMS: InstrumentRules = {
  ...PROTOCOL,
  id: 'firearms',
  shortTitle: 'Firearms Protocol',
  adoptedOn: '2001-05-31',
  signatureOpensOn: '2001-06-30',
  signatureClosesOn: '2002-12-12',
  signatureArticle: '17(1)',
};
const NO_SIGNATURE: InstrumentRules = {
  ...CONVENTION,
  id: 'closed',
  signature: 'none',
  signatureOpensOn: null,
  signatureClosesOn: null,
};
/** Open for signature from a day on, with no closing date (many treaties stay open indefinitely). */
const OPEN_ENDED: InstrumentRules = {
  ...CONVENTION,
  id: 'open-ended',
  signature: 'open',
  signatureOpensOn: '2000-12-12',
  signatureClosesOn: null,
};

let nextId = 1;
/** A recorded action of participant X. */
function rec(kind: ActionKind, date: string, instrumentId = 'untoc'): RegistryAction {
  return { id: nextId++, instrumentId, participantId: 'X', kind, date: pd(date) };
}

function ctx(partial: Partial<RuleContext> = {}): RuleContext {
  return {
    rules: CONVENTION,
    parentRules: null,
    participant: { id: 'X', name: 'Xanadu', kind: 'state' },
    history: [],
    parentHistory: [],
    today: TODAY,
    ...partial,
  };
}

/** Context for an action on the Protocol, with the participant's Convention history. */
function protocolCtx(parentHistory: RegistryAction[], history: RegistryAction[] = []): RuleContext {
  return ctx({ rules: PROTOCOL, parentRules: CONVENTION, history, parentHistory });
}

function action(
  kind: ActionKind,
  date: string,
  extra: { article?: string | null; targetActionId?: number | null; instrumentId?: string } = {},
): NewAction {
  return {
    instrumentId: extra.instrumentId ?? 'untoc',
    participantId: 'X',
    kind,
    date: pd(date),
    article: extra.article ?? null,
    targetActionId: extra.targetActionId ?? null,
  };
}

type Outcome = 'ok' | { code: ErrorCode; field: string | undefined };

function outcome(context: RuleContext, a: NewAction): Outcome {
  try {
    checkNewAction(context, a);
    return 'ok';
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
    return { code: e.code, field: e.field };
  }
}

const refused = (code: ErrorCode, field: string): Outcome => ({ code, field });

describe('checkNewAction: dates', () => {
  it.each([
    ['today', TODAY, 'ok'],
    ['the day before adoption', '2000-11-14', refused('rule_violation', 'date')],
    ['the day of adoption', '2000-11-15', 'ok'],
    ['tomorrow', '2024-03-16', refused('validation', 'date')],
    ['far in the future', '2099-01-01', refused('validation', 'date')],
    ['this month (may be before today)', '2024-03', 'ok'],
    ['next month', '2024-04', refused('validation', 'date')],
    ['this year', '2024', 'ok'],
    ['next year', '2025', refused('validation', 'date')],
    ['the month of adoption', '2000-11', 'ok'],
    ['the month before adoption', '2000-10', refused('rule_violation', 'date')],
    ['the year of adoption', '2000', 'ok'],
    ['the year before adoption', '1999', refused('rule_violation', 'date')],
    ['unknown', '', 'ok'],
  ] as const)('accession dated %s (%j)', (_label, date, expected) => {
    expect(outcome(ctx(), action('accession', date))).toEqual(expected);
  });

  it('the refusal is a DomainError whose issues name the field', () => {
    try {
      checkNewAction(ctx(), action('accession', '2030-01-01'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).issues).toEqual([{ field: 'date', message: (e as DomainError).message }]);
      expect((e as DomainError).message).toContain(TODAY);
    }
  });
});

describe('checkNewAction: signature', () => {
  it.each([
    ['before the window', CONVENTION, '2000-12-11', refused('rule_violation', 'date')],
    ['first day in Palermo', CONVENTION, '2000-12-12', 'ok'],
    ['in New York', CONVENTION, '2001-06-01', 'ok'],
    ['last day', CONVENTION, '2002-12-12', 'ok'],
    ['the day after it closes', CONVENTION, '2002-12-13', refused('rule_violation', 'date')],
    ['years later (States accede)', CONVENTION, '2005-01-01', refused('rule_violation', 'date')],
    ['month overlapping the end', CONVENTION, '2002-12', 'ok'],
    ['month overlapping the start', CONVENTION, '2000-12', 'ok'],
    ['month wholly after', CONVENTION, '2003-01', refused('rule_violation', 'date')],
    ['month wholly before (after adoption)', CONVENTION, '2000-11', refused('rule_violation', 'date')],
    ['year overlapping', CONVENTION, '2002', 'ok'],
    ['year wholly after', CONVENTION, '2003', refused('rule_violation', 'date')],
    ['unknown date', CONVENTION, '', 'ok'],
    ['Firearms: before it opens (30 Jun 2001)', FIREARMS, '2001-06-29', refused('rule_violation', 'date')],
    ['Firearms: the day it opens', FIREARMS, '2001-06-30', 'ok'],
    ['Firearms: June 2001', FIREARMS, '2001-06', 'ok'],
    ['not open for signature at all', NO_SIGNATURE, '2001-06-01', refused('rule_violation', 'kind')],
    ['open-ended: before it opens', OPEN_ENDED, '2000-12-11', refused('rule_violation', 'date')],
    ['open-ended: the day it opens', OPEN_ENDED, '2000-12-12', 'ok'],
    ['open-ended: years later', OPEN_ENDED, '2020-05-04', 'ok'],
    ['open-ended: today', OPEN_ENDED, TODAY, 'ok'],
    ['open-ended: a year only', OPEN_ENDED, '2023', 'ok'],
    ['open-ended: unknown date', OPEN_ENDED, '', 'ok'],
    ['open-ended: still refused in the future', OPEN_ENDED, '2024-03-16', refused('validation', 'date')],
  ] as const)('%s: %s %j', (_label, rules, date, expected) => {
    expect(outcome(ctx({ rules }), action('signature', date))).toEqual(expected);
  });

  it('the refusal cites the article and the window', () => {
    expect(() => checkNewAction(ctx(), action('signature', '2003-01-10'))).toThrow(
      /art\. 36\(1\).*2000-12-12 to 2002-12-12/,
    );
    expect(() => checkNewAction(ctx({ rules: OPEN_ENDED }), action('signature', '2000-12-01'))).toThrow(
      /art\. 36\(1\).*open for signature from 2000-12-12, with no closing date/,
    );
  });

  it.each([
    ['second signature', [rec('signature', '2001-01-10')], '2001-06-01', refused('conflict', 'kind')],
    [
      'second signature, first one undated',
      [rec('signature', '')],
      '2001-06-01',
      refused('conflict', 'kind'),
    ],
    [
      'signature after consent',
      [rec('ratification', '2001-01-10')],
      '2001-06-01',
      refused('rule_violation', 'kind'),
    ],
    ['signature before a recorded consent', [rec('ratification', '2004-01-10')], '2001-06-01', 'ok'],
    ['signature, consent the same year (may be after)', [rec('ratification', '2001')], '2001-06-01', 'ok'],
    ['after a declaration only', [rec('declaration', '2001-01-10')], '2001-06-01', 'ok'],
  ] as const)('%s', (_label, history, date, expected) => {
    expect(outcome(ctx({ history: [...history] }), action('signature', date))).toEqual(expected);
  });
});

// Succession to signature ("d" in the UN Treaty Collection's signature column): a successor State takes
// over its predecessor's signature, notified after independence, usually after the period has closed.
describe('checkNewAction: succession to signature', () => {
  const REIO = { id: 'X', name: 'Union', kind: 'reio' as const };
  it.each([
    ['after the period closed', CONVENTION, [], '2006-10-23', 'ok'],
    ['inside the period', CONVENTION, [], '2001-06-01', 'ok'],
    ['an open-ended period', OPEN_ENDED, [], '2020-05-04', 'ok'],
    ['before the period opened', CONVENTION, [], '2000-12-11', refused('rule_violation', 'date')],
    [
      'an instrument not open for signature',
      NO_SIGNATURE,
      [],
      '2006-10-23',
      refused('rule_violation', 'kind'),
    ],
    ['in the future', CONVENTION, [], '2024-03-16', refused('validation', 'date')],
    [
      'already signed',
      CONVENTION,
      [rec('signature', '2001-01-10')],
      '2006-10-23',
      refused('conflict', 'kind'),
    ],
    [
      'already succeeded to the signature',
      CONVENTION,
      [rec('succession_to_signature', '2006-10-23')],
      '2007-01-10',
      refused('conflict', 'kind'),
    ],
    [
      'already a party',
      CONVENTION,
      [rec('succession', '2006-10-23')],
      '2007-01-10',
      refused('rule_violation', 'kind'),
    ],
    ['consent recorded later', CONVENTION, [rec('ratification', '2010-01-10')], '2006-10-23', 'ok'],
  ] as const)('%s', (_label, rules, history, date, expected) => {
    expect(outcome(ctx({ rules, history: [...history] }), action('succession_to_signature', date))).toEqual(
      expected,
    );
  });

  it('an organization does not succeed to a signature: only a State does', () => {
    expect(outcome(ctx({ participant: REIO }), action('succession_to_signature', '2006-10-23'))).toEqual(
      refused('rule_violation', 'participantId'),
    );
  });

  it('a signature after a succession to signature is refused (one signature each)', () => {
    const history = [rec('succession_to_signature', '2001-01-10')];
    expect(outcome(ctx({ history }), action('signature', '2001-06-01'))).toEqual(refused('conflict', 'kind'));
  });

  it('a declaration after a succession to signature is accepted (the State is a signatory)', () => {
    const history = [rec('succession_to_signature', '2006-10-23')];
    expect(outcome(ctx({ history }), action('declaration', '2006-10-23'))).toEqual('ok');
  });
});

describe('checkNewAction: consent', () => {
  it.each([
    ['first consent', [], '2003-01-10', 'ok'],
    ['after signature', [rec('signature', '2001-01-10')], '2003-01-10', 'ok'],
    ['second consent', [rec('ratification', '2003-01-10')], '2004-01-10', refused('conflict', 'kind')],
    [
      'second consent dated before the first',
      [rec('ratification', '2003-01-10')],
      '2002-01-10',
      refused('conflict', 'kind'),
    ],
    [
      'consent after an effective denunciation',
      [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15')],
      '2012-01-10',
      'ok',
    ],
    [
      'consent after a denunciation, re-consent already recorded',
      [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15'), rec('accession', '2012-01-10')],
      '2014-01-10',
      refused('conflict', 'kind'),
    ],
  ] as const)('Convention: %s', (_label, history, date, expected) => {
    expect(outcome(ctx({ history: [...history] }), action('accession', date))).toEqual(expected);
  });

  it.each([
    ['no Convention consent at all', [], '2004-01-10', refused('rule_violation', 'participantId')],
    [
      'only a Convention signature',
      [rec('signature', '2001-01-10')],
      '2004-01-10',
      refused('rule_violation', 'participantId'),
    ],
    ['Convention consent the same day', [rec('ratification', '2004-01-10')], '2004-01-10', 'ok'],
    ['Convention consent before', [rec('ratification', '2003-01-10')], '2004-01-10', 'ok'],
    [
      'Convention consent the day after',
      [rec('ratification', '2004-01-11')],
      '2004-01-10',
      refused('rule_violation', 'participantId'),
    ],
    [
      'Convention consent in the same month (may be before)',
      [rec('ratification', '2004-01')],
      '2004-01-10',
      'ok',
    ],
    [
      'Protocol consent in the month of the Convention consent',
      [rec('ratification', '2004-01-20')],
      '2004-01',
      'ok',
    ],
    [
      'Protocol consent in the month before',
      [rec('ratification', '2004-01-20')],
      '2003-12',
      refused('rule_violation', 'participantId'),
    ],
    [
      'Protocol consent in the year of the Convention consent',
      [rec('ratification', '2004-06-01')],
      '2004',
      'ok',
    ],
    [
      'Convention rejoined after an effective denunciation',
      [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15'), rec('accession', '2012-01-10')],
      '2013-01-10',
      'ok',
    ],
  ] as const)('Protocol: %s', (_label, parentHistory, date, expected) => {
    expect(
      outcome(protocolCtx([...parentHistory]), action('ratification', date, { instrumentId: 'tip' })),
    ).toEqual(expected);
  });

  it('the Protocol refusal cites art. 37(2)', () => {
    expect(() =>
      checkNewAction(protocolCtx([]), action('ratification', '2004-01-10', { instrumentId: 'tip' })),
    ).toThrow(/37\(2\)/);
  });

  it('second consent to the Protocol is a conflict', () => {
    const context = protocolCtx(
      [rec('ratification', '2003-01-10')],
      [rec('ratification', '2004-01-10', 'tip')],
    );
    expect(outcome(context, action('accession', '2005-01-10', { instrumentId: 'tip' }))).toEqual(
      refused('conflict', 'kind'),
    );
  });

  // A party that denounced may consent again once the denunciation has taken effect (one year after
  // notification, UNTOC 40(1)); a date of reduced precision is refused only when every day of it is too early.
  it.each([
    ['month', '2011-01', 'ok'],
    ['year', '2011', 'ok'],
    ['day, during the notice year', '2010-06-01', refused('conflict', 'kind')],
    ['year, wholly during the notice year', '2010', refused('conflict', 'kind')],
  ] as const)('consent of %s precision after a denunciation', (_label, date, expected) => {
    const history = [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15')];
    expect(outcome(ctx({ history }), action('accession', date))).toEqual(expected);
  });
});

describe('checkNewAction: denunciation', () => {
  it.each([
    ['a non-party', [], '2010-01-10', refused('rule_violation', 'kind')],
    ['a signatory only', [rec('signature', '2001-01-10')], '2010-01-10', refused('rule_violation', 'kind')],
    ['a party', [rec('ratification', '2003-01-10')], '2010-01-10', 'ok'],
    ['a party, the day of its consent', [rec('ratification', '2003-01-10')], '2003-01-10', 'ok'],
    [
      'before its consent',
      [rec('ratification', '2003-01-10')],
      '2003-01-09',
      refused('rule_violation', 'kind'),
    ],
    ['in the month of its consent', [rec('ratification', '2003-01-10')], '2003-01', 'ok'],
    [
      'in the month before its consent',
      [rec('ratification', '2003-01-10')],
      '2002-12',
      refused('rule_violation', 'kind'),
    ],
    [
      'a second time, the same day',
      [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15')],
      '2010-01-15',
      refused('conflict', 'kind'),
    ],
    [
      'after rejoining',
      [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15'), rec('accession', '2012-01-10')],
      '2015-01-10',
      'ok',
    ],
  ] as const)('by %s', (_label, history, date, expected) => {
    expect(outcome(ctx({ history: [...history] }), action('denunciation', date))).toEqual(expected);
  });

  // The State stays a party until the first denunciation takes effect, so a second one is a conflict.
  it('a second denunciation before the first takes effect is a conflict, not "not a party"', () => {
    const history = [rec('ratification', '2003-01-10'), rec('denunciation', '2010-01-15')];
    expect(outcome(ctx({ history }), action('denunciation', '2010-06-01'))).toEqual(
      refused('conflict', 'kind'),
    );
  });

  it('the refusal cites the denunciation article', () => {
    expect(() => checkNewAction(ctx(), action('denunciation', '2010-01-10'))).toThrow(/art\. 40\(1\)/);
  });
});

describe('checkNewAction: declarations, reservations, notifications, withdrawals', () => {
  const signed = rec('signature', '2001-01-10');
  const ratified = rec('ratification', '2003-01-10');
  const reservation = rec('reservation', '2003-01-10');
  const notification = rec('notification', '2004-01-10');
  const declaration = rec('declaration', '2003-01-10');
  const otherParticipantReservation: RegistryAction = {
    ...rec('reservation', '2003-01-10'),
    participantId: 'Y',
  };

  it.each([
    [
      'declaration, neither signed nor consented',
      'declaration',
      [],
      '2005-01-10',
      {},
      refused('rule_violation', 'kind'),
    ],
    [
      'reservation, neither signed nor consented',
      'reservation',
      [],
      '2005-01-10',
      {},
      refused('rule_violation', 'kind'),
    ],
    [
      'objection, neither signed nor consented',
      'objection',
      [],
      '2005-01-10',
      {},
      refused('rule_violation', 'kind'),
    ],
    ['declaration by a signatory', 'declaration', [signed], '2001-01-10', {}, 'ok'],
    ['declaration by a party', 'declaration', [ratified], '2005-01-10', {}, 'ok'],
    [
      'declaration before signing',
      'declaration',
      [signed],
      '2001-01-09',
      {},
      refused('rule_violation', 'kind'),
    ],
    ['declaration in the year of signing', 'declaration', [signed], '2001', {}, 'ok'],
    [
      'declaration in the year before signing',
      'declaration',
      [signed],
      '2000',
      {},
      refused('rule_violation', 'kind'),
    ],
    ['reservation on consent', 'reservation', [ratified], '2003-01-10', { article: '35(3)' }, 'ok'],
    ['territorial application', 'territorial_application', [ratified], '2005-01-10', {}, 'ok'],
    [
      'notification without article',
      'notification',
      [ratified],
      '2005-01-10',
      {},
      refused('validation', 'article'),
    ],
    [
      'notification with empty article',
      'notification',
      [ratified],
      '2005-01-10',
      { article: '' },
      refused('validation', 'article'),
    ],
    ['notification under art. 18(13)', 'notification', [ratified], '2005-01-10', { article: '18(13)' }, 'ok'],
    [
      'notification by a non-participant',
      'notification',
      [],
      '2005-01-10',
      { article: '18(13)' },
      refused('rule_violation', 'kind'),
    ],
    [
      'withdrawal without target',
      'withdrawal',
      [ratified, reservation],
      '2008-01-10',
      {},
      refused('validation', 'targetActionId'),
    ],
    [
      'withdrawal of an unknown action',
      'withdrawal',
      [ratified, reservation],
      '2008-01-10',
      { targetActionId: 999_999 },
      refused('validation', 'targetActionId'),
    ],
    [
      'withdrawal of a signature',
      'withdrawal',
      [signed, ratified],
      '2008-01-10',
      { targetActionId: signed.id },
      refused('validation', 'targetActionId'),
    ],
    [
      'withdrawal of a ratification',
      'withdrawal',
      [ratified],
      '2008-01-10',
      { targetActionId: ratified.id },
      refused('validation', 'targetActionId'),
    ],
    [
      "withdrawal of another participant's reservation",
      'withdrawal',
      [ratified],
      '2008-01-10',
      { targetActionId: otherParticipantReservation.id },
      refused('validation', 'targetActionId'),
    ],
    [
      'withdrawal of a reservation',
      'withdrawal',
      [ratified, reservation],
      '2008-01-10',
      { targetActionId: reservation.id },
      'ok',
    ],
    [
      'withdrawal of a declaration',
      'withdrawal',
      [ratified, declaration],
      '2008-01-10',
      { targetActionId: declaration.id },
      'ok',
    ],
    [
      'withdrawal of a notification',
      'withdrawal',
      [ratified, notification],
      '2008-01-10',
      { targetActionId: notification.id },
      'ok',
    ],
  ] as [
    string,
    ActionKind,
    RegistryAction[],
    string,
    { article?: string; targetActionId?: number },
    Outcome,
  ][])('%s', (_label, kind, history, date, extra, expected) => {
    expect(outcome(ctx({ history }), action(kind, date, extra))).toEqual(expected);
  });
});

describe('checkNewAction: reduced precision is refused only when every day breaks the rule', () => {
  // [rule, context, kind, date that overlaps an allowed day, date wholly outside]
  const cases: [string, RuleContext, ActionKind, string, string][] = [
    ['future date', ctx(), 'accession', '2024-03', '2024-04'],
    ['before adoption', ctx(), 'accession', '2000-11', '2000-10'],
    ['signature window', ctx(), 'signature', '2002-12', '2003-01'],
    ['signature window (year)', ctx(), 'signature', '2002', '2003'],
    [
      'Protocol needs the Convention',
      protocolCtx([rec('ratification', '2004-06-15')]),
      'accession',
      '2004-06',
      '2004-05',
    ],
    [
      'only a party may denounce',
      ctx({ history: [rec('ratification', '2004-06-15')] }),
      'denunciation',
      '2004',
      '2003',
    ],
    [
      'a statement needs signature or consent',
      ctx({ history: [rec('signature', '2001-06-15')] }),
      'declaration',
      '2001-06',
      '2001-05',
    ],
  ];

  it.each(cases)('%s: overlapping interval allowed', (_label, context, kind, overlapping) => {
    const instrumentId = context.rules.id;
    expect(outcome(context, action(kind, overlapping, { instrumentId }))).toBe('ok');
  });

  it.each(cases)('%s: interval wholly outside refused', (_label, context, kind, _overlapping, outside) => {
    const instrumentId = context.rules.id;
    expect(outcome(context, action(kind, outside, { instrumentId }))).not.toBe('ok');
  });
});

describe('checkNewAction: dispute-clause opt-outs, objections, articles a source does not give', () => {
  const UNTOC: InstrumentRules = { ...CONVENTION, id: 'UNTOC' };
  const signed = rec('signature', '2000-12-12', 'UNTOC');
  const ratified = rec('ratification', '2003-01-10', 'UNTOC');
  const on = (history: RegistryAction[]) => ctx({ rules: UNTOC, history });
  const optOut = (date: string, article = '35(2)') => ({
    ...action('reservation', date, { article, instrumentId: 'UNTOC' }),
  });

  it.each([
    ['at signature (35(2) as the depositary cites it)', [signed, ratified], optOut('2000-12-12'), 'ok'],
    [
      'at ratification (35(3), the paragraph it is made under)',
      [signed, ratified],
      optOut('2003-01-10', '35(3)'),
      'ok',
    ],
    ['in the month of ratification (not refused on a guess)', [ratified], optOut('2003-01'), 'ok'],
    ['date not known', [ratified], optOut(''), 'ok'],
    [
      'a year after ratification',
      [signed, ratified],
      optOut('2004-01-10'),
      refused('rule_violation', 'date'),
    ],
    [
      'written "art. 35.2", a day after',
      [ratified],
      optOut('2003-01-11', 'art. 35.2'),
      refused('rule_violation', 'date'),
    ],
  ] as const)('an opt-out %s', (_name, history, a, expected) => {
    expect(outcome(on([...history]), a)).toEqual(expected);
  });

  it('another reservation may come at any time after consent (only the dispute clause is tied to it)', () => {
    expect(outcome(on([ratified]), optOut('2004-01-10', '18'))).toBe('ok');
  });

  it('an objection names its target: the statement, or at least the participant that made it', () => {
    const objection = action('objection', '2005-01-10', { instrumentId: 'UNTOC' });
    expect(outcome(on([ratified]), objection)).toEqual(refused('validation', 'targetActionId'));
    expect(outcome(on([ratified]), { ...objection, targetParticipantId: 'AFG' })).toBe('ok');
    expect(outcome(on([ratified]), { ...objection, targetActionId: 7 })).toBe('ok');
  });

  it('a notification from a cited file whose source gives no article is recorded under none', () => {
    const notification = action('notification', '2005-01-10', { instrumentId: 'UNTOC' });
    expect(outcome(on([ratified]), notification)).toEqual(refused('validation', 'article'));
    expect(outcome(on([ratified]), { ...notification, sourceGivesNoArticle: true })).toBe('ok');
  });
});
