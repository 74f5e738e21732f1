// Accounts and machine clients: `palermo user create` and `palermo token create`.
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import { ROLES, type Role } from '../../auth/domain/policy.ts';
import { collect, output, readInput, withContext } from '../common.ts';

interface TokenCreateOptions {
  role: Role;
  name: string;
  state?: string[];
  donor?: string[];
  expires?: string;
}

const roleOption = (): Option =>
  new Option('-r, --role <role>', 'role').choices([...ROLES]).makeOptionMandatory();

export function userCommand(program: Command): void {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user; without --password-stdin an invitation link to choose a password is printed')
    .addOption(roleOption())
    .requiredOption('-e, --email <email>', 'email address (the sign-in name)')
    .option('-n, --name <name>', 'display name (default: the email)')
    .option('-s, --state <code>', 'a State a focal point acts for (repeatable)', collect)
    .option('-d, --donor <ref>', 'a donor a donor account acts for (repeatable)', collect)
    .option('--password-stdin', 'read the password from standard input instead of sending an invitation')
    .action(
      async (
        opts: {
          role: Role;
          email: string;
          name?: string;
          state?: string[];
          donor?: string[];
          passwordStdin?: boolean;
        },
        cmd: Command,
      ) => {
        const { z } = await import('zod');
        const email = z.email().safeParse(opts.email);
        if (!email.success)
          throw new DomainError('validation', `--email: "${opts.email}" is not an email address`, {
            field: 'email',
          });
        const password = opts.passwordStdin ? readInput('-').replace(/\r?\n$/, '') : undefined;
        const publicUrl = process.env.PALERMO_PUBLIC_URL ?? 'http://localhost:3000';
        // Password hashing (argon2) and mail are loaded only here.
        const { createUser } = await import('../../auth/services/accounts.ts');
        const result = await withContext(cmd, (ctx) =>
          createUser(
            ctx,
            {
              email: email.data,
              displayName: opts.name ?? email.data,
              role: opts.role,
              states: opts.state ?? [],
              donors: opts.donor ?? [],
              ...(password !== undefined ? { password } : {}),
            },
            { mailer: { send: async () => undefined }, publicUrl },
          ),
        );
        output(`created ${result.user.role} ${result.user.email} (${result.user.status})`, undefined);
        if (result.invitationUrl)
          output(`open this link within 72 hours to choose a password:\n${result.invitationUrl}`, undefined);
      },
    );
}

export function tokenCommand(program: Command): void {
  const token = program.command('token').description('API tokens for machine clients');
  token
    .command('create')
    .description('issue an API token; its secret is printed once')
    .addOption(roleOption())
    .requiredOption('-n, --name <name>', 'what the token is for')
    .option('-s, --state <code>', 'a State a focal-point token acts for (repeatable)', collect)
    .option('-d, --donor <ref>', 'a donor a donor token acts for (repeatable)', collect)
    .option(
      '--expires <when>',
      'last day of validity (YYYY-MM-DD) or a lifetime (30d, 2w); default and most: PALERMO_TOKEN_DAYS (90)',
    )
    .action(async (opts: TokenCreateOptions, cmd: Command) => {
      const { issueToken } = await import('../../auth/services/sessions.ts');
      const { parseExpiry } = await import('../../auth/token-expiry.ts');
      const issued = await withContext(cmd, (ctx) =>
        issueToken(ctx, {
          name: opts.name,
          role: opts.role,
          states: opts.state ?? [],
          donors: opts.donor ?? [],
          ...(opts.expires !== undefined ? { expiresAt: parseExpiry(opts.expires, ctx.clock.now()) } : {}),
        }),
      );
      output(issued.token, undefined);
    });
}
