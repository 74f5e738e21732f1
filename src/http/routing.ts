// What every feature's routes share: how they get a use-case context, and the problem answers they document.
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context.ts';
import { ProblemSchema } from '../treaties/contract.ts';

export interface FeatureRouteDeps {
  context: (request: FastifyRequest) => ServiceContext;
}

/** RFC 9457 problem answers, documented on every operation. */
export const problemResponses = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
