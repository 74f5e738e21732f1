// Forward-only migrations, listed here so that every build carries them. All pending migrations run in
// one transaction on both stores (both have transactional DDL): a failure leaves the old schema.
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as m001 from './migrations/2026-11-27-001-treaty-registry.ts';
import * as m002 from './migrations/2026-11-27-002-identity-audit.ts';
import * as m003 from './migrations/2026-11-27-003-fund-ledger.ts';
import * as m004 from './migrations/2026-11-27-004-ledger-import-keys.ts';
import * as m005 from './migrations/2026-11-27-005-assistance.ts';
import * as m006 from './migrations/2026-11-27-006-ledger-statement-index.ts';
import * as m007 from './migrations/2026-11-27-007-rates-per-dataset.ts';
import * as m008 from './migrations/2026-11-27-008-actions-by-participant-kind.ts';
import * as m009 from './migrations/2026-12-06-009-auth-hardening.ts';
import * as m011 from './migrations/2026-12-06-011-signature-kinds.ts';
import * as m012 from './migrations/2026-12-06-012-reference-updates.ts';
import * as m013 from './migrations/2026-12-07-013-events.ts';
import * as m014 from './migrations/2026-12-07-014-delegations.ts';
import * as m015 from './migrations/2026-12-07-015-outcomes.ts';
import * as m016 from './migrations/2026-12-07-016-event-funding.ts';
import * as m017 from './migrations/2026-12-07-017-reports.ts';
import * as m018 from './migrations/2026-12-07-018-statements.ts';
import * as m019 from './migrations/2026-12-07-019-notifications.ts';
import * as m020 from './migrations/2026-12-07-020-notification-completeness.ts';
import type { Store } from './database.ts';
import { MIGRATION_NAMES } from './migration-names.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-27-001-treaty-registry': m001,
  '2026-11-27-002-identity-audit': m002,
  '2026-11-27-003-fund-ledger': m003,
  '2026-11-27-004-ledger-import-keys': m004,
  '2026-11-27-005-assistance': m005,
  '2026-11-27-006-ledger-statement-index': m006,
  '2026-11-27-007-rates-per-dataset': m007,
  '2026-11-27-008-actions-by-participant-kind': m008,
  '2026-12-06-009-auth-hardening': m009,
  '2026-12-06-011-signature-kinds': m011,
  '2026-12-06-012-reference-updates': m012,
  '2026-12-07-013-events': m013,
  '2026-12-07-014-delegations': m014,
  '2026-12-07-015-outcomes': m015,
  '2026-12-07-016-event-funding': m016,
  '2026-12-07-017-reports': m017,
  '2026-12-07-018-statements': m018,
  '2026-12-07-019-notifications': m019,
  '2026-12-07-020-notification-completeness': m020,
};

// What a start checks without loading this file (migration-names.ts) must name exactly these, in order.
const listed = Object.keys(migrations);
if (listed.length !== MIGRATION_NAMES.length || listed.some((name, i) => name !== MIGRATION_NAMES[i])) {
  throw new Error(
    `src/db/migration-names.ts and src/db/migrate.ts list different migrations: ${MIGRATION_NAMES.join(', ')} against ${listed.join(', ')}`,
  );
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Kysely looks for its own bookkeeping tables in every schema unless told which one; with several Palermo
 * databases in one PostgreSQL database (tests, tenants) it must be this store's schema.
 */
function migrator(store: Store): Migrator {
  return new Migrator({
    db: store.db,
    provider,
    // Names begin with their date and number, so code-point order is their order; Kysely's default,
    // localeCompare, starts the ICU collator, a few milliseconds of every command's start-up.
    nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  const result: MigrationResultSet = await migrator(store).migrateToLatest();
  if (!result.error) {
    return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
  // No results: the error came while Kysely looked for its own tables, before any migration ran.
  const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
  const what = failed ? `migration ${failed} failed` : 'migrations could not start';
  throw new Error(`${what}: ${String((result.error as Error).message ?? result.error)}`);
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const all = await migrator(store).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
