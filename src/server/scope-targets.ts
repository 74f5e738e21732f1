// What auth asks the treaty registry and the fund ledger when it scopes an account or a token. Passed to it
// with the service context: treaties and funds import auth, so auth may not import them back.
import type { ScopeTargets } from '../auth/scope-targets.ts';
import { findDonor } from '../funds/services/lookups.ts';
import { findParticipant } from '../treaties/services/lookups.ts';

export const scopeTargets: ScopeTargets = {
  participantExists: async (db, participantId) => (await findParticipant(db, participantId)) !== null,
  donorExists: async (db, donorId) => (await findDonor(db, donorId)) !== null,
};
