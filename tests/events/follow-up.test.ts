import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import { kaplanMeier } from '../../src/events/domain/follow-up-curve.ts';
import {
  computeFollowUp,
  FOLLOW_UP_LIMITS,
  type AttendanceFollowUp,
  type FollowUpAction,
  type FollowUpEvent,
  type FollowUpInput,
  type RegionFollowUp,
} from '../../src/events/domain/follow-up.ts';

const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];

const seminar = (over: Partial<FollowUpEvent> = {}): FollowUpEvent => ({
  id: 'bamako',
  kind: 'pre-ratification seminar',
  start: '2003-11-25',
  end: '2003-11-28',
  instruments: ['UNTOC'],
  targetStates: ['MLI', 'SEN', 'NER', 'GHA'],
  invited: null,
  attended: ['MLI', 'SEN'],
  ...over,
});

const consent = (participantId: string, date: string, instrumentId = 'UNTOC'): FollowUpAction => ({
  participantId,
  instrumentId,
  kind: 'ratification',
  date,
});
const signature = (participantId: string, date: string, instrumentId = 'UNTOC'): FollowUpAction => ({
  participantId,
  instrumentId,
  kind: 'signature',
  date,
});

const run = (over: Partial<FollowUpInput>) =>
  computeFollowUp({
    events: [seminar()],
    actions: [],
    asOf: '2014-07-10',
    instrumentIds: INSTRUMENTS,
    ...over,
  });
const attendance = (over: Partial<FollowUpInput>) => run(over).events[0] as AttendanceFollowUp;
const region = (over: Partial<FollowUpInput>) => run(over).events[0] as RegionFollowUp;
const pair = (view: AttendanceFollowUp, state: string, instrument = 'UNTOC') =>
  [...view.attendees, ...view.comparison]
    .find((s) => s.participantId === state)
    ?.instruments.find((i) => i.instrumentId === instrument);

