// The wire contract of the report to the Commission as a record: drafts and their versions, the comparison
// of two versions, freezing, and the files of a frozen report. Zod schemas shared by the API, the CLI and the
// web. Dates are YYYY-MM-DD (0001-9999); amounts are decimal strings with their ISO 4217 currency.
import { z } from 'zod';
import { IsoDateSchema, MAX_ID } from '../common/contract.ts';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { AmountSchema, CurrencyCodeSchema } from '../funds/contract.ts';
import { REPORT_FORMATS } from './domain/document.ts';
import { REPORT_SYMBOL } from './domain/draft.ts';
import { REPORT_LOCALES } from './domain/format.ts';
import { PARAGRAPH_SLOTS, type ParagraphSlot } from './domain/input.ts';
import { MAX_TEXT_LENGTH } from './domain/template.ts';

const line = (max: number) => z.string().trim().min(1).max(max).regex(ONE_LINE, ONE_LINE_MESSAGE);
const count = (max: number) => z.number().int().min(0).max(max);

export const ReportLocaleSchema = z.enum(REPORT_LOCALES);
export const ReportFormatSchema = z.enum(REPORT_FORMATS);
export const ReportStatusSchema = z.enum(['draft', 'frozen']);
export const ReportSymbolSchema = z
  .string()
  .regex(REPORT_SYMBOL, 'must be a symbol such as E/CN.15/2005/8')
  .meta({ example: 'E/CN.15/2005/8' });

export const ReportSessionSchema = z.strictObject({
  /** The Commission's session: 14 for the fourteenth. */
  number: z.number().int().min(1).max(999),
  from: IsoDateSchema,
  to: IsoDateSchema,
  agendaItem: z.number().int().min(1).max(99),
  agendaSymbol: line(60).meta({ example: 'E/CN.15/2005/1' }),
});

const ParagraphsSchema = z.strictObject(
  Object.fromEntries(PARAGRAPH_SLOTS.map((s) => [s, z.string().max(MAX_TEXT_LENGTH)])) as Record<
    ParagraphSlot,
    z.ZodString
  >,
);

export const ReportTextSchema = z.strictObject({
  place: line(120).meta({ example: 'Vienna' }),
  agendaTitle: line(300),
  paragraphs: ParagraphsSchema,
});

const perLocale = <T extends z.ZodType>(schema: T) =>
  z.strictObject({ en: schema, fr: schema }) as z.ZodObject<Record<(typeof REPORT_LOCALES)[number], T>>;

export const ReportResourceSchema = z.strictObject({
  posts: count(100_000).nullable(),
  amount: z.strictObject({ amount: AmountSchema, currency: CurrencyCodeSchema }).nullable(),
  description: perLocale(line(500)),
  source: perLocale(line(500)),
});

const draftFields = {
  symbol: ReportSymbolSchema.nullable(),
  date: IsoDateSchema,
  asAt: IsoDateSchema,
  session: ReportSessionSchema,
  texts: perLocale(ReportTextSchema),
  resources: z.array(ReportResourceSchema).max(50),
};

/** What the Secretariat sends: the period may be left out (docs/reports.md, "The period covered"). */
export const ReportDraftInputSchema = z.strictObject({
  ...draftFields,
  period: z.strictObject({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() }).optional(),
});
export type ReportDraftInput = z.infer<typeof ReportDraftInputSchema>;

/** A new version of a draft: the whole draft, and the version it was edited from. */
export const ReportSaveSchema = ReportDraftInputSchema.extend({
  baseVersion: z.number().int().min(1).max(MAX_ID),
});
export type ReportSave = z.infer<typeof ReportSaveSchema>;

export const ReportFreezeSchema = z.strictObject({
  /** The version the Secretariat read and freezes: refused if another was saved since. */
  version: z.number().int().min(1).max(MAX_ID),
});

export const ReportDraftSchema = z
  .strictObject({ ...draftFields, period: z.strictObject({ from: IsoDateSchema, to: IsoDateSchema }) })
  .meta({ id: 'ReportDraft' });

export const ReportFileSchema = z.object({
  locale: ReportLocaleSchema,
  format: ReportFormatSchema,
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  url: z.string(),
});

export const ReportSummarySchema = z
  .object({
    id: z.number().int(),
    status: ReportStatusSchema,
    symbol: z.string().nullable(),
    asAt: IsoDateSchema,
    session: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
    frozenAt: z.string().nullable(),
  })
  .meta({ id: 'ReportSummary' });

export const ReportViewSchema = ReportSummarySchema.extend({
  /** The latest version (a draft) or the version frozen. */
  draft: ReportDraftSchema,
  savedAt: z.string(),
  savedBy: z.string(),
  startedFrom: z.number().int().nullable(),
  frozen: z
    .object({
      at: z.string(),
      by: z.string(),
      version: z.number().int(),
      fingerprint: z.string(),
      files: z.array(ReportFileSchema),
    })
    .nullable(),
}).meta({ id: 'Report' });
export type ReportView = z.infer<typeof ReportViewSchema>;
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportListSchema = z.object({ reports: z.array(ReportSummarySchema) });
export const ReportListQuerySchema = z.strictObject({ status: ReportStatusSchema.optional() });

export const ReportVersionSchema = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string(),
});
export const ReportVersionListSchema = z.object({ versions: z.array(ReportVersionSchema) });

export const ReportCompareQuerySchema = z.strictObject({
  fromVersion: z.coerce.number().int().min(1).max(MAX_ID),
  toVersion: z.coerce.number().int().min(1).max(MAX_ID),
  /** The report `fromVersion` belongs to, when it is another (the frozen report a new draft started from). */
  fromReport: z.coerce.number().int().min(1).max(MAX_ID).optional(),
});

const Scalar = z.union([z.string(), z.number(), z.null()]);
export const ReportComparisonSchema = z
  .object({
    from: z.object({ report: z.number().int(), version: z.number().int() }),
    to: z.object({ report: z.number().int(), version: z.number().int() }),
    fields: z.array(z.object({ field: z.string(), from: Scalar, to: Scalar })),
    texts: z.array(
      z.object({
        field: z.string(),
        lines: z.array(z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() })),
      }),
    ),
  })
  .meta({ id: 'ReportComparison' });
export type ReportComparison = z.infer<typeof ReportComparisonSchema>;

export const ReportFileQuerySchema = z.strictObject({ locale: ReportLocaleSchema.default('en') });
export const ReportPreviewQuerySchema = ReportFileQuerySchema.extend({
  version: z.coerce.number().int().min(1).max(MAX_ID).optional(),
});
