// The Fund's part of the report to the Commission, on a ledger built here with the fund services: totals
// equal to the donor statements and the fund statement to the cent, earmarked and general-purpose money, a
// reversal netted out, illustrative money kept out of a real report, the transactions behind each figure,
// and the fingerprint. A period includes its first and last days. The example (USD unless said), for a
// report as at 2005-03-08 covering 2004-03-09 (the day after the previous report's date) to 2005-03-08:
//   2004-02-10  STA pays 1,000.00 (general purpose)                 before the period: opening balance
//   2004-06-15  STA pledges EUR 20,000.00 for TIP in Africa (special purpose)
//   2004-06-20  STA pays EUR 10,000.00 on it at 0.926             = 10,799.14 earmarked
//   2005-01-10  STB pledges 5,000.00 (general); pays it 2005-01-12
//   2005-01-15  STB pays 300.00 (general), reversed 2005-01-20      nets to nothing
//   2005-02-01  DEMO (illustrative) pays 7,000.00                   never in a real report
//   2005-02-10  8,000.00 of STA's earmarked money allocated; 2005-02-20 5,000.00 spent + 650.00 support (13%)
//   2005-03-01  interest 123.45
//   2005-03-20  STB pays 999.00                                     after the date
// Paid in the period 15,799.14 = earmarked 10,799.14 + general 5,000.00, by two donors; expenditure
// 5,000.00; support costs 650.00; opening balance 1,000.00; balance as at 2005-03-08 1,000.00 + 15,799.14 +
// 123.45 − 5,000.00 − 650.00 = 11,272.59.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import { recordInterest, recordPayment } from '../../src/funds/services/payments.ts';
import { recordPledge } from '../../src/funds/services/pledges.ts';
import { reverse } from '../../src/funds/services/reverse.ts';
import { donorStatement, fundStatement } from '../../src/funds/services/statements.ts';
import { allocate, spend } from '../../src/funds/services/uses.ts';
import { parseAmount } from '../../src/funds/domain/money.ts';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import { checkTemplate, renderTemplate } from '../../src/reports/domain/template.ts';
import { gatherFund, type FundData } from '../../src/reports/services/gather-fund.ts';
import {
  FigureError,
  gatherRegistryAndFund,
  RESOLVED_FIGURES,
  resolveFigure,
} from '../../src/reports/services/resolve-figure.ts';
import { inWrite, setUpFund, tipAfrica } from '../funds/support.ts';
import { createTestStore, STORE_KIND, type TestStore } from '../helpers/store.ts';

const AS_AT = '2005-03-08';
const PERIOD = { from: '2004-03-09', to: AS_AT };
const cents = (s: string) => parseAmount(s, 2);

let t: TestStore;
let data: FundData;
let reversed: number;
const pay = (donorId: string, receivedOn: string, amount: string, extra: Record<string, unknown> = {}) =>
  inWrite(t.ctx(), (db) =>
    recordPayment(t.ctx(), db, {
      donorId,
      receivedOn,
      currency: 'USD',
      amount,
      earmarkId: 'GENERAL',
      ...extra,
    }),
  );

beforeAll(async () => {
  t = await createTestStore();
  const ctx = t.ctx();
  await setUpFund(ctx, {
    donors: [{ id: 'STA' }, { id: 'STB' }, { id: 'DEMO', illustrative: true }],
    earmarks: [tipAfrica('TIPAF')],
    months: ['2004-06'],
  });
  await pay('STA', '2004-02-10', '1000.00');
  const pledgeA = await inWrite(ctx, (db) =>
    recordPledge(ctx, db, {
      donorId: 'STA',
      pledgedOn: '2004-06-15',
      currency: 'EUR',
      amount: '20000.00',
      earmarkId: 'TIPAF',
      sourceOfFunds: 'voluntary',
      instalments: [],
    }),
  );
  await pay('STA', '2004-06-20', '10000.00', { currency: 'EUR', pledgeId: pledgeA, earmarkId: null });
  const pledgeB = await inWrite(ctx, (db) =>
    recordPledge(ctx, db, {
      donorId: 'STB',
      pledgedOn: '2005-01-10',
      currency: 'USD',
      amount: '5000.00',
      earmarkId: 'GENERAL',
      sourceOfFunds: 'voluntary',
      instalments: [],
    }),
  );
  await pay('STB', '2005-01-12', '5000.00', { pledgeId: pledgeB, earmarkId: null });
  reversed = await pay('STB', '2005-01-15', '300.00');
  await inWrite(ctx, (db) => reverse(ctx, db, reversed, { bookedOn: '2005-01-20', reason: 'paid twice' }));
  await pay('DEMO', '2005-02-01', '7000.00');
  const { allocationId } = await inWrite(ctx, (db) =>
    allocate(ctx, db, {
      donorId: 'STA',
      earmarkId: 'TIPAF',
      amount: '8000.00',
      bookedOn: '2005-02-10',
      purpose: { kind: 'project', ref: 'PRJ-TIP', instrumentId: 'TIP', region: 'Africa' },
      pscPercent: '13',
    }),
  );
  await inWrite(ctx, (db) => spend(ctx, db, allocationId, { amount: '5000.00', bookedOn: '2005-02-20' }));
  await inWrite(ctx, (db) =>
    recordInterest(ctx, db, {
      bookedOn: '2005-03-01',
      amount: '123.45',
      earmarkId: 'GENERAL',
      donorId: 'FUND',
    }),
  );
  await pay('STB', '2005-03-20', '999.00');
  data = await gatherFund(ctx, { asAt: AS_AT, period: PERIOD });
});
afterAll(async () => t?.close());