describe('follow-up, attendance known', () => {
  it('leaves a State already a party before the event out of the denominator, and says so', () => {
    const view = attendance({ actions: [consent('MLI', '2002-04-12'), consent('SEN', '2003-11-24')] });
    for (const state of ['MLI', 'SEN']) {
      const p = pair(view, state);
      expect(p?.atRisk).toBe(false);
      expect(p?.standingBefore).toBe('party');
      expect(p?.consent).toBeNull();
      expect(p?.excludedBecause).toMatch(/already a party before the event began/);
    }
    expect(view.curves.attendees.all).toMatchObject({
      atRiskAtStart: 0,
      excludedAlreadyParty: 2,
      consented: 0,
    });
  });

  it('keeps a signatory before the event at risk and counts its later consent, not its earlier signature', () => {
    const view = attendance({ actions: [signature('MLI', '2000-12-15'), consent('MLI', '2004-03-01')] });
    const p = pair(view, 'MLI');
    expect(p).toMatchObject({ standingBefore: 'signatory', atRisk: true, signature: null });
    expect(p?.consent).toMatchObject({ on: '2004-03-01', daysAfterEnd: 94, withinWindow: true });
  });

  it('counts a consent on the last day as day 0 and one during the event as day 0, during', () => {
    const view = attendance({ actions: [consent('MLI', '2003-11-28'), consent('SEN', '2003-11-25')] });
    expect(pair(view, 'MLI')?.consent).toMatchObject({ daysAfterEnd: 0, duringEvent: false });
    expect(pair(view, 'SEN')?.consent).toMatchObject({ daysAfterEnd: 0, duringEvent: true });
    expect(view.curves.attendees.all.steps[0]).toMatchObject({ day: 0, atRisk: 2, consents: 2 });
  });

  it('never counts an action dated the day before the first day', () => {
    const view = attendance({ actions: [consent('MLI', '2003-11-24'), signature('SEN', '2003-11-24')] });
    expect(pair(view, 'MLI')?.atRisk).toBe(false);
    expect(pair(view, 'SEN')).toMatchObject({ standingBefore: 'signatory', signature: null, consent: null });
  });

  it('reports the first signature and the first consent once, however often recorded', () => {
    const actions = [
      signature('MLI', '2004-01-10'),
      signature('MLI', '2004-01-10'),
      consent('MLI', '2004-06-01'),
      consent('MLI', '2004-06-01'),
      consent('MLI', '2005-06-01'),
    ];
    const view = attendance({ actions });
    expect(pair(view, 'MLI')?.signature).toMatchObject({ on: '2004-01-10', kind: 'signature' });
    expect(pair(view, 'MLI')?.consent).toMatchObject({ on: '2004-06-01', daysAfterEnd: 186 });
    expect(view.curves.attendees.all.consented).toBe(1);
  });

  it('counts consents within the window and not after it (730 days: day 730 in, day 731 out)', () => {
    const view = attendance({ actions: [consent('MLI', '2005-11-27'), consent('SEN', '2005-11-28')] });
    expect(pair(view, 'MLI')?.consent).toMatchObject({ daysAfterEnd: 730, withinWindow: true });
    expect(pair(view, 'SEN')?.consent).toMatchObject({ daysAfterEnd: 731, withinWindow: false });
    expect(view.censoredBy).toBe('window');
    expect(view.observedDays).toBe(730);
    expect(view.curves.attendees.all.steps).toEqual([
      { day: 730, atRisk: 2, consents: 1, censored: 1, cumulativeShare: 0.5 },
    ]);
  });

  it('censors at the as-of date when it comes before the window ends, and ignores later actions', () => {
    const report = run({
      asOf: '2004-06-30',
      actions: [consent('MLI', '2004-02-01'), consent('SEN', '2004-07-01')],
    });
    const view = report.events[0] as AttendanceFollowUp;
    expect(view).toMatchObject({ censoredBy: 'as-of date', observedUntil: '2004-06-30', observedDays: 215 });
    expect(pair(view, 'SEN')?.consent).toBeNull();
    expect(report.ignoredAfterAsOf.actions).toBe(1);
    expect(view.curves.attendees.all.steps).toEqual([
      { day: 65, atRisk: 2, consents: 1, censored: 0, cumulativeShare: 0.5 },
      { day: 215, atRisk: 1, consents: 0, censored: 1, cumulativeShare: 0.5 },
    ]);
  });

  it('says when the event ends after the as-of date', () => {
    const view = attendance({ asOf: '2003-11-26', actions: [consent('MLI', '2003-11-25')] });
    expect(view).toMatchObject({ observedUntil: '2003-11-26', observedDays: 0, censoredBy: 'as-of date' });
    expect(view.shown).toMatch(/nothing after it is known yet/);
    expect(pair(view, 'MLI')?.consent).toMatchObject({ daysAfterEnd: 0, duringEvent: true });
    expect(attendance({}).shown).not.toMatch(/nothing after it is known yet/);
  });

  it('compares with invited States that did not attend, or the target States when invitations are unknown', () => {
    const fromTarget = attendance({});
    expect(fromTarget.comparisonFrom).toBe('target States (invitations not recorded)');
    expect(fromTarget.comparison.map((s) => s.participantId)).toEqual(['GHA', 'NER']);
    const fromInvited = attendance({
      events: [seminar({ invited: ['MLI', 'SEN', 'NER', 'CIV'], attended: ['MLI', 'SEN', 'TGO'] })],
    });
    expect(fromInvited.comparisonFrom).toBe('invited');
    expect(fromInvited.attendees.map((s) => s.participantId)).toEqual(['MLI', 'SEN', 'TGO']);
    expect(fromInvited.comparison.map((s) => s.participantId)).toEqual(['CIV', 'NER']);
  });

  it('follows the comparison group over the same window, with its own curve', () => {
    const view = attendance({ actions: [consent('NER', '2004-08-16'), consent('MLI', '2004-02-02')] });
    expect(view.curves.comparison.all.steps).toEqual([
      { day: 262, atRisk: 2, consents: 1, censored: 0, cumulativeShare: 0.5 },
      { day: 730, atRisk: 1, consents: 0, censored: 1, cumulativeShare: 0.5 },
    ]);
    expect(view.curves.attendees.all.finalShare).toBe(0.5);
  });

  it('says which States asked for technical assistance from the event on', () => {
    const view = attendance({
      assistanceRequests: [
        { participantId: 'MLI', date: '2003-10-01' },
        { participantId: 'SEN', date: '2003-10-01' },
        { participantId: 'SEN', date: '2004-05-01' },
      ],
    });
    expect(view.attendees.find((s) => s.participantId === 'MLI')?.assistanceRequest).toBeNull();
    expect(view.attendees.find((s) => s.participantId === 'SEN')?.assistanceRequest).toMatchObject({
      on: '2004-05-01',
      daysAfterEnd: 155,
    });
  });

  it('follows every instrument when the agenda is not recorded, in the registry order', () => {
    const view = attendance({ events: [seminar({ instruments: [] })] });
    expect(view.instrumentsFrom).toBe('all instruments (agenda not recorded)');
    expect(view.instruments).toEqual(INSTRUMENTS);
    expect(view.curves.attendees.byInstrument.map((c) => c.instrumentId)).toEqual(INSTRUMENTS);
  });

  it('words the result as "after", never as a cause', () => {
    const view = attendance({});
    expect(view.shown).toMatch(/after/);
    expect(view.shown).not.toMatch(/because|caused|thanks to|due to/i);
  });
});

