// The report's producer: gathers the data as at the date (registry, Fund, events, assistance), composes the
// document with the Secretariat's prose, and renders the formats asked for. The server and the CLI are
// given it (producer.ts); the report records never call the gatherers or renderers themselves.
import { DomainError } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import { getStatus } from '../../treaties/services/queries.ts';
import { composeReport, type ComposeData } from '../domain/compose.ts';
import type { ReportDocument, ReportFormat } from '../domain/document.ts';
import type { ReportLocale } from '../domain/format.ts';
import type { ReportInput } from '../domain/input.ts';
import type { Figure } from '../domain/template.ts';
import { WORDING } from '../domain/wording.ts';
import { renderReport } from '../render/index.ts';
import { annexIIBlocks, fundBlocks } from '../sections/fund.ts';
import { assistanceBlocks, promotionBlocks } from '../sections/programme.ts';
import { annexIBlocks, mapLegend, statusBlocks } from '../sections/registry.ts';
import { combineFingerprints } from './fingerprint.ts';
import { gathered } from './gathered.ts';
import { PROGRAMME_FIGURES, resolveProgrammeFigure } from './gather-programme.ts';
import { FigureError, resolveFigure } from './resolve-figure.ts';
import type { ProducedReport, ReportProducer } from './producer.ts';
import { statusMapSvg, type MapStatus } from './status-map.ts';

const PROGRAMME = new Set<string>(PROGRAMME_FIGURES);

/** The map's status of a participant: parties (in force or pending), signatories, the rest. */
function mapStatus(state: string): MapStatus {
  if (state === 'party' || state === 'party_pending') return 'party';
  return state === 'signatory' ? 'signatory' : 'none';
}

/** The status map of one instrument as at the date, by M49 code (participants without one are not drawn). */
async function instrumentMap(ctx: ServiceContext, instrumentId: string, asAt: string) {
  const { snapshot, status } = await getStatus(ctx, instrumentId, asAt);
  const byM49 = new Map<string, MapStatus>();
  let parties = 0;
  let signatories = 0;
  for (const p of status.participants) {
    const s = mapStatus(p.state);
    if (s === 'party') parties += 1;
    if (s === 'signatory') signatories += 1;
    const m49 = snapshot.participantsById.get(p.participantId)?.m49;
    if (m49 && s !== 'none') byM49.set(m49, s);
  }
  return (locale: ReportLocale) => ({ svg: statusMapSvg(byM49, mapLegend(locale)), parties, signatories });
}

/** The document of one report in one language: data as at the input's date, prose as the input has it. */
export async function buildReportDocument(
  ctx: ServiceContext,
  input: ReportInput,
  options: { draft: boolean },
): Promise<ReportDocument> {
  const { registryAndFund, programme, programmeFingerprint } = await gathered(
    ctx,
    { asAt: input.asAt, period: input.period },
    options,
  );
  const fromRegistry = resolveFigure(registryAndFund);
  const fromProgramme = resolveProgrammeFigure(programme);
  const resolve = (name: string, args: readonly string[]): Figure => {
    try {
      return PROGRAMME.has(name) ? fromProgramme(name, args) : fromRegistry(name, args);
    } catch (err) {
      // A figure the data cannot give as one value (an instrument not yet in force): the prose must change.
      // composeReport names the slot's field.
      if (err instanceof FigureError)
        throw new DomainError('validation', `${[name, ...args].join(' ')}: ${err.message}`);
      throw err;
    }
  };
  const maps = new Map<string, Awaited<ReturnType<typeof instrumentMap>>>();
  // The map of the Convention: the Protocols' maps would repeat it nearly State for State.
  const convention = registryAndFund.registry.instruments[0];
  if (convention)
    maps.set(convention.instrumentId, await instrumentMap(ctx, convention.instrumentId, input.asAt));
  const words = WORDING[input.locale];
  const data: ComposeData = {
    resolve,
    instrumentIds: registryAndFund.registry.instruments.map((i) => i.instrumentId),
    illustrative: registryAndFund.illustrative,
    fingerprint: combineFingerprints({
      registryAndFund: registryAndFund.fingerprint,
      programme: programmeFingerprint,
    }),
    sections: {
      II: statusBlocks(registryAndFund.registry, maps),
      III: promotionBlocks(programme),
      IV: assistanceBlocks(programme),
      V: fundBlocks(registryAndFund.fund),
    },
    annexes: [
      { title: words.annexes.status, blocks: annexIBlocks(registryAndFund.registry) },
      { title: words.annexes.contributions, blocks: annexIIBlocks(registryAndFund.fund) },
    ],
  };
  return composeReport(input, data, options);
}

/** The producer the server and the CLI are given: the document, rendered in each format asked for. */
export const produceReport: ReportProducer = async (input, options): Promise<ProducedReport> => {
  const doc = await buildReportDocument(options.context, input, { draft: options.draft });
  // All at once: the PDF is compiled in a worker thread (render/pdf.ts) while this thread writes the others.
  const rendered = await Promise.all(options.formats.map((format) => renderReport(doc, format)));
  const files: Partial<Record<ReportFormat, Buffer>> = {};
  for (const [i, format] of options.formats.entries()) files[format] = rendered[i];
  return { files, fingerprint: doc.fingerprint, illustrative: doc.illustrative };
};
