// The one policy table: role × action × ownership. Every route names its action; a hook checks it before
// the handler runs, and a test walks every operation of the OpenAPI document against this table.
//
// Ownership: a State focal point acts for the States the Secretariat assigned to it; a donor for itself.
// "own" grants the action only on records owned by one of those; "any" on every record.

export const ROLES = ['admin', 'fund_officer', 'programme_officer', 'focal_point', 'donor'] as const;
export type Role = (typeof ROLES)[number];

/** Secretariat roles must use multi-factor authentication (OWASP ASVS 5.0 level 2). */
export const SECRETARIAT_ROLES: readonly Role[] = ['admin', 'fund_officer', 'programme_officer'];

/**
 * Whether a viewer sees the internal ids of who recorded something (`user:<uuid>`, `token:<uuid>`): they name
 * accounts and credentials, so they are the Secretariat's. The command line and internal work (no principal
 * at all) keep them.
 */
export function seesActorIds(principal: Principal | null | undefined): boolean {
  return principal === undefined || (principal !== null && SECRETARIAT_ROLES.includes(principal.role));
}

export type Grant = 'any' | 'own';

export interface ActionPolicy {
  /** Whether anyone, signed in or not, may do it. */
  public: boolean;
  roles: Partial<Record<Role, Grant>>;
  /** What a denied caller is told: 403, or 404 where the existence of the record is itself confidential. */
  denial: 403 | 404;
  description: string;
}

export const POLICY = {
  'registry.read': {
    public: true,
    roles: {},
    denial: 403,
    description: 'read treaty status, instruments, participants and published actions',
  },
  'statements.read': {
    public: true,
    roles: {},
    denial: 403,
    description:
      'read the declarations, reservations, objections and notifications of record, and what is not recorded',
  },
  'registry.record': {
    public: false,
    // A focal point records its own State's declarations and notifications; deposits are the Secretariat's.
    roles: { admin: 'any', focal_point: 'own' },
    denial: 403,
    description: 'record or correct a treaty action',
  },
  'registry.import': {
    public: false,
    roles: { admin: 'any' },
    denial: 403,
    description: 'import participant tables and action files',
  },
  'instrument.define': {
    public: false,
    roles: { admin: 'any' },
    denial: 403,
    description: 'define a new instrument',
  },
  'users.manage': {
    public: false,
    roles: { admin: 'any' },
    denial: 403,
    description: 'create, change and disable users; assign roles and States',
  },
  'tokens.manage': {
    public: false,
    roles: { admin: 'any' },
    denial: 403,
    description: 'issue and revoke API tokens',
  },
  'audit.read': {
    public: false,
    roles: { admin: 'any' },
    denial: 403,
    description: 'read and verify the audit trail',
  },
  'fund.public': {
    public: true,
    roles: {},
    denial: 403,
    description:
      'read published fund aggregates: fund statement, contributions by year, donors, earmarks, rates',
  },
  'fund.read': {
    public: false,
    // A donor sees its own pledges, payments, allocations and statement (what its money paid for).
    roles: { admin: 'any', fund_officer: 'any', programme_officer: 'any', donor: 'own' },
    denial: 404,
    description: "read a donor's pledges, transactions, allocations and statement",
  },
  'fund.record': {
    public: false,
    roles: { admin: 'any', fund_officer: 'any' },
    denial: 403,
    description:
      'record donors, earmarks, rates, pledges, payments, allocations, spending, refunds, transfers, reversals',
  },
  'fund.reconcile': {
    public: false,
    roles: { admin: 'any', fund_officer: 'any' },
    denial: 403,
    description: 'reconcile the ledger',
  },
  'assistance.public': {
    public: true,
    roles: {},
    denial: 404,
    description:
      'read the provisions catalogue, eligibility, published assessments and projects (and, signed in, what the account may see)',
  },
  'country.classify': {
    public: false,
    roles: { admin: 'any' },
    denial: 403,
    description: "record a change of a country's development class",
  },
  'assessment.write': {
    public: false,
    // A State's focal point assesses its own State's needs; the Secretariat may do it with the State.
    roles: { admin: 'any', programme_officer: 'any', focal_point: 'own' },
    denial: 404,
    description: "record a State's needs assessment",
  },
  'assessment.publish': {
    public: false,
    // Publication is the State's choice (its focal point); the Secretariat records it on the State's word.
    roles: { admin: 'any', focal_point: 'own' },
    denial: 404,
    description: "publish or withdraw a State's needs assessment",
  },
  'request.read': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any', focal_point: 'own' },
    denial: 404,
    description: 'read assistance requests (confidential to the State and the Secretariat)',
  },
  'request.write': {
    public: false,
    // Drafting, submitting and withdrawing; the workflow table says which steps each side may take.
    roles: { admin: 'any', programme_officer: 'any', focal_point: 'own' },
    denial: 404,
    description: 'create an assistance request or move it through its workflow',
  },
  'project.manage': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any' },
    denial: 403,
    description: 'create projects, their activities, results, measurements and outcomes',
  },
  'project.fund': {
    public: false,
    roles: { admin: 'any', fund_officer: 'any' },
    denial: 403,
    description: 'fund a project from the ledger and post its spending',
  },
  'offer.write': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any', donor: 'own', focal_point: 'own' },
    denial: 403,
    description: 'offer assistance (a donor for itself, a partner State for itself)',
  },
  'offer.read': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any', donor: 'own', focal_point: 'own' },
    denial: 404,
    description: 'read offers of assistance',
  },
  'match.propose': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any' },
    denial: 403,
    description: 'see proposed matches between requests, offers and free earmarked money',
  },
  'events.read': {
    public: true,
    roles: {},
    denial: 404,
    description:
      'read public events, their agendas and history (and, signed in, the events the account may see)',
  },
  'events.manage': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any' },
    denial: 403,
    description: 'record and correct events, move them through their life cycle, invite States',
  },
  'outcomes.manage': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any' },
    denial: 403,
    description: "record an event's documents and outcomes, and States' commitments: met, withdrawn",
  },
  'invitations.read': {
    public: false,
    // A State's focal point sees the invitations addressed to its own States.
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any', focal_point: 'own' },
    denial: 404,
    description: "read an event's invitations",
  },
  'delegation.register': {
    public: false,
    // A State's focal point registers its own State's delegation; the Secretariat may on a State's behalf.
    roles: { admin: 'any', programme_officer: 'any', focal_point: 'own' },
    denial: 403,
    description: "register or update a State's delegation to an event",
  },
  'delegation.review': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any' },
    denial: 403,
    description:
      'review delegates (approve, ask for changes, refuse), set capacities, read the approval queue and participant lists',
  },
  'delegation.read': {
    public: false,
    // Names of delegates and notes verbales: the Secretariat and the delegation's own State only.
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any', focal_point: 'own' },
    denial: 404,
    description: 'read delegations, their notes verbales and attendance certificates',
  },
  'events.fund': {
    public: false,
    roles: { admin: 'any', fund_officer: 'any' },
    denial: 403,
    description:
      "set an event's budget, allocate money to it from an earmark and pay its participants' travel and DSA",
  },
  'events.funding.read': {
    public: false,
    // A donor sees the allocations and participants its own money paid for (services/funding-read.ts).
    roles: { admin: 'any', fund_officer: 'any', programme_officer: 'any', donor: 'own' },
    denial: 404,
    description: "read an event's funding: budget against actual, allocations, funded participants",
  },
  'reports.read': {
    public: true,
    roles: {},
    denial: 404,
    description:
      'read the reports to the Commission that are frozen, and download their files (the Secretariat also its drafts)',
  },
  'reports.manage': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any' },
    denial: 403,
    description:
      'draft reports to the Commission: save versions, compare, preview, freeze, start the next report',
  },
  'session.open': {
    public: true,
    roles: {},
    denial: 403,
    description: 'sign in, accept an invitation, reset a password',
  },
  'notifications.read': {
    public: true,
    roles: {},
    denial: 403,
    description: 'read depositary notifications and their Atom feeds',
  },
  'obligations.read': {
    public: false,
    // A State's calendar of what it owes the depositary: the State's and the Secretariat's (issue 17, item 6).
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any', focal_point: 'own' },
    denial: 404,
    description: "read a State's calendar of notifications owed to the depositary",
  },
  'obligations.public': {
    public: true,
    roles: {},
    denial: 403,
    description: 'read which notifications a State has made, as recorded (public)',
  },
  'obligations.overdue': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any', fund_officer: 'any' },
    denial: 403,
    description: 'read the overdue notifications of every State, by instrument and region',
  },
  'obligations.complete': {
    public: false,
    roles: { admin: 'any', programme_officer: 'any' },
    denial: 403,
    description: "set from which day a State's notifications are kept complete",
  },
} as const satisfies Record<string, ActionPolicy>;

