// Statements of record in a real browser, on the shipped data, checked against the shipped files
// (reference/statements-partial.csv and statements-index.csv): each instrument page shows the file's
// statements by kind with the coverage line; every objection is listed under the reservation it objects
// to; the dispute-clause opt-out filter lists exactly the file's opt-outs; the participant table and the
// country page tell "recorded", "text not recorded here" and "nothing recorded here" apart; the country
// page says which dispute-settlement clauses bind two States; axe at desktop, 390 px and 320 px; French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { readReferenceCsv } from '../helpers/reference-csv.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  expectNoAxeViolations,
  expectNoAxeViolationsAtWidths,
  fieldError,
  norm,
  openPage,
  signInEnrollingMfa,
} from './journey.ts';

const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'] as const;
const SHORT = {
  UNTOC: 'Organized Crime Convention',
  TIP: 'Trafficking in Persons Protocol',
  SOM: 'Smuggling of Migrants Protocol',
  FIREARMS: 'Firearms Protocol',
} as const;
const CLAUSE = {
  UNTOC: ['35(2)', '35(3)'],
  TIP: ['15(2)', '15(3)'],
  SOM: ['20(2)', '20(3)'],
  FIREARMS: ['16(2)', '16(3)'],
};

const partial = readReferenceCsv('statements-partial.csv');
const index = readReferenceCsv('statements-index.csv');

/** What the files say of an instrument, computed here and never read from the application. */
function fromFiles(instrument: string) {
  const rows = partial.filter((r) => r.instrument === instrument);
  const recordedBy = new Set(rows.map((r) => r.iso3));
  const listed = new Set(
    index.filter((r) => r.instrument === instrument && !recordedBy.has(r.iso3!)).map((r) => r.iso3),
  );
  const kinds: Record<string, number> = {};
  for (const r of rows) kinds[r.kind!] = (kinds[r.kind!] ?? 0) + 1;
  return { rows, recordedBy, listed, kinds };
}

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

