// A year of the fund ledger recorded through the web pages, in a real browser against the real server (no demo
// data): a fund officer defines two special-purpose earmarks, records four donors, the UN operational rates of
// the months money arrives (three by the form, four from a CSV file), four pledges in four currencies (EUR in
// two instalments with its agreement, JPY with no decimals, KWD with three, USD) and ten payments over 2025,
// some partial, one instalment left overdue, one payment without a pledge. Every figure the pages show is then
// checked against figures computed here from the recorded amounts and rates, in integers (minor units, BigInt,
// half to even as docs/fund-ledger.md says): each donor's statement at the year end, the fund statement for
// 2025 (the sum over the donors, to the cent), the contributions by year and donor, the XLSX download opened
// with exceljs. Every fund page passes axe in English and in French, where the figures are written the
// French way.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  download,
  expectNoAxeViolations,
  norm,
  openPage,
  screenshot,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

// ---- the year, as the fund officer records it ----------------------------------------------------------

const DECIMALS: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3 };

const DONORS = [
  { id: 'ITA', name: 'Italy' },
  { id: 'JPN', name: 'Japan' },
  { id: 'KWT', name: 'Kuwait' },
  { id: 'USA', name: 'United States of America' },
] as const;
type DonorId = (typeof DONORS)[number]['id'];

const EARMARKS = [
  {
    id: 'TIP-PROTOCOL',
    name: 'Trafficking in Persons Protocol',
    category: '3',
    categoryLabel: '3 — earmarked',
    instrument: 'TIP',
    region: '',
  },
  {
    id: 'FIREARMS-AFRICA',
    name: 'Firearms Protocol in Africa',
    category: '2',
    categoryLabel: '2 — softly earmarked',
    instrument: 'FIREARMS',
    region: 'Africa',
  },
] as const;

/** UN operational rates of exchange, units of the currency for one US dollar. */
const RATES = [
  { currency: 'EUR', month: '2025-03', rate: '0.957', by: 'form' },
  { currency: 'JPY', month: '2025-04', rate: '149.63', by: 'form' },
  { currency: 'KWD', month: '2025-05', rate: '0.307', by: 'form' },
  { currency: 'KWD', month: '2025-09', rate: '0.306', by: 'file' },
  { currency: 'JPY', month: '2025-10', rate: '147.71', by: 'file' },
  { currency: 'EUR', month: '2025-11', rate: '0.862', by: 'file' },
  { currency: 'JPY', month: '2025-12', rate: '155.57', by: 'file' },
] as const;

interface PledgePlan {
  key: string;
  donor: DonorId;
  on: string;
  currency: string;
  amount: string;
  earmark: string;
  instalments: Array<{ dueOn: string; amount: string }>;
  agreement?: { on: string; reference: string };
}

const PLEDGES: PledgePlan[] = [
  {
    key: 'ita',
    donor: 'ITA',
    on: '2025-01-20',
    currency: 'EUR',
    amount: '500000.00',
    earmark: 'GENERAL',
    instalments: [
      { dueOn: '2025-03-31', amount: '250000.00' },
      { dueOn: '2025-09-30', amount: '250000.00' },
    ],
    agreement: { on: '2025-02-05', reference: 'AGR-ITA-2025-01' },
  },
  {
    key: 'jpn',
    donor: 'JPN',
    on: '2025-02-14',
    currency: 'JPY',
    amount: '30000000',
    earmark: 'TIP-PROTOCOL',
    instalments: [],
  },
  {
    key: 'kwt',
    donor: 'KWT',
    on: '2025-04-02',
    currency: 'KWD',
    amount: '61500.250',
    earmark: 'FIREARMS-AFRICA',
    instalments: [],
  },
  {
    key: 'usa',
    donor: 'USA',
    on: '2025-05-30',
    currency: 'USD',
    amount: '750000.00',
    earmark: 'GENERAL',
    instalments: [],
  },
];

interface PaymentPlan {
  donor: DonorId;
  pledge: string | null;
  on: string;
  currency: string;
  amount: string;
  earmark?: string;
  reference: string;
}

