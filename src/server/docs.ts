// The API's documentation, /openapi.json and /docs, loaded when first asked for. @fastify/swagger builds the
// document from the routes it saw declared, but loads its builder (and a YAML library) when registered, and
// @fastify/swagger-ui loads a file server and a glob library of its own: together about a sixth of the
// server's start, for pages few requests ask for. Here the routes are collected at start as
// @fastify/swagger does (its own hook), the builder is loaded at the first request for the document, and
// the documentation pages are served, at the first request under /docs, by @fastify/swagger-ui in an
// application of their own, answering through this one (hooks, headers, logging and 404s as for any page).
import { createRequire } from 'node:module';
import type { SwaggerOptions } from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

// @fastify/swagger's parts, required from this file's place (CommonJS: loaded synchronously when called).
const requirePackage = createRequire(import.meta.url);

type SwaggerFunction = FastifyInstance['swagger'];

/** @fastify/swagger's defaults in its dynamic mode (lib/mode/dynamic.js), under the options given. */
function withDefaults(options: SwaggerOptions): Record<string, unknown> {
  return {
    exposeRoute: false,
    hiddenTag: 'X-HIDDEN',
    hideUntagged: false,
    stripBasePath: true,
    openapi: null,
    swagger: {},
    transform: null,
    transformObject: null,
    decorator: 'swagger',
    refResolver: {
      buildLocalReference(
        json: { title?: string; $id?: string },
        _baseUri: unknown,
        _fragment: unknown,
        i: number,
      ) {
        if (!json.title && json.$id) json.title = json.$id;
        return `def-${i}`;
      },
    },
    convertConstToEnum: true,
    ...options,
  };
}

/**
 * What registering @fastify/swagger does (its dynamic mode), with the document's builder loaded at the first
 * call of `app.swagger()`: the same hooks collect the same routes, the same code builds the same document.
 * Call it where @fastify/swagger would be registered, before the routes.
 */
export function collectOpenApi(app: FastifyInstance, options: SwaggerOptions): void {
  const opts = withDefaults(options);
  const { addHook } = requirePackage('@fastify/swagger/lib/util/add-hook.js') as {
    addHook: (app: FastifyInstance, opts: unknown) => { routes: unknown[]; Ref: unknown };
  };
  const { routes, Ref } = addHook(app, opts);
  const cache = { object: null, string: null };
  let build: SwaggerFunction | null = null;
  const swagger = ((...args: Parameters<SwaggerFunction>) => {
    if (!build) {
      const { resolveSwaggerFunction } = requirePackage(
        '@fastify/swagger/lib/util/resolve-swagger-function.js',
      ) as {
        resolveSwaggerFunction: (...a: unknown[]) => SwaggerFunction;
      };
      build = resolveSwaggerFunction(opts, cache, routes, Ref);
    }
    return build(...args);
  }) as SwaggerFunction;
  app.decorate('swagger', swagger);
}

/** Headers that belong to one connection or one message, not to the answer. */
const OWN_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

/**
 * The documentation pages under `prefix`, served by @fastify/swagger-ui from the document of `app.swagger()`.
 * What it does not serve is this application's 404.
 */
export function serveDocs(app: FastifyInstance, prefix: string): void {
  let pages: Promise<FastifyInstance> | null = null;
  const load = async (): Promise<FastifyInstance> => {
    const { default: fastifySwaggerUi } = await import('@fastify/swagger-ui');
    const docs = Fastify({
      logger: false,
      routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    });
    // @fastify/swagger-ui asks for @fastify/swagger by name, for the document: this application's.
    const document = Object.assign(
      async (instance: FastifyInstance) => {
        instance.decorate('swagger', ((...args: Parameters<SwaggerFunction>) =>
          app.swagger(...args)) as SwaggerFunction);
      },
      {
        [Symbol.for('skip-override')]: true,
        [Symbol.for('fastify.display-name')]: '@fastify/swagger',
        [Symbol.for('plugin-meta')]: { name: '@fastify/swagger', fastify: '5.x' },
      },
    );
    await docs.register(document);
    await docs.register(fastifySwaggerUi, { routePrefix: prefix });
    await docs.ready();
    return docs;
  };
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    if (!pages) {
      pages = load();
      pages.catch(() => {
        pages = null;
      });
    }
    const docs = await pages;
    const answer = await docs.inject({
      method: request.method as 'GET' | 'HEAD',
      url: request.url,
      headers: request.headers,
    });
    if (answer.statusCode === 404) {
      reply.callNotFound();
      return reply;
    }
    reply.code(answer.statusCode);
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !OWN_HEADERS.has(name)) reply.header(name, value);
    }
    return reply.send(answer.rawPayload);
  };
  app.get(prefix, { schema: { hide: true } }, handler);
  app.get(`${prefix}/*`, { schema: { hide: true } }, handler);
}
