// One place turns every error into RFC 9457 problem+json. Known errors say what and where; anything
// else is a bare 500 whose details go only to the log, with the request id to find them.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldIssue } from '../common/errors.ts';
import { PAGING_PARAMETERS } from '../common/paging.ts';

const STATUS: Record<ErrorCode, number> = {
  validation: 422,
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  date_too_imprecise: 422,
  forbidden: 403,
  unauthorized: 401,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
  507: 'Insufficient storage',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldIssue[];
}

export function problem(
  status: number,
  detail: string,
  code = 'about:blank',
  errors?: FieldIssue[],
): Problem {
  return {
    type: code === 'about:blank' ? code : `https://palermo.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, p: Problem): FastifyReply {
  return reply
    .code(p.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...p, instance: request.url.slice(0, 500) }));
}

function fieldOf(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return context === 'querystring' ? 'query' : (context ?? 'body');
}

export function toProblem(error: unknown): Problem | null {
  if (error instanceof DomainError) {
    return problem(STATUS[error.code], error.message, error.code.replace('_', '-'), error.issues);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const errors = error.validation.flatMap((v) => {
      const field = fieldOf(v.instancePath, context);
      if (v.keyword === 'unrecognized_keys') {
        // Mass assignment: every field the contract does not name is refused, and named.
        const keys = (v.params as { keys?: string[] }).keys ?? [];
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const prefix = path ? `${path}.` : '';
        return keys.map((k) => ({ field: `${prefix}${k}`, message: 'unknown field: not accepted here' }));
      }
      return [{ field, message: v.message ?? 'invalid' }];
    });
    const first = errors[0];
    const detail = first ? `${first.field}: ${first.message}` : 'invalid request';
    // A paging parameter out of range (limit 0, limit above the maximum) is a request the server cannot
    // read, as a malformed cursor is: 400, the same answer on every list (docs/api.md "Paging").
    if (
      context === 'querystring' &&
      errors.length > 0 &&
      errors.every((e) => PAGING_PARAMETERS.has(e.field))
    ) {
      return problem(400, detail, 'bad-request', errors);
    }
    return problem(422, detail, 'validation', errors);
  }
  // A full disk (SQLite SQLITE_FULL, PostgreSQL 53100 disk_full) refuses the change; nothing was written.
  const storeCode = (error as { code?: unknown }).code;
  if (storeCode === 'SQLITE_FULL' || storeCode === '53100') {
    return problem(
      507,
      'the server has no storage left: the change was not saved; reading still works',
      'storage-full',
    );
  }
  const fe = error as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const detail =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'the request body is larger than this endpoint accepts'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? `content type not accepted here: ${fe.message.replace(/^.*?: /, '')}`
          : fe.message;
    return problem(fe.statusCode, detail, fe.code ? fe.code.toLowerCase() : 'about:blank');
  }
  return null;
}
