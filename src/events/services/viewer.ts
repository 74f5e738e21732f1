// Who sees which events — the feature's owner checks in one place, beside the policy table
// (src/auth/domain/policy.ts). The Secretariat sees every event; a State's focal point sees public events and
// those its States were invited to; donors and the public see public events.
import { SECRETARIAT_ROLES, type Principal } from '../../auth/domain/policy.ts';

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
