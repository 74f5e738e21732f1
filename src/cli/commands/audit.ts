// `palermo audit verify`: the append-only, hash-chained audit trail.
import type { Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import { output, withContext } from '../common.ts';

export function auditCommand(program: Command): void {
  const auditCmd = program.command('audit').description('the append-only, hash-chained audit trail');
  auditCmd
    .command('verify')
    .description('walk the whole chain; report the first edited, deleted or reordered row (exit 1 if any)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { verifyAudit } = await import('../../audit/audit-log.ts');
      const result = await withContext(cmd, (ctx) => verifyAudit(ctx.store.db));
      if (!result.ok && result.broken) {
        throw new DomainError(
          'conflict',
          `audit trail broken at row ${result.broken.seq}: ${result.broken.reason}`,
          {
            field: `audit_log.seq=${result.broken.seq}`,
          },
        );
      }
      output(`audit trail intact: ${result.rows} rows`, undefined);
    });
}
