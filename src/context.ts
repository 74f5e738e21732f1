import type { Principal } from './auth/domain/policy.ts';
import type { ScopeTargets } from './auth/scope-targets.ts';
import type { Store } from './db/database.ts';
import type { Clock } from './common/clock.ts';
import type { RegistryState } from './treaties/registry-state.ts';

/** What every use case receives: the store, the clock, the computed registry and who is acting. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  registry: RegistryState;
  /** Who records a change (user id, token name or `cli:<user>`); kept with every row written. */
  actor: string;
  /** The signed-in user or token, when there is one. */
  principal?: Principal | null;
  /** The HTTP request id, kept in the audit trail. */
  requestId?: string | null;
  /**
   * Whether the States and donors an account or token is scoped to exist (src/server/scope-targets.ts), given
   * by the server and the CLI; without it, a scope naming States or donors is refused.
   */
  scopeTargets?: ScopeTargets;
}
