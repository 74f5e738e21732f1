// Mass assignment: every operation of /openapi.json that takes a JSON body refuses a field its contract
// does not name — privileged ones (`role`, `stateId`, `status`, `approvedBy`, `isAdmin`), a `__proto__`
// key, and a random unknown one — with 422 naming the field, and writes nothing (the audit trail, where
// every change leaves a row, does not grow). A field the operation's documented body does name is skipped
// for that operation (`role` when inviting a user, say): sending it is using the API, not abusing it.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../helpers/api.ts';
import { STORE_KIND } from '../helpers/store.ts';
import {
  auditCount,
  createSecurityApp,
  deref,
  componentSchemas,
  isProblem,
  jsonBodySchema,
  operationsOf,
  validJsonBodies,
  writeHeaders,
  type JsonSchema,
  type Operation,
} from './support.ts';

const s = await createSecurityApp();
const components = componentSchemas(s.doc);

afterAll(async () => {
  await s.t.close();
});

const VALID = await validJsonBodies(s.t);

const RANDOM_FIELD = `unknown_${randomBytes(4).toString('hex')}`;
const INJECTED: Array<[string, unknown]> = [
  ['role', 'admin'],
  ['stateId', 'GBR'],
  ['status', 'active'],
  ['approvedBy', 'admin'],
  ['isAdmin', true],
  ['__proto__', { isAdmin: true, role: 'admin' }],
  [RANDOM_FIELD, 'x'],
];

/** The JSON text of `body` with `key` added as a JSON key (`__proto__` included: no prototype games). */
function withField(body: Record<string, unknown>, key: string, value: unknown): string {
  const copy = { ...body };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(copy);
}

/** The property names the documented body schema accepts. */
function documentedFields(schema: JsonSchema | undefined): Set<string> {
  return new Set(Object.keys((deref(schema, components).properties ?? {}) as Record<string, unknown>));
}

const jsonOperations: Operation[] = operationsOf(s.doc).filter((o) => jsonBodySchema(o.op) !== undefined);

describe(`mass assignment (${STORE_KIND})`, () => {
  it('every operation with a JSON body has a valid sample here', () => {
    expect(jsonOperations.length).toBeGreaterThan(0);
    expect(jsonOperations.map((o) => o.key).filter((k) => !VALID[k])).toEqual([]);
  });

  interface Cell {
    key: string;
    op: Operation;
    field: string;
    value: unknown;
    /** Where the field is added: the body, or one of its documented objects (`replacement`). */
    under: string | null;
  }
  const cells: Cell[] = [];
  for (const o of jsonOperations) {
    const schema = deref(jsonBodySchema(o.op), components);
    const sample = VALID[o.key];
    const top = documentedFields(schema);
    for (const [field, value] of INJECTED) {
      if (!top.has(field)) cells.push({ key: o.key, op: o, field, value, under: null });
    }
    // Nested objects the sample fills (a correction's replacement action) are strict as well.
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, sub] of Object.entries(props)) {
      const inner = deref(sub.anyOf ? ((sub.anyOf as JsonSchema[])[0] as JsonSchema) : sub, components);
      if (inner.type !== 'object' || !sample || typeof sample.body[name] !== 'object') continue;
      const nested = documentedFields(inner);
      for (const [field, value] of INJECTED)
        if (!nested.has(field)) cells.push({ key: o.key, op: o, field, value, under: name });
    }
  }

  it.each(cells.map((c) => [`${c.key} + ${c.under ? `${c.under}.` : ''}${c.field}`, c] as const))(
    '%s → 422 naming the field, nothing written',
    async (_name, c) => {
      const sample = VALID[c.key];
      if (!sample) return; // reported above
      const payload = c.under
        ? JSON.stringify({
            ...sample.body,
            [c.under]: JSON.parse(
              withField(sample.body[c.under] as Record<string, unknown>, c.field, c.value),
            ),
          })
        : withField(sample.body, c.field, c.value);
      const before = await auditCount(s.t.store);
      const res = await s.t.app.inject({
        method: c.op.method as 'POST',
        url: sample.url,
        headers: { ...s.t.auth, ...writeHeaders(), 'content-type': 'application/json' },
        payload,
      });
      const after = await auditCount(s.t.store);
      expect(after, 'an audit row was written').toBe(before);
      expect(res.statusCode, res.body).toBe(422);
      expect(isProblem(res)).toBe(true);
      const problem = res.json() as Problem;
      const path = c.under ? `${c.under}.${c.field}` : c.field;
      // Only the added field is wrong: the rest of the body is valid. (A `__proto__` key may be refused
      // by the JSON parser, before the schema knows where it was: its bare name is enough there.)
      const fields = problem.errors?.map((e) => e.field);
      if (c.field === '__proto__' && c.under) expect([[path], ['__proto__']]).toContainEqual(fields);
      else expect(fields).toEqual([path]);
    },
  );
});
