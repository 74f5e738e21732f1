// The shapes technical assistance answers with (documented in the OpenAPI document and checked by the fuzz
// tests against every response).
import { z } from 'zod';

const nullableString = z.string().nullable();

export const ProvisionSchema = z
  .object({
    instrumentId: z.string(),
    article: z.string(),
    title: z.string(),
    theme: z.string(),
    obligation: z.string(),
    paragraphs: z.number(),
    summary: z.string(),
    notifications: nullableString,
    reservation: nullableString,
    source: z.string(),
  })
  .meta({ id: 'Provision' });

export const EligibilitySchema = z
  .object({
    participantId: z.string(),
    on: z.string(),
    eligible: z.boolean(),
    developmentClass: nullableString,
    reason: z.string(),
    priority: z.array(z.string()),
  })
  .meta({ id: 'Eligibility' });

export const AssessmentSchema = z
  .object({
    participantId: z.string(),
    published: z.boolean(),
    publication: z
      .object({ decidedAt: z.string(), decidedBy: nullableString, decidedByName: z.string() })
      .nullable(),
    progress: z.object({
      in_place: z.number(),
      partly: z.number(),
      not_in_place: z.number(),
      not_applicable: z.number(),
      not_assessed: z.number(),
    }),
    provisions: z.array(
      z.object({
        provision: z.string(),
        title: z.string(),
        theme: z.string(),
        obligation: z.string(),
        current: z
          .object({
            id: z.number(),
            status: z.string(),
            measure: nullableString,
            needs: z.array(z.string()),
            note: nullableString,
            assessedOn: z.string(),
            recordedAt: z.string(),
            /** The internal id of who recorded it: the Secretariat's only (null for others). */
            recordedBy: nullableString,
            recordedByName: z.string(),
          })
          .nullable(),
        history: z.number(),
      }),
    ),
  })
  .meta({ id: 'Assessment' });

export const RequestSchema = z
  .object({
    id: z.number(),
    participantId: z.string(),
    kind: z.string(),
    instrumentId: nullableString,
    title: z.string(),
    description: z.string(),
    provisions: z.array(z.string()),
    provisionTitles: z.array(z.string()),
    assistance: z.array(z.string()),
    neededBy: nullableString,
    estimatedCost: nullableString,
    requestedOn: z.string(),
    eligible: z.boolean(),
    eligibility: z.string(),
    priority: z.array(z.string()),
    status: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    steps: z.array(
      z.object({
        id: z.number(),
        fromStatus: nullableString,
        toStatus: z.string(),
        reason: nullableString,
        at: z.string(),
        byActor: z.string(),
        byRole: nullableString,
        /** The display name of the account that took the step, or the name of the API token it came with. */
        byName: nullableString,
      }),
    ),
  })
  .meta({ id: 'AssistanceRequest' });

export const OfferSchema = z
  .object({
    id: z.number(),
    donorId: nullableString,
    partnerId: nullableString,
    theme: nullableString,
    region: nullableString,
    instrumentId: nullableString,
    amount: nullableString,
    inKind: nullableString,
    description: z.string(),
    status: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Offer' });

export const ProposalSchema = z
  .object({
    requestId: z.number(),
    projectId: z.number().nullable(),
    funding: z.array(z.object({ earmarkId: z.string(), donorId: z.string(), amount: z.string() })),
    offerIds: z.array(z.number()),
    shortfall: z.string(),
  })
  .meta({ id: 'MatchProposal' });

const OutcomeSchema = z.object({
  id: z.number(),
  kind: z.string(),
  happenedOn: z.string(),
  resultId: z.number().nullable(),
  citation: nullableString,
  instrumentId: nullableString,
  article: nullableString,
  actionId: z.number().nullable(),
});

export const ProjectSchema = z
  .object({
    id: z.number(),
    ref: z.string(),
    requestId: z.number(),
    participantId: z.string(),
    title: z.string(),
    status: z.string(),
    published: z.boolean(),
    startsOn: z.string(),
    endsOn: z.string(),
    implementingPartner: z.string(),
    beneficiaries: z.string(),
    offerId: z.number().nullable(),
    currency: z.string(),
    budget: z.string(),
    funded: z.string(),
    spent: z.string(),
    supportCosts: z.string(),
    unfunded: z.string(),
    funding: z.array(
      z.object({
        allocationId: z.number(),
        donorId: z.string(),
        earmarkId: z.string(),
        allocated: z.string(),
        spent: z.string(),
        supportCosts: z.string(),
        balance: z.string(),
      }),
    ),
    activities: z.array(
      z.object({ id: z.number(), title: z.string(), startsOn: z.string(), endsOn: z.string() }),
    ),
    results: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        indicator: z.string(),
        unit: z.string(),
        baseline: z.string(),
        target: z.string(),
        measurements: z.array(z.object({ period: z.string(), actual: z.string(), note: nullableString })),
      }),
    ),
    outcomes: z.array(OutcomeSchema),
  })
  .meta({ id: 'Project' });

export const ChainSchema = z
  .object({
    participantId: z.string(),
    needs: z.array(
      z.object({ provision: z.string(), title: z.string(), status: z.string(), needs: z.array(z.string()) }),
    ),
    requests: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        kind: z.string(),
        status: z.string(),
        provisions: z.array(z.string()),
        eligible: z.boolean(),
        projectId: z.number().nullable(),
      }),
    ),
    projects: z.array(
      z.object({
        id: z.number(),
        requestId: z.number(),
        title: z.string(),
        status: z.string(),
        budget: z.string(),
        funded: z.string(),
        spent: z.string(),
        funding: z.array(z.object({ donorId: z.string(), earmarkId: z.string(), allocated: z.string() })),
        outcomes: z.array(OutcomeSchema),
      }),
    ),
  })
  .meta({ id: 'AssistanceChain' });
