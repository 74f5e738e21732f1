// The life of an assistance request: draft → submitted → assessed → approved → funded → in progress →
// completed, or declined (by the Secretariat) or withdrawn (by the requesting State). Every step is recorded
// with who, when and why; declining and withdrawing need a reason.
export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'assessed',
  'approved',
  'funded',
  'in_progress',
  'completed',
  'declined',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Who takes a step: the requesting side (the State's focal point, or the Secretariat with it), the
 * programme side of the Secretariat, or the fund side. */
export type StepActor = 'requester' | 'programme' | 'fund';

interface Step {
  to: RequestStatus;
  by: StepActor;
  reasonRequired: boolean;
}

const STEPS: Record<RequestStatus, readonly Step[]> = {
  draft: [
    { to: 'submitted', by: 'requester', reasonRequired: false },
    { to: 'withdrawn', by: 'requester', reasonRequired: true },
  ],
  submitted: [
    { to: 'assessed', by: 'programme', reasonRequired: false },
    { to: 'declined', by: 'programme', reasonRequired: true },
    { to: 'withdrawn', by: 'requester', reasonRequired: true },
  ],
  assessed: [
    { to: 'approved', by: 'programme', reasonRequired: false },
    { to: 'declined', by: 'programme', reasonRequired: true },
    { to: 'withdrawn', by: 'requester', reasonRequired: true },
  ],
  // "funded" is reached when a fund officer funds the request's project from the ledger (projects.ts).
  approved: [
    { to: 'funded', by: 'fund', reasonRequired: false },
    { to: 'withdrawn', by: 'requester', reasonRequired: true },
  ],
  funded: [{ to: 'in_progress', by: 'programme', reasonRequired: false }],
  in_progress: [{ to: 'completed', by: 'programme', reasonRequired: false }],
  completed: [],
  declined: [],
  withdrawn: [],
};

export type StepCheck = { ok: true } | { ok: false; reason: string };

export function checkStep(
  from: RequestStatus,
  to: RequestStatus,
  by: readonly StepActor[],
  reason: string | null,
): StepCheck {
  const step = STEPS[from].find((s) => s.to === to);
  if (!step) {
    const next = STEPS[from].map((s) => s.to.replace('_', ' '));
    return {
      ok: false,
      reason: `a request that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}${
        next.length ? ` (next: ${next.join(', ')})` : ' (it is closed)'
      }`,
    };
  }
  if (!by.includes(step.by)) {
    const who = {
      requester: "the requesting State's focal point or the Secretariat",
      programme: 'a programme officer',
      fund: 'a fund officer',
    }[step.by];
    return { ok: false, reason: `only ${who} may make a request ${to.replace('_', ' ')}` };
  }
  if (step.reasonRequired && !reason) return { ok: false, reason: `say why the request is ${to}` };
  return { ok: true };
}

/** Statuses in which a request still waits for something to be done. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'draft',
  'submitted',
  'assessed',
  'approved',
  'funded',
  'in_progress',
];

/**
 * The sides of a State's request that an account acts for: by its role, or as that State's focal point. The
 * server checks it on every step (services/viewer.ts); the web offers the same steps.
 */
export function workflowActors(
  role: string | null,
  ownStates: readonly string[],
  participantId: string,
): StepActor[] {
  if (role === 'admin') return ['requester', 'programme', 'fund'];
  if (role === 'programme_officer') return ['requester', 'programme'];
  if (role === 'fund_officer') return ['fund'];
  if (role === 'focal_point' && ownStates.includes(participantId)) return ['requester'];
  return [];
}