describe.skipIf(!hasChromium)(
  'statements of record on the instrument and country pages',
  { timeout: JOURNEY_TIMEOUT },
  () => {
    let server: TestServer | undefined;
    let browser: Browser | undefined;
    let page: Page;
    const pageErrors: string[] = [];
    const OFFICER = { email: 'stella.statements@example.org', password: 'harbour cedar lantern 4' };

    beforeAll(async () => {
      if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
      server = await startTestServer();
      await server.createUser({ ...OFFICER, displayName: 'Stella Statements', role: 'admin' });
      browser = await launchChromium();
      page = await openPage(browser, pageErrors);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const section = () => page.getByTestId('statements-section');

    async function openInstrument(id: string, query = '') {
      await page.goto(`${server!.url}/instruments/${id}${query}`);
      await section().waitFor();
    }

    /** The participant (ISO3) of each statement shown, with its kind, in page order. */
    const shownStatements = () =>
      section()
        .locator('li[data-kind]')
        .evaluateAll((items) =>
          items.map((li) => ({
            kind: li.getAttribute('data-kind')!,
            participant: li.closest('[data-participant]')!.getAttribute('data-participant')!,
          })),
        );

    it('each instrument page shows the files’ statements by kind, the coverage line and who has a text not recorded', async () => {
      for (const id of INSTRUMENTS) {
        const expected = fromFiles(id);
        await openInstrument(id);
        const statements = expected.rows.length;
        const listed = expected.listed.size;
        expect(norm(await page.getByTestId('statements-coverage').textContent())).toBe(
          `${statements} ${plural(statements, 'statement', 'statements')} by ${expected.recordedBy.size} participants recorded here for the ${SHORT[id]}. ` +
            `The depositary’s list is longer: ${listed} other ${plural(listed, 'participant is', 'participants are')} known to have made statements whose text is not recorded here, and a participant with nothing recorded here may still have made one.`,
        );
        const kinds: Record<string, number> = {};
        for (const s of await shownStatements()) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
        expect(kinds, id).toEqual(expected.kinds);
        const notRecorded = await page
          .getByTestId('text-not-recorded')
          .locator('li[data-participant]')
          .evaluateAll((items) => items.map((li) => li.getAttribute('data-participant')));
        expect(new Set(notRecorded), id).toEqual(expected.listed);
        expect(
          await page
            .getByTestId('text-not-recorded')
            .getByText('A statement was made — text not recorded here')
            .count(),
        ).toBe(notRecorded.length);
      }
    });

    it("lists every objection under the reservation it objects to: the 22 objections to Afghanistan's SoM reservation", async () => {
      const objectors = partial
        .filter((r) => r.instrument === 'SOM' && r.kind === 'objection' && /Afghanistan/.test(r.summary!))
        .map((r) => r.iso3!)
        .sort();
      expect(objectors).toHaveLength(22);
      await openInstrument('SOM');
      const reservation = section().locator('[data-participant="AFG"] li[data-kind="reservation"]');
      await expect.poll(() => reservation.count()).toBe(1);
      const reservationId = await reservation.getAttribute('data-statement');
      await expect
        .poll(async () =>
          norm(await reservation.getByTestId('objections').locator('.objections-head').textContent()),
        )
        .toBe('22 objections recorded:');
      // Each name under the reservation links to that State's objection, listed under its own State too.
      const listedUnder = await reservation.locator('[data-objection] a').evaluateAll((links) =>
        links.map((a) => {
          const target = document.querySelector(a.getAttribute('href')!);
          return {
            participant: target?.closest('[data-participant]')?.getAttribute('data-participant'),
            kind: target?.getAttribute('data-kind'),
            pointsBack: target?.querySelector('.target a')?.getAttribute('href'),
          };
        }),
      );
      expect(listedUnder.map((o) => o.participant).sort()).toEqual(objectors);
      expect(new Set(listedUnder.map((o) => o.kind))).toEqual(new Set(['objection']));
      expect(new Set(listedUnder.map((o) => o.pointsBack))).toEqual(new Set([`#statement-${reservationId}`]));
    });

    it('the opt-out filter lists exactly the files’ dispute-clause opt-outs, and puts the filter in the URL', async () => {
      for (const id of INSTRUMENTS) {
        const optOuts = fromFiles(id)
          .rows.filter((r) => r.kind === 'reservation' && CLAUSE[id].includes(r.article!.replace(/\s+/g, '')))
          .map((r) => r.iso3!)
          .sort();
        await openInstrument(id);
        await page.getByTestId('optout-filter').click();
        await expect
          .poll(() => {
            const params = new URL(page.url()).searchParams;
            return [params.get('skind'), params.get('sarticle')];
          })
          .toEqual(['reservation', CLAUSE[id][0]]);
        const shown = await shownStatements();
        expect(shown.map((s) => s.participant).sort(), id).toEqual(optOuts);
        expect(new Set(shown.map((s) => s.kind))).toEqual(new Set(['reservation']));
        expect(await section().locator('li[data-kind] .badge-optout').count()).toBe(optOuts.length);
        expect(norm(await page.getByTestId('statements-shown').textContent())).toBe(
          `Showing ${optOuts.length} of ${fromFiles(id).rows.length} statements`,
        );
      }
      // The downloads keep the filter: the CSV holds the same opt-outs.
      const href = await section().getByRole('link', { name: /^CSV/ }).getAttribute('href');
      expect(href).toBe('/api/instruments/FIREARMS/statements?kind=reservation&article=16%282%29&format=csv');
    });

    it('the participant table says recorded, text not recorded here, or nothing recorded here — never a bare dash', async () => {
      const untoc = fromFiles('UNTOC');
      expect(untoc.recordedBy.has('DZA')).toBe(true);
      expect(untoc.listed.has('ARM')).toBe(true);
      expect(
        untoc.recordedBy.has('FRA') || index.some((r) => r.instrument === 'UNTOC' && r.iso3 === 'FRA'),
      ).toBe(false);
      await openInstrument('UNTOC');
      const cell = (iso3: string) =>
        page.locator(`tr[data-participant="${iso3}"] [data-testid="statements-cell"]`);
      await expect
        .poll(async () => norm(await cell('ARM').textContent()))
        .toBe('Statement made — text not recorded here');
      expect(norm(await cell('FRA').textContent())).toBe('Nothing recorded here');
      expect(norm(await cell('DZA').textContent())).toContain('Reservation — art. 35(2)');
      const dashes = await page
        .locator('[data-testid="statements-cell"]')
        .evaluateAll((cells) => cells.filter((c) => c.textContent?.trim() === '—').length);
      expect(dashes).toBe(0);
    });

    it("the country page gives a State's statements on each instrument with what is known, and dispute settlement with another State", async () => {
      await page.goto(`${server!.url}/countries/AFG`);
      const statements = page.getByTestId('country-statements');
      const som = statements.locator('[data-instrument="SOM"]');
      await som.waitFor();
      expect(await som.getAttribute('data-knowledge')).toBe('recorded');
      expect(norm(await som.locator('li[data-kind="reservation"] .objections-head').textContent())).toBe(
        '22 objections recorded:',
      );
      expect(await statements.locator('[data-instrument="UNTOC"]').getAttribute('data-knowledge')).toBe(
        'nothing_recorded',
      );
      expect(norm(await statements.locator('[data-instrument="UNTOC"]').textContent())).toContain(
        'Nothing recorded here. This does not mean that no statement was made',
      );

      // Armenia: listed by the index file for UNTOC, its text not recorded here.
      await page.goto(`${server!.url}/countries/ARM`);
      const armUntoc = page.getByTestId('country-statements').locator('[data-instrument="UNTOC"]');
      await armUntoc.waitFor();
      expect(await armUntoc.getAttribute('data-knowledge')).toBe('text_not_recorded');
      expect(norm(await armUntoc.textContent())).toContain('A statement was made — text not recorded here');

      // Austria's objection points at Afghanistan's reservation, recorded here.
      await page.goto(`${server!.url}/countries/AUT`);
      const objection = page
        .getByTestId('country-statements')
        .locator('[data-instrument="SOM"] li[data-kind="objection"]')
        .first();
      await objection.waitFor();
      expect(norm(await objection.locator('.target').textContent())).toBe('Objects to: Afghanistan');

      // Algeria opted out of every dispute clause: none binds it towards France.
      await page.goto(`${server!.url}/countries/DZA`);
      const tool = page.getByTestId('dispute-settlement');
      await tool.getByLabel('Between Algeria and').selectOption('FRA');
      const table = tool.getByTestId('dispute-table');
      await table.waitFor();
      const rows = await table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-instrument'), tr.getAttribute('data-obligation')]),
        );
      expect(rows).toEqual(INSTRUMENTS.map((id) => [id, 'excluded']));
      expect(norm(await table.locator('tr[data-instrument="UNTOC"] td').last().textContent())).toBe(
        'Does not apply: opted out by Algeria.',
      );
      await expectNoAxeViolationsAtWidths(page, 'statements-country');
    });

    // The Firearms Protocol's page: the shortest list of statements (its table has every participant). Axe at
    // three widths and full-page screenshots of a long page take longer than other steps on a busy machine.
    it(
      'the instrument page passes axe on the desktop, at 390 px and 320 px, without scrolling sideways',
      { timeout: 2 * JOURNEY_TIMEOUT },
      async () => {
        await openInstrument('FIREARMS');
        await expectNoAxeViolationsAtWidths(page, 'statements-instrument');
      },
    );

    it('in French: the coverage line, the three states of knowledge and the filters; axe passes', async () => {
      const fr = await openPage(browser!, pageErrors, 'fr-FR');
      await fr.goto(`${server!.url}/instruments/UNTOC`);
      const coverage = fr.getByTestId('statements-coverage');
      await coverage.waitFor();
      const untoc = fromFiles('UNTOC');
      expect(norm(await coverage.textContent())).toBe(
        `Convention contre la criminalité organisée : ${untoc.rows.length} déclarations, réserves, objections ou notifications de ${untoc.recordedBy.size} participants sont enregistrées ici. ` +
          `La liste du dépositaire est plus longue : ${untoc.listed.size} autres participants ont fait des déclarations dont le texte n’est pas enregistré ici, et un participant pour lequel rien n’est enregistré ici peut en avoir fait.`,
      );
      const cell = (iso3: string) =>
        fr.locator(`tr[data-participant="${iso3}"] [data-testid="statements-cell"]`);
      await expect.poll(async () => norm(await cell('FRA').textContent())).toBe('Rien n’est enregistré ici');
      expect(norm(await cell('ARM').textContent())).toBe('Déclaration faite — texte non enregistré ici');
      expect(await fr.getByTestId('optout-filter').textContent()).toBe(
        'Exclusions de la clause de règlement des différends (art. 35(2))',
      );
      await expectNoAxeViolations(fr);
      await fr.goto(`${server!.url}/countries/AFG`);
      await fr.getByTestId('country-statements').locator('[data-instrument="SOM"]').waitFor();
      expect(norm(await fr.getByTestId('country-statements').locator('h2').textContent())).toBe(
        'Déclarations, réserves, objections et notifications',
      );
      await expectNoAxeViolationsAtWidths(fr, 'statements-country-fr');
      await fr.context().close();
    });

    it('the Secretariat records an objection through the form, with its target, summary and confidence; the rules still hold', async () => {
      const officer = await openPage(browser!, pageErrors);
      await signInEnrollingMfa(officer, server!.url, OFFICER.email, OFFICER.password);
      await officer.goto(`${server!.url}/record?participant=FRA`);
      await officer.getByTestId('action-form').waitFor();
      await officer.getByLabel('Instrument').selectOption('SOM');
      await officer.getByLabel('Kind of action').selectOption('objection');
      await officer.getByLabel('Date', { exact: true }).fill('2018-03-01');
      await officer.getByLabel('Source', { exact: true }).fill('C.N.100.2018.TREATIES-XVIII.12.b');
      await officer.getByRole('button', { name: 'Preview the effect' }).click();
      await expect
        .poll(async () => (await fieldError(officer, 'Statement answered')).message)
        .toBe('Error: Choose the statement the objection answers, or say that it is not recorded here.');
      await officer
        .getByLabel('Statement answered')
        .selectOption({ label: 'Afghanistan — Reservation art. 18 (2 February 2017)' });
      await officer
        .getByLabel('Summary', { exact: true })
        .fill("Objection to Afghanistan's reservation to art. 18.");
      await officer.getByLabel('Confidence in the source').selectOption('High');
      await officer.getByRole('button', { name: 'Preview the effect' }).click();
      const preview = officer.getByTestId('preview');
      await preview.waitFor();
      await expectNoAxeViolations(officer);
      await preview.getByRole('button', { name: 'Record this action' }).click();
      await officer.getByTestId('outcome').waitFor();

      // The objection is listed under the reservation it answers, with its summary and confidence.
      await officer.goto(`${server!.url}/instruments/SOM`);
      const reservation = officer
        .getByTestId('statements-section')
        .locator('[data-participant="AFG"] li[data-kind="reservation"]');
      await expect
        .poll(async () => norm(await reservation.locator('.objections-head').textContent()))
        .toBe('23 objections recorded:');
      expect(norm(await reservation.locator('[data-objection]').last().textContent())).toBe(
        'France (1 March 2018)',
      );
      const french = officer
        .getByTestId('statements-section')
        .locator('[data-participant="FRA"] li[data-kind="objection"]');
      expect(norm(await french.locator('.target').textContent())).toBe(
        'Objects to: Afghanistan — Reservation (art. 18)',
      );
      expect(norm(await french.locator('.statement-summary').textContent())).toBe(
        "Summary (not the official text): Objection to Afghanistan's reservation to art. 18.",
      );
      expect(norm(await french.locator('details.source summary').textContent())).toBe(
        'Source · confidence: high',
      );

      // A dispute-clause opt-out on a day that is neither France's signature nor its consent is refused at the date.
      await officer.goto(`${server!.url}/record?participant=FRA`);
      await officer.getByTestId('action-form').waitFor();
      await officer.getByLabel('Instrument').selectOption('SOM');
      await officer.getByLabel('Kind of action').selectOption('reservation');
      await officer.getByLabel('Article').fill('20(2)');
      await officer.getByLabel('Date', { exact: true }).fill('2018-03-01');
      await officer.getByLabel('Source', { exact: true }).fill('C.N.101.2018.TREATIES-XVIII.12.b');
      await officer.getByRole('button', { name: 'Preview the effect' }).click();
      await expect
        .poll(async () => (await fieldError(officer, 'Date')).message)
        .toMatch(
          /^Error: art\. 20\(3\): a reservation to the dispute-settlement clause is made at signature or at the deposit of consent; France/,
        );
      expect(await officer.getByTestId('preview').count()).toBe(0);
      await officer.context().close();
    });

    it('raised no page error', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
