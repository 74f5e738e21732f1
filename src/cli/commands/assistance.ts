// Technical assistance: `palermo assistance iati`.
import type { Command } from 'commander';
import { output, withContext } from '../common.ts';

export function assistanceCommand(program: Command): void {
  const assistance = program.command('assistance').description('technical assistance');
  assistance
    .command('iati')
    .description(
      'the published projects as an IATI 2.03 activity file (reporting organisation from PALERMO_IATI_ORG_REF, PALERMO_IATI_ORG_NAME, PALERMO_IATI_ORG_TYPE; docs/assistance.md)',
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }, cmd: Command) => {
      const { iatiActivities, publisherFromEnv } = await import('../../assistance/services/iati.ts');
      const publisher = publisherFromEnv();
      const { xml, activities } = await withContext(cmd, (ctx) =>
        iatiActivities(ctx.clock, ctx.store.db, { kind: 'public' }, { publisher }),
      );
      output(xml, opts.out);
      if (opts.out) output(`${activities} published project(s) written to ${opts.out}`, undefined);
    });
}
