// What every feature's routes share: how they get a use-case context, the problem answers they document, and
// the route table each feature declares its API in (src/common/route-table.ts).
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context.ts';

export { problemResponses } from '../common/contract.ts';
export { registerRoutes, route, type RouteDeclaration } from '../common/route-table.ts';

export interface FeatureRouteDeps {
  context: (request: FastifyRequest) => ServiceContext;
}
