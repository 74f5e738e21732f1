// What every feature's routes share: how they get a use-case context, the problem answers they document, and
// the route table each feature declares its API in (one entry per route, registered in order by one loop).
import type {
  ContextConfigDefault,
  FastifyContextConfig,
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../context.ts';
import { announceDeprecation, checkDeprecation, type Deprecation } from './versioning.ts';

export { problemResponses } from '../common/contract.ts';

export interface FeatureRouteDeps {
  context: (request: FastifyRequest) => ServiceContext;
}

/** One API route as data: what the OpenAPI document shows of it, who may call it, and what answers it. */
export interface RouteDeclaration<S extends FastifySchema = FastifySchema> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /**
   * The operation's name in the OpenAPI document, the use case's (`getInstrumentStatus`, `recordPayment`):
   * generated clients call it by this name, so it stays once published. lowerCamelCase, one per operation
   * (checked at start-up by src/server/openapi.ts).
   */
  operationId: string;
  /** The policy action the route performs (config.policy, checked in src/auth/http.ts). */
  policy: NonNullable<FastifyContextConfig['policy']>;
  /** A tighter per-route rate limit (config.rateLimit); absent where the global one holds. */
  rateLimit?: FastifyContextConfig['rateLimit'];
  /**
   * Set when the operation is deprecated (docs/api.md, "Versioning and deprecation"): the document marks it
   * `deprecated: true` and says what replaces it, and every answer carries Deprecation and Sunset.
   */
  deprecated?: Deprecation;
  /** Bytes a request body may have, where it differs from the server's default. */
  bodyLimit?: number;
  /**
   * Params, query, body and responses (zod), and the documentation: tags, summary, description. Not
   * `security`: the document derives it from the policy action.
   */
  schema: S;
  handler: RouteHandlerMethod<
    RawServerDefault,
    RawRequestDefaultExpression,
    RawReplyDefaultExpression,
    RouteGenericInterface,
    ContextConfigDefault,
    S,
    ZodTypeProvider
  >;
}

/**
 * Declares one route: the handler's request and answer are typed from the route's own schema here, so the
 * table can hold routes of different schemas.
 */
export function route<S extends FastifySchema>(declaration: RouteDeclaration<S>): RouteDeclaration {
  // Checked above against its own schema; the table only hands it on to Fastify, which validates at run time.
  return declaration as unknown as RouteDeclaration;
}

/** Registers a feature's route table, in its order. */
export function registerRoutes(app: FastifyInstance, routes: readonly RouteDeclaration[]): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { policy, rateLimit, operationId, schema, deprecated, ...options } of routes) {
    if (deprecated) checkDeprecation(`${options.method} ${options.url}`, deprecated);
    r.route({
      ...options,
      schema: deprecated ? { ...schema, operationId, deprecated: true } : { ...schema, operationId },
      config: {
        policy,
        ...(rateLimit === undefined ? {} : { rateLimit }),
        ...(deprecated ? { deprecation: deprecated } : {}),
      },
      ...(deprecated ? { onSend: announceDeprecation(deprecated) } : {}),
    });
  }
}
