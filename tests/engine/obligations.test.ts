// The obligations calendar's pure rules (src/obligations/domain/obligations.ts): reading the catalogue's
// `notifications` cells, due dates as YYYY-MM-DD arithmetic, and the four statuses with the honesty rule —
// an absence is "not recorded here" unless the Secretariat keeps the State complete over the whole window.
import { describe, expect, it } from 'vitest';
import { parsePartialDate, type PartialDate } from '../../src/common/dates.ts';
import {
  articleReferences,
  dutiesFromCatalogue,
  instrumentCalendar,
  type Joining,
  type RecordedStatement,
} from '../../src/obligations/domain/obligations.ts';

const CATALOGUE = [
  {
    instrumentId: 'UNTOC',
    article: '5',
    obligation: 'mandatory',
    notifications:
      '5(3): inform that domestic law requires involvement of an organized criminal group or an act in furtherance (at signature or deposit)',
  },
  {
    instrumentId: 'UNTOC',
    article: '6',
    obligation: 'mandatory',
    notifications:
      '6(2)(d): furnish copies of laws giving effect to article 6 and of later changes (or a description)',
  },
  {
    instrumentId: 'UNTOC',
    article: '18',
    obligation: 'mandatory',
    notifications:
      '18(13): designate central authority (at deposit); 18(14): acceptable language(s) for requests (at deposit)',
  },
  {
    instrumentId: 'UNTOC',
    article: '35',
    obligation: 'none',
    notifications: '35(3): declaration not bound by 35(2) (at signature or consent)',
  },
  {
    instrumentId: 'SOM',
    article: '8',
    obligation: 'mandatory',
    notifications:
      '8(6): designated authority for requests on vessels, notified through the Secretary-General within one month of designation',
  },
];
const duties = dutiesFromCatalogue(CATALOGUE);
const day = (d: string | null): PartialDate | null => (d === null ? null : parsePartialDate(d));
const joining = (over: Partial<Joining> & { instrumentId?: string } = {}): Joining => ({
  instrumentId: 'UNTOC',
  signature: day('2000-12-12'),
  consent: day('2004-05-10'),
  entryIntoForce: '2004-06-09',
  ...over,
});
const statusOf = (
  ref: string,
  j: Joining,
  statements: RecordedStatement[] = [],
  completeSince: string | null = null,
  today = '2026-06-30',
) => {
  const c = instrumentCalendar(duties, j, statements, completeSince, today);
  const o = c.obligations.find((x) => x.reference === ref);
  if (!o) throw new Error(`no ${ref}`);
  return o;
};

describe('reading the catalogue', () => {
  it('keeps the duties (mandatory, consider), one per item, with their timing', () => {
    expect(duties.map((d) => [d.instrumentId, d.reference, d.timing, d.months])).toEqual([
      ['UNTOC', '5(3)', 'at_signature_or_deposit', null],
      ['UNTOC', '6(2)(d)', 'standing', null],
      ['UNTOC', '18(13)', 'at_deposit', null],
      ['UNTOC', '18(14)', 'at_deposit', null],
      ['SOM', '8(6)', 'within_months', 1],
    ]);
    expect(duties[2]?.text).toBe('designate central authority');
    expect(duties[0]?.condition).toMatch(/domestic law requires/);
    expect(duties[2]?.condition).toBeNull();
  });

  it('reads recorded articles in their usual spellings', () => {
    expect(articleReferences('art. 18(13)')).toEqual(['18(13)']);
    expect(articleReferences('18.13')).toEqual(['18(13)']);
    expect(articleReferences('16 (5) (a)')).toEqual(['16(5)(a)']);
    expect(articleReferences('6(2)(c); 9(1)(a), 9(2)')).toEqual(['6(2)(c)', '9(1)(a)', '9(2)']);
    expect(articleReferences(null)).toEqual([]);
  });
});