const PAYMENTS: PaymentPlan[] = [
  {
    donor: 'ITA',
    pledge: 'ita',
    on: '2025-03-20',
    currency: 'EUR',
    amount: '250000.00',
    reference: 'BI-0320',
  },
  {
    donor: 'JPN',
    pledge: 'jpn',
    on: '2025-04-22',
    currency: 'JPY',
    amount: '15000000',
    reference: 'MOFA-0422',
  },
  {
    donor: 'KWT',
    pledge: 'kwt',
    on: '2025-05-14',
    currency: 'KWD',
    amount: '30750.125',
    reference: 'KW-0514',
  },
  {
    donor: 'USA',
    pledge: 'usa',
    on: '2025-06-27',
    currency: 'USD',
    amount: '300000.00',
    reference: 'US-0627',
  },
  {
    donor: 'USA',
    pledge: null,
    on: '2025-08-12',
    currency: 'USD',
    amount: '25000.00',
    earmark: 'TIP-PROTOCOL',
    reference: 'US-0812',
  },
  {
    donor: 'KWT',
    pledge: 'kwt',
    on: '2025-09-08',
    currency: 'KWD',
    amount: '20500.000',
    reference: 'KW-0908',
  },
  {
    donor: 'JPN',
    pledge: 'jpn',
    on: '2025-10-28',
    currency: 'JPY',
    amount: '10000000',
    reference: 'MOFA-1028',
  },
  {
    donor: 'ITA',
    pledge: 'ita',
    on: '2025-11-18',
    currency: 'EUR',
    amount: '100000.00',
    reference: 'BI-1118',
  },
  {
    donor: 'JPN',
    pledge: 'jpn',
    on: '2025-12-10',
    currency: 'JPY',
    amount: '5000000',
    reference: 'MOFA-1210',
  },
  {
    donor: 'USA',
    pledge: 'usa',
    on: '2025-12-15',
    currency: 'USD',
    amount: '300000.00',
    reference: 'US-1215',
  },
];

const YEAR_END = '2025-12-31';

// ---- integer arithmetic, independent of the server's --------------------------------------------------

/** "30750.125" in a currency with 3 decimals → 30750125n; more decimals than the currency has throw. */
function minor(text: string, decimals: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (m[2] ?? '').length > decimals)
    throw new Error(`not an amount with ${decimals} decimals: ${text}`);
  return BigInt((m[1] as string) + (m[2] ?? '').padEnd(decimals, '0'));
}

/** 30750125n with 3 decimals → "30750.125". */
function plain(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = decimals === 0 ? digits : digits.slice(0, -decimals);
  return `${negative ? '-' : ''}${whole}${decimals === 0 ? '' : `.${digits.slice(-decimals)}`}`;
}

/** numerator / denominator, half to even. */
function halfEven(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  return twice > denominator || (twice === denominator && q % 2n === 1n) ? q + 1n : q;
}

/** US cents for an amount received: amount ÷ rate, the rate being units of the currency for one dollar. */
function usdCents(amount: string, currency: string, rate: string | null): bigint {
  const d = DECIMALS[currency] as number;
  if (currency === 'USD') return minor(amount, 2);
  const [whole, fraction = ''] = (rate as string).split('.');
  const units = BigInt(`${whole}${fraction}`);
  return halfEven(minor(amount, d) * 100n * 10n ** BigInt(fraction.length), 10n ** BigInt(d) * units);
}

/** Digits grouped by threes, as a reader sees them: en "1,234,567.89", fr "1 234 567,89" (narrow no-break). */
function shown(value: bigint, decimals: number, locale: 'en' | 'fr' = 'en'): string {
  const [whole, fraction] = plain(value, decimals).split('.') as [string, string | undefined];
  const sep = locale === 'en' ? ',' : '\u202f';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return fraction === undefined ? grouped : `${grouped}${locale === 'en' ? '.' : ','}${fraction}`;
}

const rateOf = (currency: string, month: string) =>
  currency === 'USD' ? null : (RATES.find((r) => r.currency === currency && r.month === month)?.rate ?? null);

const paymentUsd = (p: PaymentPlan) => usdCents(p.amount, p.currency, rateOf(p.currency, p.on.slice(0, 7)));

