// What the tests of reports as records share: a valid draft (the report to the fourteenth session, as at
// 8 March 2005) and a producer that stands in for the real one: deterministic bytes drawn from the input,
// so that a test can tell which version and which language a file was produced from.
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../src/context.ts';
import type { ReportDraftInput } from '../../src/reports/contract.ts';
import { REPORT_FORMATS } from '../../src/reports/domain/document.ts';
import type { ReportInput } from '../../src/reports/domain/input.ts';
import type { ProducedReport, ReportProducer } from '../../src/reports/services/producer.ts';
import { correctAction } from '../../src/treaties/services/correct-action.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';

const paragraphs = (lang: 'en' | 'fr') => ({
  summary:
    lang === 'en'
      ? 'The present report covers the period from {{period.from}} to {{period.to}}.'
      : 'Le présent rapport couvre la période du {{period.from}} au {{period.to}}.',
  introduction:
    lang === 'en' ? 'By its resolution 56/120, the General Assembly …' : 'Dans sa résolution 56/120 …',
  status:
    lang === 'en'
      ? 'As at {{asAt}}, {{parties UNTOC}} States were parties to the Convention.'
      : 'Au {{asAt}}, {{parties UNTOC}} États étaient parties à la Convention.',
  promotion: '',
  assistance: '',
  resources: lang === 'en' ? 'Contributions paid: {{fund.paid}}.' : 'Contributions versées : {{fund.paid}}.',
  conclusions:
    lang === 'en' ? 'States that have not yet done so …' : 'Les États qui ne l’ont pas encore fait …',
});

export function draftInput(overrides: Partial<ReportDraftInput> = {}): ReportDraftInput {
  return {
    symbol: null,
    date: '2005-03-15',
    asAt: '2005-03-08',
    session: {
      number: 14,
      from: '2005-05-23',
      to: '2005-05-27',
      agendaItem: 4,
      agendaSymbol: 'E/CN.15/2005/1',
    },
    texts: {
      en: {
        place: 'Vienna',
        agendaTitle: 'Crime prevention and criminal justice',
        paragraphs: paragraphs('en'),
      },
      fr: {
        place: 'Vienne',
        agendaTitle: 'Prévention du crime et justice pénale',
        paragraphs: paragraphs('fr'),
      },
    },
    resources: [
      {
        posts: 2,
        amount: { amount: '250000.00', currency: 'USD' },
        description: { en: 'Two Professional posts', fr: 'Deux postes d’administrateur' },
        source: { en: 'Programme budget 2004-2005', fr: 'Budget-programme 2004-2005' },
      },
    ],
    ...overrides,
  };
}

const json = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

type Call = { locale: string; draft: boolean; formats: readonly string[] };
export type FakeProducer = ReportProducer & { illustrative: boolean; fingerprint: string; calls: Call[] };

/** A stand-in producer; `illustrative` and `fingerprint` can be changed by the test, `calls` lists its runs. */
export function fakeProducer(): FakeProducer {
  const self: FakeProducer = Object.assign(
    async (
      input: ReportInput,
      options: { draft: boolean; formats: readonly string[] },
    ): Promise<ProducedReport> => {
      self.calls.push({ locale: input.locale, draft: options.draft, formats: options.formats });
      const body = json({ draft: options.draft, fingerprint: self.fingerprint, input });
      const digest = createHash('sha256').update(body).digest('hex');
      const files = Object.fromEntries(
        REPORT_FORMATS.filter((f) => options.formats.includes(f)).map((f) => [
          f,
          Buffer.from(`${f}:${digest}:${body}`),
        ]),
      );
      return { files, fingerprint: self.fingerprint, illustrative: self.illustrative };
    },
    { illustrative: false, fingerprint: 'f'.repeat(64), calls: [] as Call[] },
  );
  return self;
}

/**
 * Records Lithuania's Firearms ratification of 24 February 2005 as made on 10 March 2005 (a correction):
 * the Firearms Protocol then has 35 parties as at 8 March 2005, the figure of the report to the fourteenth
 * session.
 */
export async function delayLithuaniaFirearms(ctx: ServiceContext): Promise<void> {
  const [ratification] = (
    await listActionRecords(ctx.store.db, {
      instrumentId: 'FIREARMS',
      participantId: 'LTU',
      kinds: ['ratification'],
    })
  ).filter((a) => a.correction === null);
  await correctAction(ctx, ratification?.id as number, {
    reason: 'test: the deposit was on another day',
    replacement: {
      instrumentId: 'FIREARMS',
      participantId: 'LTU',
      kind: 'ratification',
      date: '2005-03-10',
      source: 'test',
    },
  });
}