describe('Kaplan–Meier table', () => {
  it('pools subjects observed over different windows', () => {
    const curve = kaplanMeier(
      [
        { day: 5, consented: true },
        { day: 3, consented: false },
        { day: 10, consented: true },
        { day: 10, consented: false },
      ],
      1,
    );
    expect(curve.steps).toEqual([
      { day: 3, atRisk: 4, consents: 0, censored: 1, cumulativeShare: 0 },
      { day: 5, atRisk: 3, consents: 1, censored: 0, cumulativeShare: expect.closeTo(1 / 3, 12) },
      { day: 10, atRisk: 2, consents: 1, censored: 1, cumulativeShare: expect.closeTo(2 / 3, 12) },
    ]);
    expect(curve).toMatchObject({ atRiskAtStart: 4, excludedAlreadyParty: 1, consented: 2 });
  });

  it('is empty with no subjects', () => {
    expect(kaplanMeier([], 3)).toEqual({
      atRiskAtStart: 0,
      excludedAlreadyParty: 3,
      consented: 0,
      steps: [],
      finalShare: 0,
    });
  });
});

describe('follow-up, attendance unknown', () => {
  const historical = seminar({ attended: null, instruments: ['UNTOC', 'TIP'] });

  it('counts the target States’ consents in the 12 months before and after, by instrument', () => {
    const view = region({
      events: [historical],
      actions: [
        consent('MLI', '2002-11-25'), // first day of the 12 months before
        consent('SEN', '2002-11-24'), // the day before them: not counted
        consent('NER', '2003-11-24', 'TIP'), // the day before the event
        consent('GHA', '2003-11-26'), // during
        consent('SEN', '2004-11-28', 'TIP'), // last day of the 12 months after
        consent('MLI', '2004-11-29', 'TIP'), // the day after them
        consent('FRA', '2004-01-01'), // not a target State
        consent('GHA', '2004-01-01', 'SOM'), // not on the agenda
      ],
    });
    expect(view.periods).toEqual({
      before: { from: '2002-11-25', to: '2003-11-24', cutAtAsOf: false },
      during: { from: '2003-11-25', to: '2003-11-28', cutAtAsOf: false },
      after: { from: '2003-11-29', to: '2004-11-28', cutAtAsOf: false },
    });
    expect(view.byInstrument).toEqual([
      { instrumentId: 'UNTOC', before: ['MLI'], during: ['GHA'], after: [] },
      { instrumentId: 'TIP', before: ['NER'], during: [], after: ['SEN'] },
    ]);
    expect(view.totals).toEqual({ before: 2, during: 1, after: 1 });
    expect(view.shown).toMatch(/12 months before the event and in the 12 months after it/);
    expect(view.shown).not.toMatch(/because|caused|thanks to|due to/i);
  });

  it('uses calendar months, falling back to the month’s last day', () => {
    const view = region({
      events: [seminar({ attended: null, start: '2004-02-29', end: '2004-02-29' })],
    }).periods;
    expect(view.before).toEqual({ from: '2003-02-28', to: '2004-02-28', cutAtAsOf: false });
    expect(view.after).toEqual({ from: '2004-03-01', to: '2005-02-28', cutAtAsOf: false });
  });

  it('cuts the period after at the as-of date and says so', () => {
    const view = region({ events: [historical], asOf: '2004-03-01' });
    expect(view.periods.after).toEqual({ from: '2003-11-29', to: '2004-03-01', cutAtAsOf: true });
  });

  it('stays inside the calendar at both ends', () => {
    const early = region({ events: [seminar({ attended: null, start: '0001-01-01', end: '0001-01-02' })] });
    expect(early.periods.before).toEqual({ from: null, to: null, cutAtAsOf: false });
    const late = region({
      asOf: '9999-12-31',
      events: [seminar({ attended: null, start: '9999-06-01', end: '9999-06-02' })],
    });
    expect(late.periods.after).toEqual({ from: '9999-06-03', to: '9999-12-31', cutAtAsOf: false });
    const lateAttendance = attendance({
      asOf: '9999-12-31',
      events: [seminar({ start: '9999-12-30', end: '9999-12-31' })],
    });
    expect(lateAttendance).toMatchObject({ observedUntil: '9999-12-31', observedDays: 0 });
  });
});

