// The request validator: the zod contract of each route, and before it, for the address's parts (path
// parameters and query string), the text rules the JSON body parser applies to bodies (`checkJsonValue`).
// A query value of "%00" would otherwise reach the store, and PostgreSQL refuses NUL in text with an error
// that is not the client's to read.
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { textProblem } from '../common/text.ts';

type CompileInput = Parameters<typeof validatorCompiler>[0];

/** Issues for every string (or string in a repeated parameter) that breaks the text rules, by name. */
const CleanAddressText = z.unknown().superRefine((data, ctx) => {
  if (data === null || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const keyProblem = textProblem(key);
    if (keyProblem) {
      ctx.addIssue({ code: 'custom', path: [], message: `a parameter name ${keyProblem}` });
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      const problem = typeof item === 'string' ? textProblem(item) : null;
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: `text ${problem}` });
    }
  }
});

export const checkedValidatorCompiler: typeof validatorCompiler = (input: CompileInput) => {
  if (input.httpPart !== 'querystring' && input.httpPart !== 'params') return validatorCompiler(input);
  // The pipe stops at the first stage's issues: the route's own schema never sees the bad text.
  return validatorCompiler({ ...input, schema: CleanAddressText.pipe(input.schema as z.ZodType) });
};
