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

/** Whether any string of the address's parts breaks the text rules: the fast test every request takes. */
function holdsBadText(data: unknown): boolean {
  if (data === null || typeof data !== 'object') return false;
  for (const key in data) {
    if (textProblem(key)) return true;
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string') {
      if (textProblem(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'string' && textProblem(item)) return true;
    }
  }
  return false;
}

export const checkedValidatorCompiler: typeof validatorCompiler = (input: CompileInput) => {
  const validate = validatorCompiler(input);
  if (input.httpPart !== 'querystring' && input.httpPart !== 'params') return validate;
  // Only bad text takes the pipe, which names every bad parameter; it stops at the first stage's issues,
  // so the route's own schema never sees the bad text. Good text goes straight to the route's schema.
  const refuse = validatorCompiler({ ...input, schema: CleanAddressText.pipe(input.schema as z.ZodType) });
  return (data) => (holdsBadText(data) ? refuse(data) : validate(data));
};