describe('follow-up across events of one kind', () => {
  it('pools cohorts, each State–instrument pair once per event', () => {
    const report = run({
      events: [seminar({ id: 'a' }), seminar({ id: 'b', start: '2004-03-01', end: '2004-03-02' })],
      actions: [consent('MLI', '2004-06-01')],
    });
    const kind = report.byKind[0];
    expect(kind).toMatchObject({ kind: 'pre-ratification seminar', events: 2, attendanceEvents: 2 });
    // MLI and SEN attended both: 4 attendee subjects, MLI's one consent counted for each event.
    expect(kind?.curves.attendees.all).toMatchObject({ atRiskAtStart: 4, consented: 2 });
    expect(kind?.shown).not.toMatch(/because|caused|thanks to|due to/i);
  });

  it('pools events observed over different windows, each censored at its own', () => {
    const report = run({
      asOf: '2004-12-31',
      events: [seminar({ id: 'a' }), seminar({ id: 'b', start: '2004-06-01', end: '2004-06-01' })],
      actions: [consent('MLI', '2004-07-01')],
    });
    // Event a: observed 399 days (to the as-of date), MLI consented on day 216; event b: 213 days, day 30.
    expect(report.byKind[0]?.curves.attendees.all.steps).toEqual([
      { day: 30, atRisk: 4, consents: 1, censored: 0, cumulativeShare: 0.25 },
      { day: 213, atRisk: 3, consents: 0, censored: 1, cumulativeShare: 0.25 },
      { day: 216, atRisk: 2, consents: 1, censored: 0, cumulativeShare: 0.625 },
      { day: 399, atRisk: 1, consents: 0, censored: 1, cumulativeShare: 0.625 },
    ]);
  });

  it('sums the region counts of events without attendance', () => {
    const report = run({
      events: [
        seminar({ id: 'a', attended: null }),
        seminar({ id: 'b', attended: null, start: '2004-01-10', end: '2004-01-10' }),
      ],
      actions: [consent('MLI', '2004-01-05')],
    });
    expect(report.byKind[0]?.region.byInstrument).toEqual([
      { instrumentId: 'UNTOC', before: 1, during: 0, after: 1 },
    ]);
  });
});

describe('follow-up input bounds', () => {
  const refuses = (over: Partial<FollowUpInput>, field: string) => {
    let caught: unknown;
    try {
      run(over);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('validation');
    expect((caught as DomainError).field).toBe(field);
  };

  it('refuses more events than the limit', () => {
    const events = Array.from({ length: FOLLOW_UP_LIMITS.events + 1 }, (_, i) => seminar({ id: `e${i}` }));
    refuses({ events }, 'events');
  });

  it('refuses impossible dates, reversed events, bad options and duplicates, at their field', () => {
    refuses({ asOf: '2014-02-30' }, 'asOf');
    refuses({ events: [seminar({ start: '10000-01-01' })] }, 'events[0].start');
    refuses({ events: [seminar({ end: '2003-11-24' })] }, 'events[0].end');
    refuses({ windowDays: -1 }, 'windowDays');
    refuses({ windowDays: 1.5 }, 'windowDays');
    refuses({ monthsAround: 0 }, 'monthsAround');
    refuses({ events: [seminar(), seminar()] }, 'events[1].id');
    refuses(
      { actions: [{ ...consent('MLI', '2004-01-01'), kind: 'declaration' as never }] },
      'actions[0].kind',
    );
    refuses({ actions: [consent('', '2004-01-01')] }, 'actions[0].participantId');
    refuses(
      { assistanceRequests: [{ participantId: 'MLI', date: '2004-13-01' }] },
      'assistanceRequests[0].date',
    );
  });

  it('refuses more States in a list than the limit', () => {
    const many = Array.from({ length: FOLLOW_UP_LIMITS.statesPerList + 1 }, (_, i) => `S${i}`);
    refuses({ events: [seminar({ targetStates: many })] }, 'events[0].targetStates');
  });

  it('refuses more State–instrument pairs in all than the limit', () => {
    const states = Array.from({ length: 1000 }, (_, i) => `S${i}`);
    const events = Array.from({ length: 1300 }, (_, i) =>
      seminar({ id: `e${i}`, targetStates: states, attended: null, instruments: INSTRUMENTS }),
    );
    refuses({ events }, 'events');
  });
});
