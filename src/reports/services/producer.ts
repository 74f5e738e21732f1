// What produces the files of a report: given one language's input, it gathers the data as at the date,
// composes the document and renders it. The records of this feature never call the gatherers and renderers
// themselves; the server and the CLI are given a producer (AppOptions.reportProducer, CliOptions), so the
// records, their rules and their tests stand apart from how a document is made.
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import type { ReportFormat } from '../domain/document.ts';
import type { ReportInput } from '../domain/input.ts';

export interface ProducedReport {
  /** The bytes of each format asked for (a producer may give more). */
  files: Partial<Record<ReportFormat, Buffer>>;
  /** SHA-256 (hex) of the records the report was drawn from. */
  fingerprint: string;
  /** Drawn from the illustrative data: such a report says so on every page and cannot be frozen. */
  illustrative: boolean;
}

export interface ProduceOptions {
  /** A draft says so on every page; a frozen report does not. */
  draft: boolean;
  /** The formats wanted: all four to freeze, one to preview. */
  formats: readonly ReportFormat[];
  /** The store, clock and registry the data is read from. */
  context: ServiceContext;
}

export type ReportProducer = (input: ReportInput, options: ProduceOptions) => Promise<ProducedReport>;

/** The producer, or 503: this server or command was started without one. */
export function requireProducer(producer: ReportProducer | undefined): ReportProducer {
  if (!producer) {
    throw new DomainError(
      'unavailable',
      'this server cannot produce report files: no report producer is configured (previews and freezing need one)',
    );
  }
  return producer;
}

/** The bytes of one format, or an error naming the producer's omission (never an empty file). */
export function producedFile(produced: ProducedReport, format: ReportFormat): Buffer {
  const bytes = produced.files[format];
  if (!bytes || bytes.length === 0) throw new Error(`the report producer gave no ${format} file`);
  return bytes;
}

/**
 * The real producer (produce.ts), loaded at its first use: gathering, composing and the four renderers are
 * never loaded by commands and servers that produce no report, so they add nothing to start-up.
 */
export const realReportProducer: ReportProducer = async (input, options) => {
  const { produceReport } = await import('./produce.ts');
  return produceReport(input, options);
};
