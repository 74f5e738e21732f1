// Reports to the Commission: `palermo report create | list | show | edit | versions | compare | preview |
// freeze | next | download`. The command line acts as the Secretariat (it runs on the server with the store's
// own access). Files are made by the report producer the CLI is given (CliOptions); without one, `preview`
// and `freeze` stop with `unavailable: …`.
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import type { Db } from '../../db/schema.ts';
import type { ReportComparison, ReportView } from '../../reports/contract.ts';
import { REPORT_FORMATS } from '../../reports/domain/document.ts';
import { REPORT_LOCALES, type ReportLocale } from '../../reports/domain/format.ts';
import { PARAGRAPH_SLOTS } from '../../reports/domain/input.ts';
import type { ReportProducer } from '../../reports/services/producer.ts';
import { output, readInput, withContext } from '../common.ts';

export interface ReportCliOptions {
  reportProducer?: ReportProducer | undefined;
}

const wholeNumber =
  (what: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d{1,10}$/.test(value) || n < 1 || n > 2_147_483_647) {
      throw new DomainError('validation', `${what}: "${value}" is not a ${what} number`, { field: what });
    }
    return n;
  };
const reportId = wholeNumber('report');
const versionNumber = wholeNumber('version');

/** A JSON file (`-`: standard input), read as the server reads a request body. */
function readJson(file: string): unknown {
  const text = readInput(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DomainError('validation', `${file} is not JSON: ${(err as Error).message}`, { field: 'file' });
  }
}

/** A line per report: number, status, version, symbol, "as at", session. */
function listLine(r: {
  id: number;
  status: string;
  version: number;
  symbol: string | null;
  asAt: string;
  session: number;
}) {
  return [
    String(r.id).padStart(5),
    r.status.padEnd(6),
    `v${r.version}`.padEnd(5),
    (r.symbol ?? '(no symbol)').padEnd(16),
    `as at ${r.asAt}`,
    `session ${r.session}`,
  ].join('  ');
}

/** A comparison as text: `field: from → to`, then each changed text with `-`/`+` lines. */
export function comparisonText(c: ReportComparison): string {
  const head = `report ${c.from.report} version ${c.from.version} → report ${c.to.report} version ${c.to.version}`;
  const fields = c.fields.map((f) => `${f.field}: ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`);
  const texts = c.texts.flatMap((t) => [
    `${t.field}:`,
    ...t.lines.map((l) => `${l.op === 'same' ? ' ' : l.op === 'added' ? '+' : '-'} ${l.text}`),
  ]);
  const none = fields.length + texts.length === 0 ? ['no difference'] : [];
  return [head, ...fields, ...texts, ...none].join('\n');
}

/** The draft with the paragraph `where` (`<locale>.<slot>`, e.g. `fr.status`) replaced by `text`. */
function withParagraph(draft: ReportView['draft'], where: string, text: string): ReportView['draft'] {
  const [locale = '', slot = ''] = where.split('.');
  if (
    !(REPORT_LOCALES as readonly string[]).includes(locale) ||
    !(PARAGRAPH_SLOTS as readonly string[]).includes(slot)
  ) {
    throw new DomainError(
      'validation',
      `--paragraph: "${where}" is not <${REPORT_LOCALES.join('|')}>.<${PARAGRAPH_SLOTS.join('|')}>`,
      { field: 'paragraph' },
    );
  }
  const current = draft.texts[locale as ReportLocale];
  return {
    ...draft,
    texts: { ...draft.texts, [locale]: { ...current, paragraphs: { ...current.paragraphs, [slot]: text } } },
  };
}

const viewLine = (r: ReportView) =>
  `report ${r.id}: ${r.status}, version ${r.version}, as at ${r.asAt}, period ${r.draft.period.from} to ${r.draft.period.to}`;

