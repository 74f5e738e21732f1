// The names of the migrations this build carries, in order: what a start compares with the store's own list
// (src/db/readiness.ts) without loading the migrations themselves, their code and Kysely's migrator, some
// 20 ms of every command and of the server's start. src/db/migrate.ts maps each name to its module and
// refuses to load when the two lists differ, so a migration added there and not here fails every test.
export const MIGRATION_NAMES: readonly string[] = [
  '2026-11-27-001-treaty-registry',
  '2026-11-27-002-identity-audit',
  '2026-11-27-003-fund-ledger',
  '2026-11-27-004-ledger-import-keys',
  '2026-11-27-005-assistance',
  '2026-11-27-006-ledger-statement-index',
  '2026-11-27-007-rates-per-dataset',
  '2026-11-27-008-actions-by-participant-kind',
  '2026-12-06-009-auth-hardening',
  '2026-12-06-011-signature-kinds',
  '2026-12-06-012-reference-updates',
  '2026-12-07-013-events',
  '2026-12-07-014-delegations',
  '2026-12-07-015-outcomes',
  '2026-12-07-016-event-funding',
  '2026-12-07-017-reports',
  '2026-12-07-018-statements',
  '2026-12-07-019-notifications',
  '2026-12-07-020-notification-completeness',
];