/** What each donor's statement must say at the year end, computed from the plans above. */
function expectedFor(donor: DonorId) {
  const payments = PAYMENTS.filter((p) => p.donor === donor);
  const contributions = payments.reduce((sum, p) => sum + paymentUsd(p), 0n);
  const byEarmark = new Map<string, bigint>();
  for (const p of payments) {
    const earmark = p.earmark ?? (PLEDGES.find((x) => x.key === p.pledge) as PledgePlan).earmark;
    byEarmark.set(earmark, (byEarmark.get(earmark) ?? 0n) + paymentUsd(p));
  }
  const pledges = PLEDGES.filter((p) => p.donor === donor).map((p) => {
    const d = DECIMALS[p.currency] as number;
    const pledged = minor(p.amount, d);
    const paid = PAYMENTS.filter((x) => x.pledge === p.key).reduce((s, x) => s + minor(x.amount, d), 0n);
    let covered = paid;
    let overdue = 0n;
    for (const i of p.instalments) {
      const due = minor(i.amount, d);
      const cover = covered >= due ? due : covered;
      covered -= cover;
      if (i.dueOn <= YEAR_END) overdue += due - cover;
    }
    return {
      currency: p.currency,
      d,
      pledged,
      committed: p.agreement ? pledged : 0n,
      paid,
      outstanding: pledged - paid,
      overdue,
    };
  });
  const paidIn = new Map<string, bigint>();
  for (const p of payments)
    paidIn.set(p.currency, (paidIn.get(p.currency) ?? 0n) + minor(p.amount, DECIMALS[p.currency] as number));
  return { contributions, byEarmark, pledges, paidIn };
}

const TOTAL = DONORS.reduce((sum, d) => sum + expectedFor(d.id).contributions, 0n);

// ---- the browser -------------------------------------------------------------------------------------