describe('due dates', () => {
  it('at deposit: the deposit day; at signature or deposit: opens at signature', () => {
    expect(statusOf('18(13)', joining())).toMatchObject({ dueOn: '2004-05-10', opensOn: '2004-05-10' });
    expect(statusOf('5(3)', joining())).toMatchObject({ dueOn: '2004-05-10', opensOn: '2000-12-12' });
    expect(statusOf('5(3)', joining({ signature: null }))).toMatchObject({ opensOn: '2004-05-10' });
  });

  it('SoM 8(6): one month after entry into force for the State, on the month’s last day when needed', () => {
    const som = (eif: string) =>
      statusOf('8(6)', joining({ instrumentId: 'SOM', entryIntoForce: eif })).dueOn;
    expect(som('2004-01-28')).toBe('2004-02-28');
    expect(som('2004-01-31')).toBe('2004-02-29');
    expect(som('2005-01-31')).toBe('2005-02-28');
    expect(som('2003-12-15')).toBe('2004-01-15');
    // Past the calendar's end there is no due day, not a five-digit year.
    expect(som('9999-12-15')).toBeNull();
  });

  it('a deposit known to the month only gives no due day, and nothing is called overdue', () => {
    const o = statusOf('18(13)', joining({ consent: day('2015-06') }), [], '2000-01-01');
    expect(o.dueOn).toBeNull();
    expect(o.status).toBe('not_recorded');
  });
});

describe('statuses', () => {
  const n = (article: string | null, kind = 'notification', id = 7): RecordedStatement => ({
    actionId: id,
    instrumentId: 'UNTOC',
    kind,
    article,
    date: '2004-05-10',
  });

  it('made: a notification or declaration naming the paragraph', () => {
    expect(statusOf('18(13)', joining(), [n('18(13)')])).toMatchObject({
      status: 'made',
      madeBy: { actionId: 7, kind: 'notification' },
    });
    expect(statusOf('5(3)', joining(), [n('art. 5(3)', 'declaration')]).status).toBe('made');
    // Another paragraph, another kind, another instrument do not count.
    expect(statusOf('18(13)', joining(), [n('18(14)')]).status).toBe('not_recorded');
    expect(statusOf('18(13)', joining(), [n('18(13)', 'reservation')]).status).toBe('not_recorded');
    expect(statusOf('18(13)', joining(), [{ ...n('18(13)'), instrumentId: 'TIP' }]).status).toBe(
      'not_recorded',
    );
  });

  it('not recorded here, never overdue, while the Secretariat has not marked completeness', () => {
    for (const ref of ['5(3)', '6(2)(d)', '18(13)', '18(14)']) {
      expect(statusOf(ref, joining()).status).toBe('not_recorded');
    }
  });

  it('overdue since the due day when kept complete over the whole window', () => {
    const o = statusOf('18(13)', joining(), [], '2004-01-01');
    expect(o).toMatchObject({ status: 'overdue', overdueSince: '2004-05-10' });
    // Completeness from after the deposit: the notification may have been made before it.
    expect(statusOf('18(13)', joining(), [], '2004-05-11').status).toBe('not_recorded');
    // From the very day of deposit: kept.
    expect(statusOf('18(13)', joining(), [], '2004-05-10').status).toBe('overdue');
  });

  it('a conditional duty (5(3)) is never overdue: whether the State owes it is not recorded', () => {
    expect(statusOf('5(3)', joining(), [], '1990-01-01').status).toBe('not_recorded');
  });

  it('standing duties: outstanding when kept complete since they arose, else not recorded', () => {
    expect(statusOf('6(2)(d)', joining(), [], '2004-01-01')).toMatchObject({
      status: 'outstanding',
      dueOn: null,
    });
    expect(statusOf('6(2)(d)', joining(), [], '2010-01-01').status).toBe('not_recorded');
  });

  it('outstanding while the due day has not come, and while the State has only signed', () => {
    const future = joining({ consent: day('2026-07-01'), entryIntoForce: '2026-07-31' });
    expect(statusOf('18(13)', future, [], '2020-01-01')).toMatchObject({
      status: 'outstanding',
      dueOn: '2026-07-01',
    });
    // Due today: not yet late.
    expect(statusOf('18(13)', joining(), [], '2000-01-01', '2004-05-10').status).toBe('outstanding');
    const signed = statusOf('18(13)', joining({ consent: null, entryIntoForce: null }), [], '2000-01-01');
    expect(signed).toMatchObject({ status: 'outstanding', dueOn: null });
  });

  it('lists notifications under no article apart, fulfilling nothing', () => {
    const c = instrumentCalendar(duties, joining(), [n(null)], null, '2026-06-30');
    expect(c.unattributed).toEqual([{ actionId: 7, kind: 'notification', date: '2004-05-10' }]);
    expect(c.obligations.every((o) => o.status !== 'made')).toBe(true);
  });
});