export type PolicyAction = keyof typeof POLICY;
export const POLICY_ACTIONS_LIST = Object.keys(POLICY) as PolicyAction[];

export interface Principal {
  userId: string | null;
  role: Role;
  /** States (participant codes) a focal point acts for. */
  states: readonly string[];
  /** Donors a donor account acts for. */
  donors: readonly string[];
  /** How the caller proved who it is. */
  via: 'session' | 'token';
}

/** The owner of a record: the State (participant) or donor it belongs to; null when it belongs to nobody. */
export interface Owner {
  state?: string | null;
  donor?: string | null;
}

export type Decision = { allowed: true } | { allowed: false; status: 401 | 403 | 404; reason: string };

/**
 * Decides whether `principal` (null: not signed in) may take `action` on a record owned by `owner`.
 * With no owner given, "own" grants are allowed here and the use case narrows what it returns or touches.
 */
export function decide(principal: Principal | null, action: PolicyAction, owner?: Owner): Decision {
  const policy: ActionPolicy = POLICY[action];
  if (policy.public) return { allowed: true };
  if (!principal) return { allowed: false, status: 401, reason: 'sign in first' };
  const grant = policy.roles[principal.role];
  if (!grant)
    return {
      allowed: false,
      status: policy.denial,
      reason: `a ${principal.role} may not ${policy.description}`,
    };
  if (grant === 'any' || owner === undefined) return { allowed: true };
  const ownsState = owner.state != null && principal.states.includes(owner.state);
  const ownsDonor = owner.donor != null && principal.donors.includes(owner.donor);
  if (ownsState || ownsDonor) return { allowed: true };
  return {
    allowed: false,
    status: policy.denial,
    reason: `only for records of the States or donors this account acts for`,
  };
}