describe(`the Fund in the period (${STORE_KIND})`, () => {
  it('gives the hand-computed figures, in US cents', () => {
    expect(data.paid.value).toBe(1_579_914n);
    expect(data.earmarked.value).toBe(1_079_914n);
    expect(data.generalPurpose.value).toBe(500_000n);
    expect(data.donorsPaying.value).toBe(2);
    expect(data.expenditure.value).toBe(500_000n);
    expect(data.supportCosts.value).toBe(65_000n);
    expect(data.interest.value).toBe(12_345n);
    expect(data.refunds.value).toBe(0n);
    expect(data.openingBalance.value).toBe(100_000n);
    expect(data.balance.value).toBe(1_127_259n);
    expect(data.pledged.value).toEqual([
      { currency: 'USD', minor: 500_000n, minorUnits: 2 },
      { currency: 'EUR', minor: 2_000_000n, minorUnits: 2 },
    ]);
    expect(data.illustrative).toBe(false);
    expect(data.dataset).toBe('real');
  });

  it('equals the donor statements for the period to the cent, donor by donor and in total', async () => {
    const ctx = t.ctx();
    let total = 0n;
    for (const d of data.donors) {
      const [end, start] = await Promise.all([
        donorStatement(ctx, t.store.db, d.donorId, PERIOD.to),
        donorStatement(ctx, t.store.db, d.donorId, '2004-03-08'),
      ]);
      const paid = cents(end.totals.contributions) - cents(start.totals.contributions);
      expect(d.paid).toBe(paid);
      total += paid;
    }
    expect(total).toBe(data.paid.value);
    expect(data.donors.map((d) => [d.donorId, d.paid, d.earmarked, d.generalPurpose])).toEqual([
      ['STA', 1_079_914n, 1_079_914n, 0n],
      ['STB', 500_000n, 0n, 500_000n],
    ]);
    const fund = await fundStatement(ctx, t.store.db, { ...PERIOD, illustrative: false });
    expect(data.paid.value).toBe(cents(fund.sources.contributions));
    expect(data.expenditure.value).toBe(cents(fund.uses.expenditure));
  });

  it('counts a day once in periods laid end to end, each including its first and last day', async () => {
    const ctx = t.ctx();
    const paidFrom = async (day: string) =>
      (await gatherFund(ctx, { asAt: AS_AT, period: { from: day, to: AS_AT } })).paid.value;
    // STA's euros were booked on 2004-06-20: in a period from 2004-06-20, not in one from 2004-06-21.
    expect(await paidFrom('2004-06-20')).toBe(1_579_914n);
    expect(await paidFrom('2004-06-21')).toBe(500_000n);
    const first = await gatherFund(ctx, {
      asAt: '2004-06-20',
      period: { from: PERIOD.from, to: '2004-06-20' },
    });
    expect(first.paid.value + (await paidFrom('2004-06-21'))).toBe(data.paid.value);
    const second = await gatherFund(ctx, { asAt: AS_AT, period: { from: '2004-06-21', to: AS_AT } });
    expect(second.openingBalance.value).toBe(first.balance.value);
  });

  it('names the transactions behind each figure', () => {
    expect(data.paid.source.kind).toBe('ledger.paid');
    expect(data.paid.source.ref).toMatch(/^USD 2004-03-09\.\.2005-03-08 transactions [0-9,-]+$/);
    // The reversed payment and its reversal are both cited: the sum nets them out.
    const stb = data.donors.find((d) => d.donorId === 'STB');
    expect(stb?.transactionIds).toHaveLength(3);
    expect(stb?.transactionIds).toContain(reversed);
    expect(data.pledged.source.kind).toBe('ledger.pledged');
    expect(data.pledged.source.ref).toMatch(/^2004-03-09\.\.2005-03-08 pledges [0-9]+[,-][0-9]+$/);
    expect(data.balance.asAt).toBe(AS_AT);
  });
});

