// The rules of a draft, pure: the period filled in from the previous report, every issue of a draft listed
// at its field at once, and a draft turned into one language's ReportInput with amounts in minor units of
// their currency's own decimals.
import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  defaultPeriod,
  reportInputOf,
  type ReportDraft,
} from '../../src/reports/domain/draft.ts';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import { draftInput } from './records-support.ts';

const DECIMALS = new Map([
  ['USD', 2],
  ['JPY', 0],
  ['KWD', 3],
]);
const rules = {
  today: '2026-07-01',
  catalogue: { figures: FIGURES, instrumentIds: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'] },
  currencyDecimals: DECIMALS,
};
const draft = (overrides: Partial<ReportDraft> = {}): ReportDraft => ({
  ...draftInput(),
  period: { from: '2004-03-01', to: '2005-03-08' },
  ...overrides,
});

describe('defaultPeriod', () => {
  it.each([
    ['the first report: from the adoption', null, {}, { from: '2000-11-15', to: '2005-03-08' }],
    ['from the day after the previous report', '2004-03-01', {}, { from: '2004-03-02', to: '2005-03-08' }],
    [
      'as given',
      '2004-03-01',
      { from: '2004-06-01', to: '2005-01-01' },
      { from: '2004-06-01', to: '2005-01-01' },
    ],
    ['one end given', '2004-03-01', { to: '2005-01-01' }, { from: '2004-03-02', to: '2005-01-01' }],
  ])('%s', (_what, previous, given, expected) => {
    expect(defaultPeriod('2005-03-08', previous, given)).toEqual(expected);
  });
});

describe('checkDraft', () => {
  it('passes a good draft', () => {
    expect(checkDraft(draft(), rules)).toEqual([]);
  });

  it('lists every issue at its field, not only the first', () => {
    const input = draftInput({ asAt: '2027-01-01', date: '2027-01-02', symbol: 'E/CN.15/2005/0' });
    input.texts.fr.paragraphs.introduction = '{{fund.paid | words}}';
    const d = draft({ ...input, period: { from: '2004-03-01', to: '2005-03-08' } });
    expect(checkDraft(d, rules).map((i) => i.field)).toEqual([
      'asAt',
      'symbol',
      'texts.fr.paragraphs.introduction',
    ]);
  });
});

describe('reportInputOf', () => {
  it('gives one language its words and the amounts in minor units of their currency', () => {
    const resource = (amount: string, currency: string) => ({
      posts: null,
      amount: { amount, currency },
      description: { en: 'E', fr: 'F' },
      source: { en: 'SE', fr: 'SF' },
    });
    const d = draft({
      resources: [resource('1234.5', 'USD'), resource('10', 'JPY'), resource('1.234', 'KWD')],
    });
    const fr = reportInputOf(d, 'fr', DECIMALS);
    expect(fr.locale).toBe('fr');
    expect(fr.session).toMatchObject({
      place: 'Vienne',
      agendaTitle: 'Prévention du crime et justice pénale',
    });
    expect(fr.paragraphs.status).toBe(d.texts.fr.paragraphs.status);
    expect(fr.resources.map((r) => [r.amount?.minor, r.amount?.minorUnits, r.description, r.source])).toEqual(
      [
        [123450n, 2, 'F', 'SF'],
        [10n, 0, 'F', 'SF'],
        [1234n, 3, 'F', 'SF'],
      ],
    );
  });
});
