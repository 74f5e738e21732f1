// What every feature's routes share: how they get a use-case context, and the problem answers they document.
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context.ts';

export { problemResponses } from '../common/contract.ts';

export interface FeatureRouteDeps {
  context: (request: FastifyRequest) => ServiceContext;
}
