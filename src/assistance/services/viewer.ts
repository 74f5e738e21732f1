// Who sees what of technical assistance — every owner check of the feature lives here, beside the policy
// table (src/auth/domain/policy.ts) that says what each role may do at all. The Secretariat sees everything;
// a State's focal point sees its own States' confidential work; a donor sees what its money paid for;
// everyone else sees what is published.
import type { Principal } from '../../auth/domain/policy.ts';
import { workflowActors, type StepActor } from '../domain/workflow.ts';

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

/** A needs assessment: the State's and the Secretariat's until the State publishes it, then everyone's. */
export function seesAssessment(viewer: Viewer, participantId: string, published: boolean): boolean {
  return published || seesStateRecords(viewer, participantId);
}

/** The internal ids behind the names of who recorded what are the Secretariat's only. */
export function seesActorIds(viewer: Viewer): boolean {
  return viewer.kind === 'secretariat';
}

/**
 * The States whose requests the viewer may list, narrowed to `wanted` if given: undefined means every State
 * (the Secretariat), an empty list none.
 */
export function requestStates(viewer: Viewer, wanted?: readonly string[]): readonly string[] | undefined {
  if (viewer.kind === 'secretariat') return wanted;
  if (viewer.kind === 'state') return (wanted ?? viewer.states).filter((s) => viewer.states.includes(s));
  return [];
}

/** What this caller may do in a request's workflow. */
export function stepActors(viewer: Viewer, role: string | null, participantId: string): StepActor[] {
  return workflowActors(role, viewer.kind === 'state' ? viewer.states : [], participantId);
}

/** An offer of expertise or money: the donor's who made it and the partner State's it names. */
export function seesOffer(
  viewer: Viewer,
  offer: { donorId: string | null; partnerId: string | null },
): boolean {
  if (viewer.kind === 'secretariat') return true;
  if (viewer.kind === 'donor') return offer.donorId !== null && viewer.donors.includes(offer.donorId);
  if (viewer.kind === 'state') return offer.partnerId !== null && viewer.states.includes(offer.partnerId);
  return false;
}

/** A project: everyone's once published; before, the State's and the donors' whose money funds it. */
export function seesProject(
  viewer: Viewer,
  project: { published: boolean; participantId: string },
  funderIds: readonly string[],
): boolean {
  if (viewer.kind === 'secretariat' || project.published) return true;
  if (viewer.kind === 'state') return viewer.states.includes(project.participantId);
  if (viewer.kind === 'donor') return funderIds.some((d) => viewer.donors.includes(d));
  return false;
}

/**
 * One donor's part of a project's funding. A donor sees an unpublished project because its money funds it:
 * its own part only, as everywhere else in the fund (another donor's allocations stay that donor's business).
 */
export function seesFunding(viewer: Viewer, project: { published: boolean }, donorId: string): boolean {
  return viewer.kind !== 'donor' || project.published || viewer.donors.includes(donorId);
}