describe(`datasets and fingerprint (${STORE_KIND})`, () => {
  it('draws the illustrative dataset only when asked, and then says so', async () => {
    const demo = await gatherFund(t.ctx(), { asAt: AS_AT, period: PERIOD, dataset: 'illustrative' });
    expect(demo.illustrative).toBe(true);
    expect(demo.paid.value).toBe(700_000n);
    expect(demo.donors.map((d) => d.donorId)).toEqual(['DEMO']);
    expect(demo.fingerprint).not.toBe(data.fingerprint);
  });

  it('keeps the fingerprint for the same records, and changes it after a reversal', async () => {
    const again = await gatherFund(t.ctx(), { asAt: AS_AT, period: PERIOD });
    expect(again.fingerprint).toBe(data.fingerprint);
    // A payment after the date is not drawn.
    await pay('STA', '2005-04-01', '10.00');
    expect((await gatherFund(t.ctx(), { asAt: AS_AT, period: PERIOD })).fingerprint).toBe(data.fingerprint);
    const late = await pay('STA', '2005-03-02', '10.00');
    const withLate = await gatherFund(t.ctx(), { asAt: AS_AT, period: PERIOD });
    expect(withLate.fingerprint).not.toBe(data.fingerprint);
    expect(withLate.paid.value).toBe(data.paid.value + 1_000n);
    await inWrite(t.ctx(), (db) => reverse(t.ctx(), db, late, { bookedOn: '2005-03-03', reason: 'mistake' }));
    const corrected = await gatherFund(t.ctx(), { asAt: AS_AT, period: PERIOD });
    expect(corrected.paid.value).toBe(data.paid.value);
    expect(corrected.fingerprint).not.toBe(withLate.fingerprint);
    expect(corrected.fingerprint).not.toBe(data.fingerprint);
  });

  it('refuses bad dates at their field', async () => {
    const err = await gatherFund(t.ctx(), {
      asAt: AS_AT,
      period: { from: '2005-03-08', to: '2005-03-01' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'validation', field: 'period.to' });
  });
});

describe(`figures by name, with the registry's (${STORE_KIND})`, () => {
  let resolve: ReturnType<typeof resolveFigure>;
  beforeAll(async () => {
    const both = await gatherRegistryAndFund(t.ctx(), { asAt: AS_AT, period: PERIOD });
    resolve = resolveFigure(both);
  });

  it('gives every figure of sections I, II and V, of the catalogue’s kind, as at the date', () => {
    const ours = FIGURES.filter((f) => ['I', 'II', 'V'].includes(f.section));
    expect([...RESOLVED_FIGURES].sort()).toEqual(ours.map((f) => f.name).sort());
    // fund.pledged: this period's pledges are in euros too (below); a period of US dollar pledges only:
    for (const f of ours.filter((x) => x.name !== 'fund.pledged')) {
      for (const args of f.args.length ? [['UNTOC'], ['TIP'], ['SOM']] : [[]]) {
        const figure = resolve(f.name, args);
        expect(figure.kind, `${f.name} ${args.join(' ')}`).toBe(f.value);
        expect(figure.asAt).toBe(AS_AT);
        expect(figure.source.kind).toMatch(/^(report|registry|ledger)\./);
      }
    }
  });

  it('sums pledges in US dollars when they were all made in US dollars', async () => {
    const later = resolveFigure(
      await gatherRegistryAndFund(t.ctx(), { asAt: AS_AT, period: { from: '2005-01-01', to: AS_AT } }),
    );
    expect(later('fund.pledged', [])).toMatchObject({
      kind: 'money',
      value: { minor: 500_000n, currency: 'USD', minorUnits: 2 },
      source: { kind: 'ledger.pledged' },
    });
  });

  it('renders a paragraph with the registry’s and the Fund’s figures', () => {
    const template =
      'As at {{asAt}}, {{parties UNTOC}} States were parties to the Convention, which entered into force on {{entryIntoForce UNTOC}}; {{newParties FIREARMS | words}} became parties to the Firearms Protocol in the period. The Fund received {{fund.paid}} from {{fund.donors | words}} donors.';
    const checked = checkTemplate(template, {
      figures: FIGURES,
      instrumentIds: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const firearms = resolve('newParties', ['FIREARMS']);
    expect(firearms.kind === 'count' && firearms.value).toBeGreaterThan(10);
    const { text } = renderTemplate(checked.segments, resolve, { locale: 'en' });
    expect(text).toMatch(
      /^As at 8 March 2005, 100 States were parties to the Convention, which entered into force on 29 September 2003; \d+ became parties to the Firearms Protocol in the period\. The Fund received USD 15,799\.14 from two donors\.$/,
    );
  });

  it('refuses what it cannot give, and says why', () => {
    expect(() => resolve('parties', ['UNTC'])).toThrow(RangeError);
    expect(() => resolve('parties', [])).toThrow(RangeError);
    expect(() => resolve('partys', ['UNTOC'])).toThrow(RangeError);
    for (const name of ['events.held', 'requests.received', 'results.lawsAdopted']) {
      const err = (() => {
        try {
          resolve(name, []);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(FigureError);
      expect(err).toMatchObject({ reason: 'other_section', figure: name });
    }
    // The Firearms Protocol entered into force on 3 July 2005; and pledges in euros are not converted.
    expect(() => resolve('entryIntoForce', ['FIREARMS'])).toThrow(
      /had not entered into force as at 2005-03-08/,
    );
    expect(() => resolve('fund.pledged', [])).toThrow(/also made in EUR/);
  });
});