/** Runs a write in one transaction with its audit row, as the API does (src/db/write.ts). */
async function write<T>(
  cmd: Command,
  operation: string,
  run: (ctx: ServiceContext, db: Db) => Promise<T>,
): Promise<T> {
  const { runWrite } = await import('../../db/write.ts');
  return withContext(cmd, async (ctx) => {
    const answer = await runWrite<T>(ctx, { key: null, operation, payload: null }, async (db) => ({
      status: 200,
      body: null,
      value: await run(ctx, db),
    }));
    return answer.value as T;
  });
}

export function reportCommand(program: Command, options: ReportCliOptions = {}): void {
  const report = program
    .command('report')
    .description('the report to the Commission: draft, compare, freeze, download');

  report
    .command('create')
    .description('start a report from a JSON file of its draft (docs/reports.md, "Reports as records")')
    .argument('<file>', 'the draft, JSON (- for standard input)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { ReportDraftInputSchema } = await import('../../reports/contract.ts');
      const input = ReportDraftInputSchema.parse(readJson(file));
      const { createReport, reportView } = await import('../../reports/services/drafts.ts');
      const view = await write(cmd, 'report.create', async (ctx, db) =>
        reportView(db, 'secretariat', await createReport(ctx, db, input)),
      );
      output(viewLine(view), undefined);
    });

  report
    .command('list')
    .description('reports, newest first')
    .addOption(
      new Option('--status <status>', 'only drafts or only frozen reports').choices(['draft', 'frozen']),
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(async (opts: { status?: 'draft' | 'frozen'; format: string }, cmd: Command) => {
      const { reportList } = await import('../../reports/services/drafts.ts');
      const list = await withContext(cmd, (ctx) =>
        reportList(ctx.store.db, 'secretariat', { status: opts.status }),
      );
      if (opts.format === 'json') return output(JSON.stringify(list, null, 2), undefined);
      output([...list.reports.map(listLine), `${list.reports.length} report(s)`].join('\n'), undefined);
    });

  report
    .command('show')
    .description('one report: its latest version (JSON), and when frozen its files')
    .argument('<report>', 'report number', reportId)
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (id: number, opts: { out?: string }, cmd: Command) => {
      const { reportView } = await import('../../reports/services/drafts.ts');
      const view = await withContext(cmd, (ctx) => reportView(ctx.store.db, 'secretariat', id));
      output(JSON.stringify(view, null, 2), opts.out);
    });

  report
    .command('edit')
    .description(
      'save a new version: the whole draft from a JSON file, or one paragraph from a text file (--paragraph en.status)',
    )
    .argument('<report>', 'report number', reportId)
    .argument('<file>', 'the draft (JSON) or, with --paragraph, the paragraph (text); - for standard input')
    .option('--paragraph <locale.slot>', 'replace this paragraph only, e.g. fr.conclusions')
    .option('--base <version>', 'the version edited (default: the latest)', versionNumber)
    .action(async (id: number, file: string, opts: { paragraph?: string; base?: number }, cmd: Command) => {
      const { ReportDraftInputSchema } = await import('../../reports/contract.ts');
      const drafts = await import('../../reports/services/drafts.ts');
      const view = await write(cmd, 'report.save', async (ctx, db) => {
        const current = await drafts.reportView(db, 'secretariat', id);
        const baseVersion = opts.base ?? current.version;
        const input =
          opts.paragraph === undefined
            ? readJson(file)
            : withParagraph(current.draft, opts.paragraph, readInput(file).replace(/\n$/, ''));
        await drafts.saveReport(ctx, db, id, { ...ReportDraftInputSchema.parse(input), baseVersion });
        return drafts.reportView(db, 'secretariat', id);
      });
      output(viewLine(view), undefined);
    });

  report
    .command('versions')
    .description('every version of a report: who saved it, when')
    .argument('<report>', 'report number', reportId)
    .action(async (id: number, _opts: unknown, cmd: Command) => {
      const { reportVersions } = await import('../../reports/services/drafts.ts');
      const { versions } = await withContext(cmd, (ctx) => reportVersions(ctx.store.db, id));
      output(versions.map((v) => `v${v.version}  ${v.savedAt}  ${v.savedBy}`).join('\n'), undefined);
    });

  report
    .command('compare')
    .description('what changed between two versions: fields, then texts line by line')
    .argument('<report>', 'report number', reportId)
    .requiredOption('--from <version>', 'the earlier version', versionNumber)
    .requiredOption('--to <version>', 'the later version', versionNumber)
    .option(
      '--from-report <report>',
      '--from is a version of this report (the one this draft started from)',
      reportId,
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      async (
        id: number,
        opts: { from: number; to: number; fromReport?: number; format: string },
        cmd: Command,
      ) => {
        const { compareReportVersions } = await import('../../reports/services/compare.ts');
        const c = await withContext(cmd, (ctx) =>
          compareReportVersions(ctx.store.db, id, {
            fromVersion: opts.from,
            toVersion: opts.to,
            fromReport: opts.fromReport,
          }),
        );
        output(opts.format === 'json' ? JSON.stringify(c, null, 2) : comparisonText(c), undefined);
      },
    );

  const fileOptions = (c: Command) =>
    c
      .addOption(new Option('--format <format>', 'file format').choices(REPORT_FORMATS).makeOptionMandatory())
      .addOption(new Option('--locale <locale>', 'language').choices(REPORT_LOCALES).default('en'))
      .requiredOption('-o, --out <file>', 'write the file here');

  fileOptions(
    report
      .command('preview')
      .description('a draft as a file, produced now and marked DRAFT (not stored)')
      .argument('<report>', 'report number', reportId)
      .option('--version <version>', 'this version (default: the latest)', versionNumber),
  ).action(
    async (
      id: number,
      opts: { format: 'html'; locale: 'en'; out: string; version?: number },
      cmd: Command,
    ) => {
      const { previewReport } = await import('../../reports/services/files.ts');
      const bytes = await withContext(cmd, (ctx) =>
        previewReport(ctx, options.reportProducer, id, { ...opts, version: opts.version }),
      );
      writeFileSync(opts.out, bytes);
      output(`${opts.out}: ${bytes.length} bytes (draft)`, undefined);
    },
  );

  report
    .command('freeze')
    .description('freeze a report: every format in both languages stored with the data fingerprint')
    .argument('<report>', 'report number', reportId)
    .requiredOption('--version <version>', 'the version read and frozen (must be the latest)', versionNumber)
    .action(async (id: number, opts: { version: number }, cmd: Command) => {
      const { freezeReport } = await import('../../reports/services/files.ts');
      const { reportView } = await import('../../reports/services/drafts.ts');
      const view = await withContext(cmd, async (ctx) => {
        await freezeReport(ctx, options.reportProducer, id, opts.version);
        return reportView(ctx.store.db, 'secretariat', id);
      });
      output(`${viewLine(view)}, fingerprint ${view.frozen?.fingerprint}`, undefined);
    });

  report
    .command('next')
    .description('start the draft for the next session from a frozen report')
    .argument('<report>', 'the frozen report', reportId)
    .action(async (id: number, _opts: unknown, cmd: Command) => {
      const { startNextReport, reportView } = await import('../../reports/services/drafts.ts');
      const view = await write(cmd, 'report.next', async (ctx, db) =>
        reportView(db, 'secretariat', await startNextReport(ctx, db, id)),
      );
      output(viewLine(view), undefined);
    });

  fileOptions(
    report
      .command('download')
      .description('a frozen report’s file, exactly as stored when it was frozen')
      .argument('<report>', 'report number', reportId),
  ).action(async (id: number, opts: { format: 'pdf'; locale: 'en'; out: string }, cmd: Command) => {
    const { frozenFile } = await import('../../reports/services/files.ts');
    const file = await withContext(cmd, (ctx) =>
      frozenFile(ctx.store.db, 'secretariat', id, opts.locale, opts.format),
    );
    writeFileSync(opts.out, file.bytes);
    output(`${opts.out}: ${file.bytes.length} bytes`, undefined);
  });
}
