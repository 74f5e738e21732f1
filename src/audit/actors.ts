// Who did something, as people read it. Records keep the actor's internal id (`user:<id>`, `token:<id>`,
// `cli:<os user>`, or a process name such as `reference-data`); those ids are for the Secretariat and the audit
// trail. Everyone else reads a name: the account's display name, or the API token's name.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

// The store handle (src/treaties/repository.ts's Db), spelled out: the treaty repository imports this module,
// and importing it back would close a cycle.
type Db = Kysely<Database> | Transaction<Database>;

/** Names of the accounts (display name) and API tokens (token name) among `actors`, keyed as recorded. */
export async function actorNames(db: Db, actors: Iterable<string>): Promise<Map<string, string>> {
  const ids = (prefix: string) => [
    ...new Set([...actors].filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length))),
  ];
  const userIds = ids('user:');
  const tokenIds = ids('token:');
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
    : [];
  const tokens = tokenIds.length
    ? await db.selectFrom('api_tokens').select(['id', 'name']).where('id', 'in', tokenIds).execute()
    : [];
  return new Map<string, string>([
    ...users.map((u) => [`user:${u.id}`, u.display_name] as const),
    ...tokens.map((k) => [`token:${k.id}`, k.name] as const),
  ]);
}

/** The name to show for an actor: a known account or token by its name, the command line, or the process. */
export function actorLabel(actor: string, names: ReadonlyMap<string, string>): string {
  const named = names.get(actor);
  if (named !== undefined) return actor.startsWith('token:') ? `API token “${named}”` : named;
  if (actor.startsWith('user:')) return 'a former account';
  if (actor.startsWith('token:')) return 'a revoked API token';
  if (actor.startsWith('cli:')) return 'the Secretariat (command line)';
  return actor;
}
