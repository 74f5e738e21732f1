// Whether the States and donors an account or token acts for exist. The treaty registry and the fund ledger
// know, but they import auth (the policy table, `authorize`), so auth does not import them back: whoever
// assembles the program passes these in with the service context (src/server/scope-targets.ts).
import type { Db } from '../db/schema.ts';

export interface ScopeTargets {
  participantExists(db: Db, participantId: string): Promise<boolean>;
  donorExists(db: Db, donorId: string): Promise<boolean>;
}
