// Who may receive technical assistance, on a date (GA resolution 56/120 para 3; Convention art. 30(2)):
// developing countries and economies in transition, by the class valid on that date; least developed,
// landlocked developing and small island developing States first; never a non-State. Table-driven on the pure
// rule, then a class change over time recorded on each store, where the earlier class stays for earlier dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classOn, eligibilityOn, type ClassPeriod } from '../../src/assistance/domain/eligibility.ts';
import { eligibility, recordDevelopmentClass } from '../../src/assistance/services/catalog.ts';
import { classPeriods } from '../../src/assistance/repository.ts';
import { createTestStore, STORE_KIND, type TestStore } from '../helpers/store.ts';

const period = (cls: string, validFrom: string | null, validTo: string | null = null): ClassPeriod => ({
  class: cls,
  validFrom,
  validTo,
  basis: `${cls} from ${validFrom ?? 'always'}`,
});

const state = (flags: Partial<{ ldc: boolean; lldc: boolean; sids: boolean; kind: string }> = {}) => ({
  name: 'Testland',
  kind: 'state',
  ldc: false,
  lldc: false,
  sids: false,
  ...flags,
});

describe('classOn: the class valid on a date', () => {
  const history = [
    period('developing', null),
    period('transition', '2010-01-01', '2014-12-31'),
    period('developed', '2020-07-01'),
  ];
  it.each([
    ['1999-12-31', 'developing'],
    ['2009-12-31', 'developing'],
    ['2010-01-01', 'transition'],
    ['2014-12-31', 'transition'],
    ['2015-01-01', 'developing'],
    ['2020-06-30', 'developing'],
    ['2020-07-01', 'developed'],
    ['2099-01-01', 'developed'],
  ])('on %s: %s', (date, cls) => {
    expect(classOn(history, date)?.class).toBe(cls);
  });

  it('the later record supersedes an open-ended earlier one, whatever the order they were stored in', () => {
    const reversed = [...history].reverse();
    for (const date of ['2000-01-01', '2012-06-01', '2016-01-01', '2021-01-01'])
      expect(classOn(reversed, date)?.class, date).toBe(classOn(history, date)?.class);
  });

  it('two records from the same day: the one stored last decides', () => {
    expect(
      classOn([period('developing', '2020-01-01'), period('transition', '2020-01-01')], '2021-01-01'),
    ).toMatchObject({
      class: 'transition',
    });
  });

  it('no record for the date: null', () => {
    expect(classOn([], '2020-01-01')).toBeNull();
    expect(classOn([period('developing', '2020-01-01')], '2019-12-31')).toBeNull();
    expect(classOn([period('developing', null, '2000-12-31')], '2001-01-01')).toBeNull();
  });
});

describe('eligibilityOn', () => {
  it.each([
    ['developing', true, 'a developing country'],
    ['transition', true, 'an economy in transition'],
    ['developed', false, 'a developed country'],
  ] as const)('%s: eligible %s', (cls, eligible, label) => {
    const e = eligibilityOn(state(), [period(cls, '1990-01-01')], '2026-03-01');
    expect(e).toMatchObject({ eligible, developmentClass: cls });
    expect(e.reason).toContain(`Testland is ${label} on 2026-03-01`);
    if (!eligible)
      expect(e.reason).toMatch(/resolution 56\/120 is for developing countries and economies in transition/);
  });

  it('a class change over time decides by the date asked about', () => {
    const history = [period('developing', '1990-01-01'), period('developed', '2030-01-01')];
    expect(eligibilityOn(state(), history, '2029-12-31')).toMatchObject({
      eligible: true,
      developmentClass: 'developing',
    });
    expect(eligibilityOn(state(), history, '2030-01-01')).toMatchObject({
      eligible: false,
      developmentClass: 'developed',
    });
    // …and back: a country can become eligible again.
    const back = [...history, period('transition', '2035-01-01')];
    expect(eligibilityOn(state(), back, '2036-01-01')).toMatchObject({
      eligible: true,
      developmentClass: 'transition',
    });
  });

  it('least developed, landlocked developing and small island developing States have priority, in that order', () => {
    const developing = [period('developing', '1990-01-01')];
    expect(eligibilityOn(state({ ldc: true, lldc: true }), developing, '2026-01-01').priority).toEqual([
      'ldc',
      'lldc',
    ]);
    expect(eligibilityOn(state({ sids: true, ldc: true }), developing, '2026-01-01').priority).toEqual([
      'ldc',
      'sids',
    ]);
    expect(eligibilityOn(state(), developing, '2026-01-01').priority).toEqual([]);
  });

  it('priority is among the eligible only: none for a developed country or an unknown class', () => {
    const flags = state({ ldc: true, lldc: true, sids: true });
    expect(eligibilityOn(flags, [period('developed', '1990-01-01')], '2026-01-01').priority).toEqual([]);
    const unknown = eligibilityOn(flags, [], '2026-01-01');
    expect(unknown).toMatchObject({ eligible: false, developmentClass: null, priority: [] });
    expect(unknown.reason).toBe('no development class is recorded for Testland on 2026-01-01');
  });

  it('a regional economic integration organization is not a State, whatever its class', () => {
    const eu = eligibilityOn(
      { ...state({ kind: 'reio', ldc: true }), name: 'European Union' },
      [period('developing', '1990-01-01')],
      '2026-01-01',
    );
    expect(eu).toEqual({
      eligible: false,
      developmentClass: null,
      reason: 'European Union is not a State',
      priority: [],
    });
  });
});

describe(`eligibility on a store, with a class change over time (${STORE_KIND})`, () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await createTestStore();
  });
  afterAll(async () => s?.close());

  it('from the reference data: WESP classes, LDC/LLDC/SIDS priority, the European Union', async () => {
    const db = s.store.db;
    expect(await eligibility(db, 'AFG', '2026-01-01')).toMatchObject({
      eligible: true,
      developmentClass: 'developing',
      priority: ['ldc', 'lldc'],
    });
    expect(await eligibility(db, 'ARM', '2026-01-01')).toMatchObject({
      eligible: true,
      developmentClass: 'transition',
    });
    expect(await eligibility(db, 'ITA', '2026-01-01')).toMatchObject({
      eligible: false,
      developmentClass: 'developed',
    });
    expect(await eligibility(db, 'EUU', '2026-01-01')).toMatchObject({ eligible: false, priority: [] });
    await expect(eligibility(db, 'ZZZ', '2026-01-01')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a reclassification applies from its date on; the earlier class stays for earlier dates', async () => {
    const ctx = s.ctx('test');
    await s.store.db.transaction().execute((db) =>
      recordDevelopmentClass(ctx, db, 'GHA', {
        class: 'developed',
        validFrom: '2031-01-01',
        basis: 'test: a reclassification',
        source: 'test',
      }),
    );
    const db = s.store.db;
    expect(await eligibility(db, 'GHA', '2030-12-31')).toMatchObject({
      eligible: true,
      developmentClass: 'developing',
    });
    const after = await eligibility(db, 'GHA', '2031-01-01');
    expect(after).toMatchObject({ eligible: false, developmentClass: 'developed' });
    expect(after.reason).toBe(
      'Ghana is a developed country on 2031-01-01 (test: a reclassification); assistance under resolution 56/120 is for developing countries and economies in transition',
    );
    const history = await classPeriods(db, 'GHA');
    expect(history.map((p) => p.class)).toEqual(['developing', 'developed']);
  });
});
