// What every feature's wire contract shares: calendar dates, ids, and the RFC 9457 problem answers
// documented on every operation. Pure zod: imported by the server, the CLI and (types only) the web.
import { z } from 'zod';
import { isIsoDate, parsePartialDate } from './dates.ts';

export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'must be a real calendar day written YYYY-MM-DD' })
  .meta({ format: 'date', example: '2003-09-29' });

export const PartialDateSchema = z
  .string()
  .refine((s) => s === '' || parsePartialDate(s) !== null, {
    message: 'must be YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no more',
  })
  .meta({ example: '2003-07-01' });

/** Ids are 32-bit integers on both stores. */
export const MAX_ID = 2_147_483_647;

/** A store id in a path or query string. */
export const IdParamSchema = z.coerce.number().int().positive().max(MAX_ID);

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** RFC 9457 problem answers, documented on every operation. */
export const problemResponses = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
