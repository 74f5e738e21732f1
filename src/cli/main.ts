// The `palermo` command line. Every command has --help; errors print `code: detail` on stderr (and one
// line per refused row) and exit non-zero. Each feature's commands live in commands/; they load their use
// cases when they run, so a command pays only for what it uses.
import { Command, Option } from 'commander';
import { DEFAULT_SQLITE_PATH } from '../db/default-path.ts';
import { realReportProducer } from '../reports/services/producer.ts';
import { assistanceCommand } from './commands/assistance.ts';
import { auditCommand } from './commands/audit.ts';
import { eventsCommand } from './commands/events.ts';
import { commitmentsCommand } from './commands/event-outcomes.ts';
import { tokenCommand, userCommand } from './commands/auth.ts';
import { fundCommand } from './commands/funds.ts';
import { notificationsCommand } from './commands/notifications.ts';
import { obligationsCommand } from './commands/obligations.ts';
import { reportCommand, type ReportCliOptions } from './commands/reports.ts';
import { serveCommand } from './commands/serve.ts';
import { backupCommand, migrateCommand, restoreCommand } from './commands/store.ts';
import {
  eifCommand,
  exportCommand,
  importCommand,
  instrumentCommand,
  statusCommand,
} from './commands/treaties.ts';
import { reportError } from './common.ts';

/** The commands in the order `palermo --help` lists them. */
const COMMANDS: ((program: Command, options: CliOptions) => void)[] = [
  serveCommand,
  migrateCommand,
  importCommand,
  statusCommand,
  eifCommand,
  exportCommand,
  instrumentCommand,
  userCommand,
  tokenCommand,
  backupCommand,
  restoreCommand,
  auditCommand,
  fundCommand,
  assistanceCommand,
  eventsCommand,
  commitmentsCommand,
  reportCommand,
  notificationsCommand,
  obligationsCommand,
];

/** What the command line is given beyond its arguments: the report producer (previews, freezing). */
export type CliOptions = ReportCliOptions;

/** The report producer is the real one unless a caller (a test) gives its own. */
export function buildCli(given: CliOptions = {}): Command {
  const options: CliOptions = { reportProducer: realReportProducer, ...given };
  const program = new Command('palermo')
    .description(
      'Palermo: treaty registry for the UN Convention against Transnational Organized Crime and its Protocols',
    )
    .addOption(new Option('--database-url <url>', 'PostgreSQL URL (default: SQLite)').env('DATABASE_URL'))
    .addOption(
      new Option('--db <path>', 'SQLite database file').env('PALERMO_DB').default(DEFAULT_SQLITE_PATH),
    )
    .showHelpAfterError()
    .exitOverride();
  for (const add of COMMANDS) add(program, options);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<number> {
  const program = buildCli(options);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err);
  }
}
