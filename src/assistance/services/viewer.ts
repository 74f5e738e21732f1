// Who is looking, for confidentiality: the Secretariat sees everything; a State's focal point sees its own
// States' confidential work; a donor sees what its money paid for; everyone else sees what is published.
import type { Principal } from '../../auth/domain/policy.ts';

export type Viewer =
  | { kind: 'secretariat' }
  | { kind: 'state'; states: readonly string[] }
  | { kind: 'donor'; donors: readonly string[] }
  | { kind: 'public' };

export function viewerOf(principal: Principal | null | undefined): Viewer {
  if (!principal) return { kind: 'public' };
  if (principal.role === 'focal_point') return { kind: 'state', states: principal.states };
  if (principal.role === 'donor') return { kind: 'donor', donors: principal.donors };
  return { kind: 'secretariat' };
}

/** Whether the viewer may see a State's confidential records (assessments, requests). */
export function seesStateRecords(viewer: Viewer, participantId: string): boolean {
  return viewer.kind === 'secretariat' || (viewer.kind === 'state' && viewer.states.includes(participantId));
}
