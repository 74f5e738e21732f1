// Who sees which events — the feature's owner checks in one place, beside the policy table
// (src/auth/domain/policy.ts). The Secretariat sees every event; a State's focal point sees public events and
// those its States were invited to; donors and the public see public events.
import { decide, SECRETARIAT_ROLES, type Principal } from '../../auth/domain/policy.ts';
import { DomainError } from '../../common/errors.ts';

export type EventViewer =
  { kind: 'secretariat' } | { kind: 'state'; states: readonly string[] } | { kind: 'public' };

export function eventViewerOf(principal: Principal | null | undefined): EventViewer {
  if (!principal) return { kind: 'public' };
  if (SECRETARIAT_ROLES.includes(principal.role)) return { kind: 'secretariat' };
  if (principal.role === 'focal_point') return { kind: 'state', states: principal.states };
  return { kind: 'public' };
}

/** The filter a list of events applies for this viewer. */
export function visibleTo(viewer: EventViewer): { all: true } | { all: false; states: readonly string[] } {
  if (viewer.kind === 'secretariat') return { all: true };
  return { all: false, states: viewer.kind === 'state' ? viewer.states : [] };
}

/** Whether the viewer may see one event: public ones, or one its States were invited to. */
export function seesEvent(
  viewer: EventViewer,
  event: { public: boolean },
  invitedOwnState: boolean,
): boolean {
  return viewer.kind === 'secretariat' || event.public || (viewer.kind === 'state' && invitedOwnState);
}

/** The invitations of an event are the Secretariat's; a State sees its own. */
export function seesInvitation(viewer: EventViewer, participantId: string): boolean {
  return viewer.kind === 'secretariat' || (viewer.kind === 'state' && viewer.states.includes(participantId));
}

/**
 * Delegations (names, notes verbales, certificates) are the Secretariat's and the delegation's own State's:
 * anyone else is answered 404, as if there were none. Registering is open to a State's focal point for its
 * own States and to the Secretariat on a State's behalf (policy `delegation.register`).
 */
export function checkDelegationAccess(
  principal: Principal | null | undefined,
  action: 'delegation.register' | 'delegation.read',
  state: string,
  field?: string,
): void {
  const d = decide(principal ?? null, action, { state });
  if (d.allowed) return;
  if (d.status === 404) throw new DomainError('not_found', 'no such delegation', field ? { field } : {});
  if (d.status === 401) throw new DomainError('unauthorized', 'sign in first');
  throw new DomainError('forbidden', d.reason, field ? { field } : {});
}

/** The States whose delegations the viewer may read in full: all (null) for the Secretariat. */
export function delegationStatesOf(viewer: EventViewer): readonly string[] | null {
  if (viewer.kind === 'secretariat') return null;
  return viewer.kind === 'state' ? viewer.states : [];
}

/** Who reads an event's funding: the Secretariat all of it; a donor what its own money paid (null: nobody). */
export type FundingViewer = { kind: 'secretariat' } | { kind: 'donor'; donors: readonly string[] };

export function fundingViewerOf(principal: Principal | null | undefined): FundingViewer | null {
  if (!principal) return null;
  if (SECRETARIAT_ROLES.includes(principal.role)) return { kind: 'secretariat' };
  if (principal.role === 'donor') return { kind: 'donor', donors: principal.donors };
  return null;
}
