// The registry's part of the report to the Commission on the real data (the participant tables of
// reference/, loaded as at first start): the figures of the Secretary-General's report to the fourteenth
// session as at 8 March 2005, new parties equal to the registry's difference between two dates, the Treaty
// Collection's table with its markers and notes, the fingerprint, and bad dates refused at their field.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import { gatherRegistry, type RegistryData } from '../../src/reports/services/gather-registry.ts';
import { getStatus } from '../../src/treaties/services/queries.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { createTestStore, STORE_KIND, TEST_TODAY, type TestStore } from '../helpers/store.ts';
import { delayLithuaniaFirearms } from './records-support.ts';

const AS_AT = '2005-03-08';
// The day after the previous report's date (a period includes its first and last days).
const PERIOD = { from: '2004-03-09', to: AS_AT };

const checks = parse(readFileSync(new URL('../fixtures/status-checks.csv', import.meta.url), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Array<{
  instrument: string;
  as_of: string;
  official_parties: string;
  data_parties: string;
  match: string;
}>;

let t: TestStore;
let data: RegistryData;
const of = (d: RegistryData, id: string) => {
  const i = d.instruments.find((x) => x.instrumentId === id);
  if (!i) throw new Error(`no ${id}`);
  return i;
};

beforeAll(async () => {
  t = await createTestStore();
  data = await gatherRegistry(t.ctx(), { asAt: AS_AT, period: PERIOD });
});
afterAll(async () => t?.close());

describe(`the registry as at 8 March 2005 (${STORE_KIND})`, () => {
  it('has every instrument, in the registry’s order', () => {
    expect(data.instruments.map((i) => i.instrumentId)).toEqual(['UNTOC', 'TIP', 'SOM', 'FIREARMS']);
    expect(data.illustrative).toBe(false);
  });

  it('gives the parties of the report to the fourteenth session: UNTOC 100, TIP 80, SOM 69', () => {
    for (const [id, parties] of [
      ['UNTOC', 100],
      ['TIP', 80],
      ['SOM', 69],
    ] as const) {
      const row = checks.find((c) => c.instrument === id && c.as_of === AS_AT);
      expect(row?.match).toBe('yes');
      expect(Number(row?.official_parties)).toBe(parties);
      expect(of(data, id).parties.value).toBe(parties);
      expect(of(data, id).parties.asAt).toBe(AS_AT);
    }
  });

  it('gives 36 Firearms parties where that report says 35, as the status checks pin it', () => {
    // The report's figure is quoted by a secondary source (the abstract of the report to the fourteenth
    // session, tests/fixtures/status-checks.csv): the depositary's data (UNTC, reference/SOURCES.md) give 36.
    // The official figure most likely lags by one instrument deposited shortly before the date — the last
    // deposit before it is Lithuania's ratification of 24 February 2005 — which is not verified; the data
    // are kept and the report states 36 (tests/data/status-checks.test.ts pins the same difference).
    const row = checks.find((c) => c.instrument === 'FIREARMS' && c.as_of === AS_AT);
    expect(row).toMatchObject({ official_parties: '35', data_parties: '36', match: 'no' });
    const firearms = of(data, 'FIREARMS');
    expect(firearms.parties.value).toBe(36);
    expect(firearms.newParties.value.at(-1)).toMatchObject({
      participantId: 'LTU',
      date: '2005-02-24',
      kind: 'ratification',
    });
  });

  it('gives signatories and entry into force as at the date', () => {
    expect(of(data, 'UNTOC').signatories.value).toBe(147);
    expect(of(data, 'UNTOC').entryIntoForce.value).toBe('2003-09-29');
    // The Firearms Protocol entered into force on 3 July 2005, after the date.
    expect(of(data, 'FIREARMS').entryIntoForce.value).toBeNull();
    expect(of(data, 'FIREARMS').entryIntoForce.source.ref).toBe('FIREARMS 2005-03-08 actions none');
  });

  it('cites the actions behind each count, one per participant counted', () => {
    for (const i of data.instruments) {
      expect(i.parties.source.kind).toBe('registry.parties');
      expect(i.parties.source.ref).toMatch(new RegExp(`^${i.instrumentId} ${AS_AT} actions [0-9,-]+$`));
      const ids = i.parties.source.ref
        .split(' ')[3]
        ?.split(',')
        .flatMap((r) => {
          const [a, b] = r.split('-').map(Number) as [number, number | undefined];
          return Array.from({ length: (b ?? a) - a + 1 }, (_, k) => a + k);
        });
      expect(ids).toHaveLength(i.parties.value);
      const consents = i.annex.rows
        .filter((r) => r.consent && r.state !== 'withdrawn')
        .map((r) => r.consent?.actionId);
      expect([...(ids ?? [])].sort((a, b) => a - b)).toEqual((consents as number[]).sort((a, b) => a - b));
    }
  });

  it('lists new parties equal to the registry’s difference between the two dates, in order of deposit', async () => {
    for (const i of data.instruments) {
      const [before, after] = await Promise.all([
        getStatus(t.ctx(), i.instrumentId, '2004-03-08'),
        getStatus(t.ctx(), i.instrumentId, PERIOD.to),
      ]);
      const parties = (s: typeof before) =>
        new Set(
          s.status.participants
            .filter((p) => p.consented === 'yes' && p.state !== 'withdrawn')
            .map((p) => p.participantId),
        );
      const was = parties(before);
      const expected = [...parties(after)].filter((id) => !was.has(id)).sort();
      const listed = i.newParties.value.map((p) => p.participantId);
      expect([...listed].sort()).toEqual(expected);
      expect(listed.length).toBe(
        after.status.counts.contractingParties - before.status.counts.contractingParties,
      );
      const dates = i.newParties.value.map((p) => p.date);
      expect(dates).toEqual([...dates].sort());
      for (const p of i.newParties.value) expect(p.date >= PERIOD.from && p.date <= PERIOD.to).toBe(true);
      // The same participants, in the difference from the period's start to the "as at" date.
      const contracting = ['party', 'party_pending'];
      const moved = i.difference.changes.filter(
        (c) => contracting.includes(c.to) && !contracting.includes(c.from),
      );
      expect(moved.map((c) => c.participantId).sort()).toEqual(expected);
    }
  });

  it('includes the period’s first and last days: a deposit on the first day is new in the period', async () => {
    const newFirearms = async (from: string) =>
      (await gatherRegistry(t.ctx(), { asAt: AS_AT, period: { from, to: AS_AT } })).instruments
        .find((i) => i.instrumentId === 'FIREARMS')
        ?.newParties.value.map((p) => p.participantId);
    // Lithuania ratified the Firearms Protocol on 24 February 2005.
    expect(await newFirearms('2005-02-24')).toContain('LTU');
    expect(await newFirearms('2005-02-25')).not.toContain('LTU');
  });

  it('lists new signatories in the period', () => {
    // Signature of the Convention and its first two Protocols closed on 12 December 2002.
    expect(of(data, 'UNTOC').newSignatories.value).toEqual([]);
    const all = data.instruments.flatMap((i) => i.newSignatories.value);
    for (const s of all) expect(s.date >= PERIOD.from && s.date <= PERIOD.to).toBe(true);
  });

  it('lays Annex I out as the Treaty Collection does, with the marks of consent', () => {
    const annex = of(data, 'FIREARMS').annex;
    expect(annex.rows.map((r) => r.name)).toEqual(
      [...annex.rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'en')),
    );
    expect(annex.rows.find((r) => r.participantId === 'HRV')?.consent).toMatchObject({
      date: '2005-02-07',
      kind: 'accession',
      marker: 'a',
    });
    expect(annex.rows.find((r) => r.participantId === 'LTU')).toMatchObject({
      signature: { date: '2002-12-12', marker: '' },
      consent: { date: '2005-02-24', kind: 'ratification', marker: '' },
    });
    // Malawi acceded on 17 March 2005, after the date: not in the table yet.
    expect(annex.rows.some((r) => r.participantId === 'MWI')).toBe(false);
  });
});

describe(`notes, fingerprint and corrections (${STORE_KIND})`, () => {
  it('gives the same fingerprint for the same records, and ignores what happened after the date', async () => {
    const again = await gatherRegistry(t.ctx(), { asAt: AS_AT, period: PERIOD });
    expect(again.fingerprint).toBe(data.fingerprint);
    expect(again.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await recordAction(t.ctx(), {
      instrumentId: 'FIREARMS',
      participantId: 'LTU',
      kind: 'declaration',
      date: '2010-01-15',
      text: 'A declaration made long after the date.',
      source: 'test',
    });
    const later = await gatherRegistry(t.ctx(), { asAt: AS_AT, period: PERIOD });
    expect(later.fingerprint).toBe(data.fingerprint);
    // The statements of record loaded with the reference data (Algeria's, South Africa's, …) are notes
    // already; the later declaration is not one of them.
    expect(of(later, 'FIREARMS').annex.notes).toEqual(of(data, 'FIREARMS').annex.notes);
    expect(of(later, 'FIREARMS').annex.notes.some((n) => n.participantId === 'LTU')).toBe(false);
  });

  it('numbers the declarations made by the date as notes of their rows', async () => {
    const { action } = await recordAction(t.ctx(), {
      instrumentId: 'FIREARMS',
      participantId: 'LTU',
      kind: 'declaration',
      date: '2005-02-24',
      text: 'Upon ratification: a declaration under article 13.',
      article: '13',
      source: 'test',
    });
    const d = await gatherRegistry(t.ctx(), { asAt: AS_AT, period: PERIOD });
    const annex = of(d, 'FIREARMS').annex;
    const before = of(data, 'FIREARMS').annex.notes;
    const ltu = annex.notes.filter((n) => n.participantId === 'LTU');
    expect(annex.notes).toHaveLength(before.length + 1);
    expect(ltu).toEqual([
      {
        number: ltu[0]?.number,
        participantId: 'LTU',
        actionId: action?.id,
        kind: 'declaration',
        date: '2005-02-24',
        article: '13',
        territory: null,
        text: 'Upon ratification: a declaration under article 13.',
        summary: null,
      },
    ]);
    expect(annex.rows.find((r) => r.participantId === 'LTU')?.notes).toEqual([ltu[0]?.number]);
    expect(annex.notes.map((n) => n.number)).toEqual(annex.notes.map((_, i) => i + 1));
    expect(d.fingerprint).not.toBe(data.fingerprint);
    data = d;
  });

  it('changes the fingerprint and the figures after a correction', async () => {
    await delayLithuaniaFirearms(t.ctx());
    const corrected = await gatherRegistry(t.ctx(), { asAt: AS_AT, period: PERIOD });
    expect(corrected.fingerprint).not.toBe(data.fingerprint);
    expect(of(corrected, 'FIREARMS').parties.value).toBe(35);
    expect(of(corrected, 'FIREARMS').newParties.value.some((p) => p.participantId === 'LTU')).toBe(false);
    // The other instruments' figures are untouched.
    expect(of(corrected, 'UNTOC').parties).toEqual(of(data, 'UNTOC').parties);
  });
});

describe('bad dates are refused at their field', () => {
  it.each([
    ['asAt', { asAt: '2026-07-01', period: { from: '2026-01-01', to: '2026-07-01' } }, 'in the future'],
    [
      'asAt',
      { asAt: '2000-11-14', period: { from: '2000-01-01', to: '2000-11-14' } },
      'before UNTOC was adopted',
    ],
    ['period.to', { asAt: AS_AT, period: { from: '2005-03-01', to: '2005-02-01' } }, 'before it starts'],
    [
      'period.to',
      { asAt: AS_AT, period: { from: '2005-03-01', to: '2005-03-09' } },
      'after the "as at" date',
    ],
    ['asAt', { asAt: '2005-02-30', period: PERIOD }, 'not a calendar day'],
    ['period.from', { asAt: AS_AT, period: { from: '0000-12-31', to: AS_AT } }, 'not a calendar day'],
    ['period.to', { asAt: AS_AT, period: { from: PERIOD.from, to: '10000-01-01' } }, 'not a calendar day'],
  ])('%s: %j', async (field, input, message) => {
    const err = await gatherRegistry(t.ctx(), input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'validation', field });
    expect((err as Error).message).toContain(message);
  });

  it('takes today as the "as at" date', async () => {
    const d = await gatherRegistry(t.ctx(), {
      asAt: TEST_TODAY,
      period: { from: '2025-06-30', to: TEST_TODAY },
    });
    expect(of(d, 'UNTOC').parties.value).toBeGreaterThan(190);
  });
});
