// Who records which kind of action, beside the policy table (src/auth/domain/policy.ts: `registry.record`,
// owner checked against the participant). The Secretariat records every action; a focal point records the
// declarations, reservations, objections, withdrawals, notifications and territorial applications of its own
// States. Signatures, consents and denunciations are deposited with the Secretary-General: the Secretariat
// records them.
import { DomainError } from '../../common/errors.ts';
import { STATEMENT_KINDS, type ActionKind } from './types.ts';

/** The kinds of action a State's focal point may record for its own States. */
export const FOCAL_POINT_KINDS: readonly ActionKind[] = STATEMENT_KINDS;

/** Refuses (403) a kind of action the role does not record; the owner check is the policy table's. */
export function checkRecorder(role: string | null | undefined, kind: string): void {
  if (role === 'focal_point' && !(FOCAL_POINT_KINDS as readonly string[]).includes(kind)) {
    throw new DomainError(
      'forbidden',
      `a ${kind.replace('_', ' ')} is deposited with the Secretary-General and recorded by the Secretariat`,
      {
        field: 'kind',
      },
    );
  }
}