// Each test walks many pages (the French one ten, each checked with axe): on a busy two-core machine one takes
// close to the 30 s default (28.6 s seen with three runs side by side), so they get more time.
describe.skipIf(!hasChromium)('a year of the fund recorded in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let officer: Page;
  const pledgeIds = new Map<string, number>();
  const pageErrors: string[] = [];
  const OFFICER = { email: 'fay.year@example.org', password: 'mango canal whistle 9' };

  const newPage = (locale = 'en-US') => openPage(browser!, pageErrors, locale);

  const outcome = (page: Page) => page.getByTestId('outcome');
  /** The outcome's heading, once it says something other than `before` (the notice of the previous entry). */
  async function nextOutcome(page: Page, before: string | null): Promise<string> {
    await page.waitForFunction((previous) => {
      const h = document.querySelector('[data-testid="outcome"] h3');
      return h !== null && h.textContent !== previous;
    }, before);
    return (await outcome(page).locator('h3').textContent()) ?? '';
  }
  const heading = async (page: Page) =>
    (await outcome(page).locator('h3').count()) > 0 ? await outcome(page).locator('h3').textContent() : null;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer({ demo: false });
    await server.createUser({ ...OFFICER, displayName: 'Fay Year', role: 'fund_officer' });
    browser = await launchChromium();
    officer = await newPage();
    await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('defines two special-purpose earmarks', async () => {
    await officer.goto(`${server!.url}/fund/record?what=earmark`);
    await officer.getByTestId('earmark-form').waitFor();
    for (const e of EARMARKS) {
      const before = await heading(officer);
      await officer.getByLabel('Earmark reference').fill(e.id);
      await officer.getByLabel('Name', { exact: true }).fill(e.name);
      await officer.getByRole('radio', { name: e.categoryLabel }).check();
      await officer.getByLabel('Instrument', { exact: true }).selectOption(e.instrument);
      if (e.region) await officer.getByLabel('Region', { exact: true }).selectOption(e.region);
      await officer.getByRole('button', { name: 'Define the earmark' }).click();
      expect(await nextOutcome(officer, before)).toBe(`The earmark “${e.name}” is defined`);
      // The form is empty again for the next one.
      expect(await officer.getByLabel('Earmark reference').inputValue()).toBe('');
    }
    await expectNoAxeViolations(officer);
  });

  it('records four donors from the registry', async () => {
    await officer.goto(`${server!.url}/fund/record?what=donor`);
    await officer.getByTestId('donor-form').waitFor();
    for (const d of DONORS) {
      const before = await heading(officer);
      await officer.getByLabel('State or organization in the registry').selectOption(d.id);
      expect(await officer.getByLabel('Donor reference').inputValue()).toBe(d.id);
      expect(await officer.getByLabel('Name', { exact: true }).inputValue()).toBe(d.name);
      await officer.getByRole('button', { name: 'Record the donor' }).click();
      expect(await nextOutcome(officer, before)).toBe(`${d.name} is recorded as a donor`);
      expect(await officer.getByLabel('Donor reference').inputValue()).toBe('');
    }
    await expectNoAxeViolations(officer);
    await officer.goto(`${server!.url}/fund/donors`);
    await officer.locator('[data-testid="donors-table"] tr[data-donor="USA"]').waitFor();
    expect(
      await officer
        .locator('[data-testid="donors-table"] tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-donor'))),
    ).toEqual(expect.arrayContaining(DONORS.map((d) => d.id)));
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-year-donors.png');
  });

  it('records the rates of the months money arrives: three by the form, four from a CSV file', async () => {
    await officer.goto(`${server!.url}/fund/record?what=rate`);
    await officer.getByTestId('rate-form').waitFor();
    for (const r of RATES.filter((x) => x.by === 'form')) {
      const recorded = officer.getByTestId('rate-recorded');
      const before = (await recorded.count()) > 0 ? await recorded.textContent() : null;
      await officer.getByLabel('Currency', { exact: true }).selectOption(r.currency);
      await officer.getByLabel('Month').fill(r.month);
      await officer.getByLabel('Rate (units of the currency for one US dollar)').fill(r.rate);
      await officer.getByLabel('Source').fill(`UN operational rates of exchange, ${r.month}`);
      await officer.getByRole('button', { name: 'Record the rate' }).click();
      await officer.waitForFunction((previous) => {
        const p = document.querySelector('[data-testid="rate-recorded"]');
        return p !== null && p.textContent !== previous;
      }, before);
      expect(await officer.getByTestId('rate-recorded').textContent()).toBe(
        `${r.rate} ${r.currency} for one US dollar in ${r.month}.`,
      );
      // The month entered stays for the next rate.
      expect(await officer.getByLabel('Month').inputValue()).toBe(r.month);
    }
    await expectNoAxeViolations(officer);

    await officer.goto(`${server!.url}/fund/rates`);
    const csv = [
      'currency,month,rate,source',
      ...RATES.filter((x) => x.by === 'file').map(
        (r) => `${r.currency},${r.month},${r.rate},UN operational rates of exchange ${r.month}`,
      ),
    ].join('\n');
    await officer
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'rates-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await officer.getByRole('button', { name: 'Import the rates' }).click();
    await officer.getByTestId('import-outcome').waitFor();
    expect(await officer.getByTestId('import-outcome').textContent()).toBe(
      '4 rates read: 4 recorded, 0 already there.',
    );
    for (const r of RATES) {
      const row = officer.locator(`[data-testid="rates-table"] tr[data-rate="${r.currency}-${r.month}"]`);
      await row.waitFor();
      expect(await row.locator('td').nth(1).textContent()).toBe(`${r.rate} ${r.currency}/USD`);
    }
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-year-rates.png');
  });

  it('records four pledges: EUR in two instalments with its agreement, JPY, KWD and USD', async () => {
    await officer.goto(`${server!.url}/fund/record?what=pledge`);
    await officer.getByTestId('pledge-form').waitFor();
    for (const p of PLEDGES) {
      const before = await heading(officer);
      await officer.getByLabel('Donor').selectOption(p.donor);
      await officer.getByLabel('Date of the pledge').fill(p.on);
      await officer.getByLabel('Currency', { exact: true }).selectOption(p.currency);
      await officer.getByLabel('Amount pledged').fill(p.amount);
      await officer.getByLabel('Earmark').selectOption(p.earmark);
      for (const [n, i] of p.instalments.entries()) {
        await officer.getByRole('button', { name: 'Add an instalment' }).click();
        await officer.getByLabel(`Instalment ${n + 1}: due on`).fill(i.dueOn);
        await officer.getByLabel(`Instalment ${n + 1}: amount`).fill(i.amount);
      }
      await officer.getByRole('button', { name: 'Record the pledge' }).click();
      const h = await nextOutcome(officer, before);
      expect(h).toMatch(/^Pledge \d+ is recorded$/);
      pledgeIds.set(p.key, Number(/\d+/.exec(h)![0]));
      const d = DECIMALS[p.currency] as number;
      const donorName = DONORS.find((x) => x.id === p.donor)!.name;
      const summary = `${shown(minor(p.amount, d), d)} ${p.currency} from ${donorName}`;
      // The donor's name comes from the list of donors the form loads on its own: wait for it.
      await waitForText(officer, '[data-testid="outcome"] p', summary, { contains: true });
      expect(norm(await outcome(officer).locator('p').first().textContent())).toContain(summary);
      // Empty again for the next pledge, instalments included.
      expect(await officer.getByLabel('Amount pledged').inputValue()).toBe('');
      expect(await officer.locator('fieldset.instalments .instalment').count()).toBe(0);
    }
    await expectNoAxeViolations(officer);

    const ita = PLEDGES[0] as PledgePlan;
    await officer.goto(`${server!.url}/fund/record?what=event&pledge=${pledgeIds.get('ita')}`);
    await officer.getByTestId('event-form').waitFor();
    await officer.getByLabel('Date', { exact: true }).fill(ita.agreement!.on);
    await officer.getByLabel('Reference (optional)').fill(ita.agreement!.reference);
    await officer.getByRole('button', { name: 'Record it' }).click();
    await outcome(officer).waitFor();
    expect(await outcome(officer).textContent()).toContain('Its status is now: Committed');
    await expectNoAxeViolations(officer);
  });

  it('records ten payments over the year, one after another in the same form, each converted to the cent', async () => {
    await officer.goto(`${server!.url}/fund/record?what=payment`);
    await officer.getByTestId('payment-form').waitFor();
    for (const p of PAYMENTS) {
      const before = await heading(officer);
      await officer.getByLabel('Donor').selectOption(p.donor);
      if (p.pledge) {
        await officer.getByLabel('Against a pledge (optional)').selectOption(String(pledgeIds.get(p.pledge)));
        expect(await officer.getByLabel('Currency', { exact: true }).inputValue()).toBe(p.currency);
      } else {
        await officer.getByLabel('Against a pledge (optional)').selectOption('');
        await officer.getByLabel('Currency', { exact: true }).selectOption(p.currency);
        await officer.getByLabel('Earmark').selectOption(p.earmark as string);
      }
      await officer.getByLabel('Date received').fill(p.on);
      await officer.getByLabel('Amount received').fill(p.amount);
      await officer.getByLabel('Reference (optional)').fill(p.reference);
      await officer.getByRole('button', { name: 'Record the payment' }).click();
      expect(await nextOutcome(officer, before)).toMatch(/^Payment recorded \(transaction \d+\)$/);
      const usd = plain(paymentUsd(p), 2);
      const rate = rateOf(p.currency, p.on.slice(0, 7));
      expect(await officer.getByTestId('conversion').textContent()).toBe(
        rate === null
          ? `${p.amount} USD: no conversion.`
          : `${p.amount} ${p.currency} at ${rate} ${p.currency}/USD (${p.on.slice(0, 7)}) = ${usd} USD`,
      );
      // What the pledge stands at now, once the list of pledges is reloaded.
      if (p.pledge) {
        const plan = PLEDGES.find((x) => x.key === p.pledge) as PledgePlan;
        const d = DECIMALS[p.currency] as number;
        const paid = PAYMENTS.slice(0, PAYMENTS.indexOf(p) + 1)
          .filter((x) => x.pledge === p.pledge)
          .reduce((sum, x) => sum + minor(x.amount, d), 0n);
        const outstanding = minor(plan.amount, d) - paid;
        const id = pledgeIds.get(p.pledge);
        await officer.getByTestId('pledge-after').waitFor();
        expect(norm(await officer.getByTestId('pledge-after').textContent())).toBe(
          `Pledge ${id} now: ${outstanding === 0n ? 'Paid' : 'Partly paid'} Paid: ${shown(paid, d)} ${p.currency}; ` +
            `Outstanding: ${shown(outstanding, d)} ${p.currency}`,
        );
      } else expect(await officer.getByTestId('pledge-after').count()).toBe(0);
      // Ready for the next payment: the amount and reference are empty.
      expect(await officer.getByLabel('Amount received').inputValue()).toBe('');
      expect(await officer.getByLabel('Reference (optional)').inputValue()).toBe('');
    }
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-year-payment.png');
  });

  it("each donor's statement at the year end: pledged, paid, outstanding, overdue and the dollars, to the cent", async () => {
    for (const d of DONORS) {
      const e = expectedFor(d.id);
      await officer.goto(`${server!.url}/fund/donors/${d.id}`);
      await officer.getByTestId('donor-statement').waitFor();
      // The officer asks for the statement at the year end.
      await officer.getByLabel('As at').fill(YEAR_END);
      await officer.waitForURL(new RegExp(`asOf=${YEAR_END}`));
      await officer.waitForFunction(
        (date) => document.querySelector('.as-of-lead')?.textContent?.includes(date) ?? false,
        '31 December 2025',
      );
      for (const p of e.pledges) {
        const cells = officer.locator(`[data-testid="pledge-totals"] tr[data-currency="${p.currency}"] td`);
        expect(await cells.allTextContents()).toEqual([
          shown(p.pledged, p.d),
          shown(p.committed, p.d),
          shown(p.paid, p.d),
          shown(0n, p.d),
          shown(p.outstanding, p.d),
          shown(p.overdue, p.d),
          'Paid + written off + outstanding = pledged',
        ]);
      }
      expect(norm(await officer.getByTestId('paid-original').textContent())).toBe(
        `Paid, in the currencies received: ${[...e.paidIn.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([c, m]) => `${shown(m, DECIMALS[c] as number)} ${c}`)
          .join(', ')}`,
      );
      const lines = await usdLines(officer);
      const usd = shown(e.contributions, 2);
      expect(lines.get('Contributions')).toBe(usd);
      expect(lines.get('Balance')).toBe(usd);
      expect(lines.get('Free')).toBe(usd);
      expect(await officer.getByTestId('usd-check').textContent()).toMatch(/^Checked: /);
      for (const [earmark, cents] of e.byEarmark) {
        expect(
          await officer
            .locator(
              `[data-testid="donor-by-earmark"] tr[data-row="${earmark}"] td[data-column="contributions"]`,
            )
            .textContent(),
        ).toBe(shown(cents, 2));
      }
      expect(
        await officer
          .locator('[data-testid="donor-by-year"] tr[data-row="2025"] td[data-column="contributions"]')
          .textContent(),
      ).toBe(usd);
      await expectNoAxeViolations(officer);
      await screenshot(officer, `fund-year-statement-${d.id}.png`);
    }
    // Italy's second instalment is overdue since 30 September.
    await officer.goto(`${server!.url}/fund/donors/ITA?asOf=${YEAR_END}`);
    const ita = officer.locator(`[data-pledge="${pledgeIds.get('ita')}"]`);
    await ita.waitFor();
    expect(await ita.locator('.pledge-status').textContent()).toBe('Partly paid');
    expect(norm(await ita.getByText(/overdue since/).textContent())).toContain(
      'overdue since 30 September 2025',
    );
    const jpn = `[data-pledge="${pledgeIds.get('jpn')}"]`;
    await officer.goto(`${server!.url}/fund/donors/JPN?asOf=${YEAR_END}`);
    await officer.locator(jpn).waitFor();
    expect(await officer.locator(`${jpn} .pledge-status`).textContent()).toBe('Paid');
  });

  it('the XLSX download of a statement holds the same numbers', async () => {
    const e = expectedFor('KWT');
    await officer.goto(`${server!.url}/fund/donors/KWT?asOf=${YEAR_END}`);
    await officer.getByTestId('donor-statement').waitFor();
    const file = await download(officer, () => officer.getByRole('link', { name: /^Excel/ }).click());
    expect(file.name).toBe(`donor-statement-KWT-${YEAR_END}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const summary = rows(book, 'Summary');
    expect(summary[0]).toMatchObject({ donor_id: 'KWT', as_of: YEAR_END, illustrative: 'no' });
    expect(cellText(summary[0]!.contributions_usd, 2)).toBe(plain(e.contributions, 2));
    expect(cellText(summary[0]!.balance_usd, 2)).toBe(plain(e.contributions, 2));
    const pledges = rows(book, 'Pledges');
    const kwd = e.pledges[0]!;
    expect(pledges).toHaveLength(1);
    expect(pledges[0]!.currency).toBe('KWD');
    for (const [column, value] of [
      ['pledged', kwd.pledged],
      ['paid', kwd.paid],
      ['outstanding', kwd.outstanding],
      ['overdue', kwd.overdue],
    ] as const)
      expect(cellText(pledges[0]![column], 3), column).toBe(plain(value, 3));
    const byYear = rows(book, 'By year');
    expect(byYear.map((r) => [String(r.year), cellText(r.contributions_usd, 2)])).toEqual([
      ['2025', plain(e.contributions, 2)],
    ]);

    // Japan's, in yen: whole numbers.
    await officer.goto(`${server!.url}/fund/donors/JPN?asOf=${YEAR_END}`);
    await officer.getByTestId('donor-statement').waitFor();
    const jfile = await download(officer, () => officer.getByRole('link', { name: /^Excel/ }).click());
    const jbook = new ExcelJS.Workbook();
    await jbook.xlsx.load(jfile.bytes as unknown as ArrayBuffer);
    const jpy = rows(jbook, 'Pledges')[0]!;
    expect(jpy.currency).toBe('JPY');
    expect(cellText(jpy.pledged, 0)).toBe('30000000');
    expect(cellText(jpy.paid, 0)).toBe('30000000');
    expect(cellText(jpy.outstanding, 0)).toBe('0');
  });

  it('the fund statement for 2025 is the sum over the donors, to the cent, and the chart shows the year', async () => {
    await officer.goto(`${server!.url}/fund`);
    const statement = officer.getByTestId('fund-statement');
    await statement.waitFor();
    // No demo data loaded: no choice of dataset is offered, and no banner.
    expect(await officer.getByLabel('Real figures').count()).toBe(0);
    expect(await officer.getByLabel('Illustrative (demonstration) figures').count()).toBe(0);
    expect(await officer.getByTestId('illustrative-banner').count()).toBe(0);
    await officer.getByLabel('From', { exact: true }).fill('2025-01-01');
    await officer.getByLabel('To', { exact: true }).fill(YEAR_END);
    await officer.waitForURL(/from=2025-01-01.*to=2025-12-31|to=2025-12-31.*from=2025-01-01/);
    await officer.waitForFunction(() =>
      document.querySelector('[data-testid="fund-statement"] h2')?.textContent?.includes('31 December 2025'),
    );
    const lines = await usdLines(officer, 'fund-statement');
    const total = shown(TOTAL, 2);
    expect(lines.get('Opening balance')).toBe('0.00');
    expect(lines.get('Contributions')).toBe(total);
    expect(lines.get('Total sources')).toBe(total);
    expect(lines.get('Closing balance')).toBe(total);
    // By earmark: the sum over the donors' lines of that earmark.
    const byEarmark = new Map<string, bigint>();
    for (const d of DONORS)
      for (const [earmark, cents] of expectedFor(d.id).byEarmark)
        byEarmark.set(earmark, (byEarmark.get(earmark) ?? 0n) + cents);
    for (const [earmark, cents] of byEarmark)
      expect(
        await officer
          .locator(
            `[data-testid="fund-by-earmark"] tr[data-row="${earmark}"] td[data-column="contributions"]`,
          )
          .textContent(),
        earmark,
      ).toBe(shown(cents, 2));
    // Outstanding pledges at the year end, per currency, as a note.
    const note = new Map<string, { outstanding: bigint; overdue: bigint; d: number }>();
    for (const d of DONORS)
      for (const p of expectedFor(d.id).pledges) {
        const n = note.get(p.currency) ?? { outstanding: 0n, overdue: 0n, d: p.d };
        note.set(p.currency, {
          ...n,
          outstanding: n.outstanding + p.outstanding,
          overdue: n.overdue + p.overdue,
        });
      }
    expect(
      (await officer.getByTestId('pledges-note').locator('tbody tr').allTextContents()).map(norm),
    ).toEqual(
      [...note.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([c, n]) => `${c}${shown(n.outstanding, n.d)} ${c}${shown(n.overdue, n.d)} ${c}`),
    );
    // Contributions by year and donor: one column, 2025, and the total row equal to the statement's.
    await officer.getByTestId('contributions-chart').waitFor();
    await officer.getByText('Show the figures as a table').click();
    const table = officer.getByTestId('contributions-table');
    expect(await table.locator('thead th').allTextContents()).toEqual(['Donor', '2025', 'Total']);
    const ranked = DONORS.map((d) => ({ ...d, cents: expectedFor(d.id).contributions })).sort((a, b) =>
      a.cents === b.cents ? 0 : a.cents > b.cents ? -1 : 1,
    );
    expect(
      await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent))),
    ).toEqual(ranked.map((d) => [d.name, shown(d.cents, 2), shown(d.cents, 2)]));
    expect(await table.locator('tfoot td').allTextContents()).toEqual([total, total]);
    expect(await officer.getByTestId('contributions-chart').locator('svg desc').textContent()).toContain(
      `2025: ${total}`,
    );
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-year-dashboard.png');

    // The XLSX of the fund statement says the same.
    const file = await download(officer, () => statement.getByRole('link', { name: /^Excel/ }).click());
    expect(file.name).toBe(`fund-statement-2025-01-01-${YEAR_END}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const figures = new Map<string, string>();
    book.getWorksheet('Statement')?.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'number') figures.set(String(row.getCell(1).value), cellText(v, 2));
    });
    expect(figures.get('Sources: contributions')).toBe(plain(TOTAL, 2));
    expect(figures.get('Closing balance')).toBe(plain(TOTAL, 2));
  });

  it("the donors list shows each donor's contributions in dollars, and their total is the fund statement's", async () => {
    await officer.goto(`${server!.url}/fund/donors`);
    await officer.getByTestId('donors-total').waitFor();
    expect(await officer.getByLabel('Illustrative (demonstration) figures').count()).toBe(0);
    for (const d of DONORS) {
      const cell = officer.locator(
        `[data-testid="donors-table"] tr[data-donor="${d.id}"] td[data-column="contributions"]`,
      );
      expect(await cell.textContent(), d.id).toBe(shown(expectedFor(d.id).contributions, 2));
      expect(await cell.evaluate((td) => getComputedStyle(td).textAlign)).toBe('end');
    }
    expect(await officer.getByTestId('donors-total').locator('td').textContent()).toBe(shown(TOTAL, 2));
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-year-donors-totals.png');
  });

  it('in French: the same pages, French words and French figures, no axe violation', async () => {
    const page = await newPage('fr-FR');
    // The officer's session, in a French browser.
    await page.context().addCookies(await officer.context().cookies());
    const total = shown(TOTAL, 2, 'fr');

    await page.goto(`${server!.url}/fund?from=2025-01-01&to=${YEAR_END}`);
    await page.getByTestId('fund-statement').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="fund-statement"] h2')?.textContent?.includes('2025'),
    );
    const lines = [...(await usdLinesByIndex(page, 'fund-statement'))];
    expect(lines[1]).toBe(total); // contributions
    expect(lines[10]).toBe(total); // closing balance
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('The Fund');
    await expectNoAxeViolations(page);
    await screenshot(page, 'fund-year-dashboard-fr.png');

    const ita = expectedFor('ITA');
    await page.goto(`${server!.url}/fund/donors`);
    await page.locator('[data-testid="donors-table"] tr[data-donor="ITA"]').waitFor();
    await page.getByTestId('donors-total').waitFor();
    expect(
      await page
        .locator('[data-testid="donors-table"] tr[data-donor="ITA"] td[data-column="contributions"]')
        .textContent(),
    ).toBe(shown(ita.contributions, 2, 'fr'));
    expect(await page.getByTestId('donors-total').locator('td').textContent()).toBe(total);
    await expectNoAxeViolations(page);

    await page.goto(`${server!.url}/fund/donors/ITA?asOf=${YEAR_END}`);
    await page.getByTestId('donor-statement').waitFor();
    const eur = ita.pledges[0]!;
    const cells = await page
      .locator('[data-testid="pledge-totals"] tr[data-currency="EUR"] td')
      .allTextContents();
    expect(cells.slice(0, 6)).toEqual([
      shown(eur.pledged, 2, 'fr'),
      shown(eur.committed, 2, 'fr'),
      shown(eur.paid, 2, 'fr'),
      shown(0n, 2, 'fr'),
      shown(eur.outstanding, 2, 'fr'),
      shown(eur.overdue, 2, 'fr'),
    ]);
    expect([...(await usdLinesByIndex(page, 'donor-statement'))][0]).toBe(shown(ita.contributions, 2, 'fr'));
    expect(await page.getByTestId('usd-check').textContent()).not.toMatch(/^Checked/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'fund-year-statement-ITA-fr.png');

    await page.goto(`${server!.url}/fund/rates`);
    await page.locator('[data-testid="rates-table"] tr[data-rate="EUR-2025-03"]').waitFor();
    await expectNoAxeViolations(page);

    for (const what of ['pledge', 'event', 'payment', 'rate', 'donor', 'earmark']) {
      await page.goto(`${server!.url}/fund/record?what=${what}`);
      await page.getByTestId(`${what}-form`).waitFor();
      await expectNoAxeViolations(page);
    }
    await screenshot(page, 'fund-year-record-fr.png');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});

/** The lines of a statement table (label → amount as shown). */
async function usdLines(page: Page, testId = 'donor-statement'): Promise<Map<string, string>> {
  const pairs = await page
    .locator(`[data-testid="${testId}"] table.statement-lines tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']),
    );
  return new Map(pairs as Array<[string, string]>);
}

async function usdLinesByIndex(page: Page, testId: string): Promise<string[]> {
  return [...(await usdLines(page, testId)).values()];
}

/** A sheet as records keyed by its header row. */
function rows(book: ExcelJS.Workbook, name: string): Array<Record<string, ExcelJS.CellValue>> {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

/** A spreadsheet number as the decimal string it stands for (the file holds amounts as numbers). */
function cellText(value: ExcelJS.CellValue | undefined, decimals: number): string {
  if (typeof value !== 'number') return `not a number: ${JSON.stringify(value)}`;
  return value.toFixed(decimals);
}
