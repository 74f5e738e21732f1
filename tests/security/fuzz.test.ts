// Schema-driven fuzzing of every operation of /openapi.json with fast-check: path, query and body values
// derived from the documented schemas, then broken — wrong types, huge strings, odd unicode (RTL marks,
// NUL, lone surrogates, emoji, combining marks), `__proto__` and `constructor` keys, NaN and Infinity,
// negative numbers and 2^63, empty bodies, arrays for objects, deep nesting — sent with the administrator's
// token (most runs) or anonymously. Whatever is sent, the answer is never a 5xx, never shows a stack trace
// or a source path, has a status the operation documents (or one of the framework's, below), and its JSON
// body matches the schema documented for that status.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Res } from '../helpers/api.ts';
import { STORE_KIND } from '../helpers/store.ts';
import {
  componentSchemas,
  createSecurityApp,
  deref,
  documentedResponse,
  isProblem,
  jsonBodySchema,
  jsonOf,
  leaksInternals,
  operationsOf,
  refsOf,
  resolvePointer,
  ResponseValidator,
  type JsonSchema,
  type Operation,
  type SecurityApp,
  validJsonBodies,
  writeHeaders,
} from './support.ts';
import { DONOR_X, DONOR_Y, SEC_EARMARK } from './fund-support.ts';

/** Runs per operation: 32 operations × 40 runs take about 10 s on SQLite, 20 s on PostgreSQL. */
const RUNS = 40;

/**
 * Statuses any operation may answer although its `responses` do not list them, because the framework
 * answers them before (or instead of) the route's own code:
 * - 304: a conditional GET whose ETag matches (the onSend hook revalidates every API read);
 * - 400: a body that is not JSON, or a URL that is not valid percent-encoding (parser, router);
 * - 401 / 403: the authentication and CSRF hooks run before the route, on every /api route;
 * - 404: a path that no longer matches the route once a parameter is fuzzed (a "/" in it, say);
 * - 413: a body over the route's body limit; 414: a path parameter over the router's maximum length;
 * - 415: a content type no parser accepts; 429: the rate limiter.
 * Every one of them must still be problem+json: the document says "Errors are RFC 9457 problem+json".
 */
const FRAMEWORK_STATUSES = new Set([304, 400, 401, 403, 404, 413, 414, 415, 429]);

// Top-level await: the operations to fuzz come from the served document, one test each.
const s: SecurityApp = await createSecurityApp();
const components: Record<string, JsonSchema> = componentSchemas(s.doc);
const validator = new ResponseValidator(components);
const operations = operationsOf(s.doc);
const VALID = await validJsonBodies(s.t);

afterAll(async () => {
  await s.t.close();
});

// ---------------------------------------------------------------------------------------------------------
// Hostile values

const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '1e309',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '0x1F',
  '1.5',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\u0000',
  'ARM\u0000',
  '\u202eMRA',
  '\u200f\u200eUNTOC',
  '\ufeffUNTOC',
  '\ud800',
  '\udfff',
  'A\ud83d',
  '😀',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301',
  'Z\u0334\u0321\u031b\u0353a\u0337l\u0338g\u0335o',
  'ＡＲＭ',
  'arm',
  'ıİ',
  '../../../../etc/passwd',
  '..%2f..%2f',
  "' OR '1'='1' --",
  '"; drop table actions; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '=HYPERLINK("http://x")',
  '%',
  '%00',
  '%ED%A0%80',
  '\r\nSet-Cookie: x=1',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '-000001-01-01',
  '2003-09-29T00:00:00Z',
  'a@b',
  'a@b.c@d.e',
];

const NASTY_NUMBERS = [
  -1,
  -0,
  0,
  1.5,
  -1.5,
  2 ** 31,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
];

/** A string of up to `max` characters made of one repeated unit (ASCII, accented, emoji, RTL, NUL…). */
const hugeString = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('A', 'é', '😀', '\u202e', '\u0000', 'e\u0301', '\ud800', ' ', '"'),
      fc.integer({ min: 256, max }),
    )
    .map(([unit, n]) => unit.repeat(Math.max(1, Math.floor(n / unit.length))));

const nastyString = (maxHuge: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 12 }) },
    { weight: 1, arbitrary: hugeString(maxHuge) },
  );

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** An object nested `depth` levels deep: {"a":{"a":…}}. */
const deep = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** Sets `key` as an own, enumerable property (so `__proto__` becomes a JSON key, not a prototype). */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString(20_000),
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc
      .dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'x'), tie('value'), { maxKeys: 2 })
      .map((d) => Object.entries(d).reduce<Record<string, unknown>>((o, [k, v]) => withKey(o, k, v), {})),
    fc.integer({ min: 20, max: 200 }).map(deep),
  ),
})).value;

// ---------------------------------------------------------------------------------------------------------
// Values from the documented schemas

function tryStringMatching(pattern: string): fc.Arbitrary<string> | null {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return null;
  }
}

/** Values that (mostly) satisfy `schema`: the base the mutations start from, so they reach the use cases. */
/**
 * Values of named fields that exist in the reference data: a schema says what an instrument id looks
 * like, not which ones exist, and a request must name existing records to reach the store.
 */
const HINTS: Record<string, fc.Arbitrary<unknown>> = {
  instrumentId: fc.constantFrom('UNTOC', 'TIP'),
  participantId: fc.constantFrom('ARM', 'GBR'),
  targetParticipantId: fc.constant('GBR'),
  date: fc.constantFrom('2025-01-10', '2025-03'),
  article: fc.constantFrom('18(13)', '35(3)'),
  email: fc.stringMatching(/^[a-z]{1,12}@example\.org$/),
  states: fc.constant(['ARM']),
  donors: fc.constant(['X']),
  replacement: fc.constant(null),
  parentId: fc.constant(null),
  notBefore: fc.constant(null),
  notAfter: fc.constant(null),
  targetActionId: fc.constantFrom(null, 5, 999_999),
  kind: fc.constantFrom('notification', 'declaration', 'objection', 'withdrawal'),
  // The fund ledger: existing donors, earmarks, currencies with rates, days with rates, and amounts —
  // valid ones and the hostile ones (negative, 2^63, exponent, NaN, too many decimals, beyond 2^53 − 1).
  donorId: fc.constantFrom(DONOR_X, DONOR_Y, 'FUND', 'NOBODY'),
  earmarkId: fc.constantFrom(SEC_EARMARK, 'GENERAL'),
  fromEarmarkId: fc.constantFrom(SEC_EARMARK, 'GENERAL'),
  toEarmarkId: fc.constantFrom(SEC_EARMARK, 'GENERAL'),
  currency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'XXX'),
  month: fc.constantFrom('2026-03', '2026-04'),
  receivedOn: fc.constantFrom('2026-03-10', '2026-07-01'),
  bookedOn: fc.constantFrom('2026-03-10', '2026-04-02', '1999-01-01'),
  pledgedOn: fc.constantFrom('2026-01-15', '2026-03-10'),
  happenedOn: fc.constantFrom('2026-02-01', '2026-03-10'),
  pledgeId: fc.constantFrom(1, 2, 999_999, null),
  amount: fc.constantFrom<unknown>(
    ...['1.00', '0.01', '100', '12.5', '0', '0.001', '1.12345', '-1.00', '-0.01', '1e5', 'NaN', 'Infinity'],
    ...['9223372036854775808', '9007199254740992', '9999999999999999', '90071992547409.92', ' 1.00'],
    ...[100000, -1, 2 ** 63, 1.5, null],
  ),
};

/** Path parameters that name existing records (fund transactions, pledges, allocations are numbered). */
const PATH_HINTS: Record<string, fc.Arbitrary<string>> = {
  id: fc.integer({ min: 1, max: 12 }).map(String),
};

/** Idempotency-Keys: mostly new valid ones, sometimes none or a malformed one. */
const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.uuid().map((u) => `fuzz-${u}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(undefined, '', 'short', 'has spaces in it', 'x'.repeat(129), 'semi;colon'),
  },
);

function validish(schema: JsonSchema | undefined, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const hint = name !== undefined ? HINTS[name] : undefined;
  if (hint)
    return fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: validish(schema, depth) });
  const sch = deref(schema, components);
  if (depth > 4) return fc.constant(null);
  if (Array.isArray(sch.enum) && sch.enum.length > 0) return fc.constantFrom(...(sch.enum as unknown[]));
  if (sch.const !== undefined) return fc.constant(sch.const);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = sch[key];
    if (Array.isArray(list) && list.length > 0)
      return fc.oneof(...(list as JsonSchema[]).map((x) => validish(x, depth + 1)));
  }
  const type = sch.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => validish({ ...sch, type: t }, depth)));
  switch (type) {
    case 'string': {
      const format = sch.format;
      if (format === 'email') return fc.emailAddress();
      if (format === 'uuid') return fc.uuid();
      const day = fc
        .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
      if (format === 'date-time') return day;
      // Valid days at the calendar's ends too: date arithmetic on them must never leave years 0001-9999.
      if (format === 'date')
        return fc.oneof(
          { arbitrary: day.map((d) => d.slice(0, 10)), weight: 3 },
          { arbitrary: fc.constantFrom('0001-01-01', '0001-01-02', '9999-12-30', '9999-12-31'), weight: 1 },
        );
      if (typeof sch.pattern === 'string') {
        const m = tryStringMatching(sch.pattern);
        if (m) return m;
      }
      // Plain text that survives trimming (the contract trims and then requires a character).
      const maxLength = Math.min(typeof sch.maxLength === 'number' ? sch.maxLength : 30, 30);
      const text = fc.string({ maxLength: Math.max(0, maxLength - 1) }).map((t) => `v${t}`);
      return sch.example !== undefined ? fc.oneof(fc.constant(sch.example), text) : text;
    }
    case 'integer':
    case 'number': {
      const min = typeof sch.minimum === 'number' ? sch.minimum : -1000;
      const max = typeof sch.maximum === 'number' ? Math.min(sch.maximum, min + 1_000_000) : min + 2000;
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validish(sch.items as JsonSchema | undefined, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = (sch.properties ?? {}) as Record<string, JsonSchema>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = validish(v, depth + 1, k);
      return fc.record(model, { requiredKeys: (sch.required ?? []) as string[] });
    }
    default:
      return nastyValue;
  }
}

/** A documented value, or a hostile one. */
const maybeBroken = (schema: JsonSchema | undefined, maxHuge: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 2, arbitrary: validish(schema) },
    { weight: 2, arbitrary: nastyString(maxHuge) },
    { weight: 1, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(true, null, [], {}, ['a', 'b']) },
  );

/** An object body built from the schema: some fields broken, some missing, hostile keys added. */
function objectBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  const sch = deref(schema, components);
  const props = (sch.properties ?? {}) as Record<string, JsonSchema>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props))
    model[k] = fc.oneof({ weight: 3, arbitrary: validish(v, 0, k) }, { weight: 1, arbitrary: nastyValue });
  const required = (sch.required ?? []) as string[];
  return fc
    .tuple(
      fc.oneof(fc.record(model, { requiredKeys: required }), fc.record(model, { requiredKeys: [] })),
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'prototype', 'role', 'isAdmin', 'status'),
            fc.string({ unit: 'binary', maxLength: 12 }),
          ),
          nastyValue,
        ),
        { maxLength: 2 },
      ),
    )
    .map(([base, extra]) => {
      const out = { ...(base as Record<string, unknown>) };
      for (const [k, v] of extra) withKey(out, k, v);
      return out;
    });
}

/** A short string with one odd character inside: valid by length, so it reaches the use case and store. */
const oddText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '\u0000',
      '\u202e',
      '\u200f',
      '\ufeff',
      '\ud800',
      '\udfff',
      '😀',
      'e\u0301\u0301',
      '\u001b[31m',
      '\r\n',
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, odd, b]) => `x${a}${odd}${b}`);

/**
 * A body that is valid but for one field, which holds odd text (NUL, RTL mark, lone surrogate…), a
 * boundary number (2^31, 2^63, -1…) or any hostile value: the rest being valid, it reaches the use case
 * and the store.
 */
function oneBrokenField(schema: JsonSchema): fc.Arbitrary<unknown> {
  const sch = deref(schema, components);
  const props = (sch.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(props);
  if (names.length === 0) return fc.constant({});
  const broken = fc.oneof(
    { weight: 3, arbitrary: oddText },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...NASTY_NUMBERS, 2 ** 31 - 1, 999_999) },
    { weight: 1, arbitrary: nastyValue },
  );
  return fc
    .tuple(validish(sch), fc.constantFrom(...names), broken)
    .map(([base, name, value]) => ({ ...(base as Record<string, unknown>), [name]: value }));
}

/** JSON texts no serializer produces: NaN, Infinity, huge literals, duplicate keys, broken syntax. */
const RAW_JSON = [
  '',
  ' ',
  'NaN',
  '{"a":NaN}',
  '{"threshold":Infinity,"eifDays":-Infinity}',
  '{"actionId":9223372036854775808,"threshold":1e400}',
  '{"role":"admin","role":"admin"}',
  '{',
  '[',
  '{"a":"\\ud800"}',
  '"\\u0000"',
  'null',
  'true',
  '0',
  '-1',
  '[]',
  '[{}]',
  '"just a string"',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '\u0000',
  '\ufeff{}',
];

interface FuzzRequest {
  as: 'admin' | 'anonymous';
  key: string | undefined;
  path: Record<string, string>;
  query: Array<[string, string]>;
  body: { contentType: string | null; text: string } | null;
}

const CSV_HEADERS = [
  'participant,iso3,signature_date,consent_date,consent_kind,as_of,source,notes',
  'instrument,participant,kind,date,not_before,not_after,article,target_action,target_participant,territory,depositary_ref,text,source,notes',
];

function csvBody(): fc.Arbitrary<string> {
  const cell = fc.oneof(nastyString(2_000), fc.constantFrom('UNTOC', 'ARM', 'ratification', '2025-01-01'));
  const row = fc
    .array(cell, { minLength: 1, maxLength: 16 })
    .map((cells) => cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
  // A valid notification row (generic action format) whose text holds odd characters.
  const oddRow = oddText.map(
    (odd) =>
      `${CSV_HEADERS[1]}\nUNTOC,ARM,notification,2025-01-10,,,18(13),,,,,"${odd.replaceAll('"', '""')}",fuzz,\n`,
  );
  return fc.oneof(
    oddRow,
    fc
      .tuple(fc.constantFrom(...CSV_HEADERS), fc.array(row, { maxLength: 3 }))
      .map(([h, rows]) => [h, ...rows].join('\n')),
    fc
      .tuple(fc.constantFrom(...CSV_HEADERS), fc.constantFrom('\r\n', '\n'))
      .map(([h, nl]) => `${h}${nl}"unclosed${nl}`),
    nastyString(100_000),
  );
}

function bodyArb(o: Operation): fc.Arbitrary<FuzzRequest['body']> {
  const schema = jsonBodySchema(o.op);
  const content = Object.keys(o.op.requestBody?.content ?? {});
  const json = (v: unknown): FuzzRequest['body'] => ({
    contentType: 'application/json',
    text: JSON.stringify(v) ?? '',
  });
  const hostileWhole = fc.oneof(
    fc.constantFrom(...RAW_JSON).map((text) => ({ contentType: 'application/json', text })),
    nastyValue.map(json),
    fc.array(schema ? objectBody(schema) : nastyValue, { maxLength: 3 }).map(json),
    // Deeper than any serializer here would go: written as text.
    fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom('{"a":', '[')).map(([d, open]) => ({
      contentType: 'application/json',
      text: `${open.repeat(d)}1${(open === '[' ? ']' : '}').repeat(d)}`,
    })),
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'text/csv',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/xml',
        ),
        nastyString(20_000),
      )
      .map(([contentType, text]) => ({ contentType, text })),
    fc.constant({ contentType: null, text: '' }),
  );
  if (schema)
    return fc.oneof(
      { weight: 3, arbitrary: objectBody(schema).map(json) },
      { weight: 4, arbitrary: oneBrokenField(schema).map(json) },
      { weight: 2, arbitrary: hostileWhole },
    );
  if (content.some((c) => /csv|text/.test(c)))
    return fc.oneof(
      { weight: 3, arbitrary: csvBody().map((text) => ({ contentType: 'text/csv', text })) },
      { weight: 1, arbitrary: hostileWhole },
    );
  // No documented body: mostly none, sometimes one anyway.
  return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileWhole });
}

function requestArb(o: Operation): fc.Arbitrary<FuzzRequest> {
  const params = o.op.parameters ?? [];
  const pathModel: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params.filter((x) => x.in === 'path')) {
    // An empty segment would route to another operation (`/api/instruments/` is the list): never empty.
    const any = maybeBroken(p.schema, 8_000).map((v) =>
      typeof v === 'string' ? v || ' ' : JSON.stringify(v),
    );
    const hint = PATH_HINTS[p.name];
    pathModel[p.name] = hint ? fc.oneof(hint, any) : any;
  }
  const queryArbs = params
    .filter((x) => x.in === 'query')
    .map((p) =>
      fc.option(
        maybeBroken(p.schema, 8_000).map((v): [string, string] => [
          p.name,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
        { nil: undefined },
      ),
    );
  const extraQuery = fc.oneof(
    { weight: 4, arbitrary: fc.constant<Array<[string, string]>>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(
          fc.constantFrom('__proto__', 'constructor', 'asOf', 'dryRun', 'limit', 'x[]'),
          nastyString(2_000),
        ),
        { maxLength: 2 },
      ),
    },
  );
  return fc.record({
    as: fc.constantFrom<'admin' | 'anonymous'>('admin', 'admin', 'admin', 'anonymous'),
    key: idempotencyKey,
    path: fc.record(pathModel),
    query: fc
      .tuple(fc.tuple(...queryArbs), extraQuery)
      .map(([q, extra]) => [...q.filter((x): x is [string, string] => x !== undefined), ...extra]),
    body: bodyArb(o),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Sending and checking

/** Percent-encodes like encodeURIComponent, but lets lone surrogates through as (invalid) UTF-8 bytes. */
function encodeLoose(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    let out = '';
    for (const ch of value) {
      const code = ch.codePointAt(0) ?? 0;
      out +=
        code >= 0xd800 && code <= 0xdfff
          ? `%ED%${(0xa0 + ((code >> 6) & 0x0f)).toString(16).toUpperCase()}%${(0x80 + (code & 0x3f)).toString(16).toUpperCase()}`
          : encodeURIComponent(ch);
    }
    return out;
  }
}

function urlOf(o: Operation, r: FuzzRequest): string {
  const path = o.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeLoose(r.path[name] ?? ''));
  const query = r.query.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&');
  return query ? `${path}?${query}` : path;
}

async function send(o: Operation, r: FuzzRequest): Promise<Res> {
  const headers: Record<string, string> = r.as === 'admin' ? { ...s.t.auth } : {};
  if (r.body?.contentType) headers['content-type'] = r.body.contentType;
  if (r.key !== undefined) headers['idempotency-key'] = r.key;
  return s.t.app.inject({
    method: o.method as 'GET',
    url: urlOf(o, r),
    headers,
    ...(r.body ? { payload: r.body.text } : {}),
  });
}

/** What is wrong with the answer; empty when nothing is. */
function violations(o: Operation, res: Res): string[] {
  const out: string[] = [];
  const status = res.statusCode;
  if (status >= 500) out.push(`answered ${status}`);
  const leak = leaksInternals(res.body);
  if (leak) out.push(`the body shows internals: ${JSON.stringify(leak)}`);
  const doc = documentedResponse(o.op, status);
  if (!doc.documented && !FRAMEWORK_STATUSES.has(status)) out.push(`status ${status} is not documented`);
  if (status >= 400 && !isProblem(res))
    out.push(`error ${status} is not problem+json (${String(res.headers['content-type'])})`);
  const contentType = String(res.headers['content-type'] ?? '');
  if (/json/.test(contentType) && status !== 204 && status !== 304) {
    const body = jsonOf(res);
    if (body === undefined) out.push('the JSON body does not parse');
    else {
      // Undocumented framework statuses are errors: they must match the Problem schema.
      const schema = doc.schema ?? (status >= 400 ? { $ref: '#/components/schemas/Problem' } : null);
      if (schema) {
        const problem = validator.check(`${o.key} ${status}`, schema, body);
        if (problem) out.push(`the ${status} body does not match its documented schema: ${problem}`);
      }
    }
  }
  return out;
}

/** A short description of a value: long strings are cut, so a failure report stays readable. */
function brief(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 600 ? `${v.slice(0, 300)}…(${v.length} chars)` : v,
  );
}

describe(`schema-driven fuzzing of every operation (${STORE_KIND})`, () => {
  it('the document is self-contained: every $ref resolves inside it', () => {
    const dangling = [...refsOf(s.doc)].filter((ref) => resolvePointer(s.doc, ref) === undefined);
    expect(dangling, 'components.schemas lacks these; clients and validators cannot resolve them').toEqual(
      [],
    );
  });

  it('fuzzes every operation of the document, with checks that can fail', () => {
    expect(operations.length).toBeGreaterThan(0);
    // A real stack trace, in a JSON string as a careless error handler would send it, is recognised…
    expect(leaksInternals(JSON.stringify({ detail: new Error('boom').stack }))).not.toBeNull();
    expect(leaksInternals('{"detail":"participantId: must be a three-letter code"}')).toBeNull();
    // …and a body that does not match its documented schema is reported.
    const problem = { $ref: '#/components/schemas/Problem' };
    expect(validator.check('self-test', problem, { status: 'x' })).not.toBeNull();
    expect(
      validator.check('self-test', problem, { type: 'a', title: 'b', status: 422, detail: 'c' }),
    ).toBeNull();
  });

  it.each(operations.map((o) => [o.key, o] as const))('%s survives hostile input', async (_key, o) => {
    let report = '';
    const statuses = new Map<number, number>();
    const result = await fc.check(
      fc.asyncProperty(requestArb(o), async (r) => {
        const res = await send(o, r);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (process.env.PALERMO_FUZZ_STATS === '2' && res.statusCode === 422)
          console.log(`  ${o.key} 422: ${(jsonOf(res) as { detail?: string }).detail?.slice(0, 120)}`);
        return violations(o, res).length === 0;
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
    );
    // What the runs reached (statuses seen, shrinking included), on request: PALERMO_FUZZ_STATS=1.
    if (process.env.PALERMO_FUZZ_STATS)
      console.log(`${o.key}: ${[...statuses].map(([k, n]) => `${k}×${n}`).join(' ')}`);
    if (result.failed) {
      // Re-send the shrunk counterexample to say what it got.
      const example = result.counterexample?.[0];
      if (example) {
        const res = await send(o, example);
        report = [
          `${o.key}: ${violations(o, res).join('; ')}`,
          `  seed ${result.seed}, path "${result.counterexamplePath ?? ''}" (replay with fc.check(…, { seed, path }))`,
          `  request ${brief(example)}`,
          `  → ${res.statusCode} ${brief(res.body.slice(0, 300))}`,
        ].join('\n');
      } else report = `${o.key}: ${String(result.errorInstance)} (seed ${result.seed})`;
      console.log(report);
    }
    expect(report).toBe('');
  });
});

// The random runs above reach a store only now and then; this walks every text field of a valid body.
describe(`odd characters in each field of a valid body (${STORE_KIND})`, () => {
  const ODD = ['\u0000', '\ud800', '\u202e', 'e\u0301\u0301', '😀', '\u001b[2J'];
  const withJson = operations.filter((o) => jsonBodySchema(o.op) !== undefined);

  it.each(withJson.map((o) => [o.key, o] as const))(
    '%s: never a 5xx, answers as documented',
    async (_k, o) => {
      const sample = VALID[o.key];
      expect(sample, `no valid body for ${o.key} in support.ts validJsonBodies`).toBeDefined();
      if (!sample) return;
      const failures: string[] = [];
      // Every string of the body, nested objects included (a correction's replacement action).
      const paths: string[][] = [];
      const walk = (v: unknown, path: string[]): void => {
        if (typeof v === 'string') paths.push(path);
        else if (v && typeof v === 'object' && !Array.isArray(v))
          for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      };
      walk(sample.body, []);
      for (const path of paths) {
        for (const odd of ODD) {
          const body = structuredClone(sample.body);
          let node = body as Record<string, unknown>;
          for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
          const last = path.at(-1) as string;
          node[last] = `${String(node[last])}${odd}`;
          const res = await s.t.app.inject({
            method: o.method as 'POST',
            url: sample.url,
            headers: { ...s.t.auth, ...writeHeaders(), 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          const problems = violations(o, res);
          if (problems.length > 0)
            failures.push(
              `${path.join('.')} + ${JSON.stringify(odd)} → ${res.statusCode}: ${problems.join('; ')}`,
            );
        }
      }
      expect(failures).toEqual([]);
    },
  );
});

describe('framework refusals are problem+json too, with the security headers', () => {
  const get = async (url: string) => {
    const res = await s.t.app.inject({ method: 'GET', url });
    // Written by the router itself, these answers skip the onSend hook unless routed through Fastify.
    expect(res.headers['x-content-type-options'], 'nosniff header').toBe('nosniff');
    expect(res.headers['content-security-policy'], 'CSP header').toBeDefined();
    return res;
  };

  it('a path that is not valid percent-encoding (a lone surrogate as UTF-8 bytes)', async () => {
    const res = await get('/api/participants/%ED%A0%80');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a path parameter longer than the router accepts', async () => {
    const res = await get(`/api/instruments/${'A'.repeat(1_000)}`);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

// Values the random runs found to break the store; kept as plain examples so that they always run.
describe(`numbers and references the store cannot hold (${STORE_KIND})`, () => {
  const post = (url: string, payload: unknown, contentType = 'application/json') =>
    s.t.app.inject({
      method: 'POST',
      url,
      headers: { ...s.t.auth, 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const objection = (targetActionId: number) => ({
    instrumentId: 'UNTOC',
    participantId: 'ARM',
    kind: 'objection',
    date: '2025-01-10',
    targetActionId,
    targetParticipantId: 'GBR',
    source: 'test: fuzz.test.ts',
  });
  const byKey = (key: string) => operations.find((o) => o.key === key) as Operation;

  it.each([
    ['GET /api/actions/{actionId}', () => s.t.app.inject({ method: 'GET', url: '/api/actions/2147483648' })],
    [
      'POST /api/actions/{actionId}/corrections',
      () => post('/api/actions/2147483648/corrections', { reason: 'test' }),
    ],
    [
      'GET /api/audit',
      () => s.t.app.inject({ method: 'GET', url: '/api/audit?after=2147483648', headers: s.t.auth }),
    ],
    ['POST /api/actions', () => post('/api/actions', objection(2_147_483_648))],
  ] as const)('%s with an id of 2^31 (beyond a 32-bit integer column)', async (key, request) => {
    const res = await request();
    expect(violations(byKey(key), res), res.body).toEqual([]);
  });

  const HEADER =
    'instrument,participant,kind,date,not_before,not_after,article,target_action,target_participant,territory,depositary_ref,text,source,notes';
  it.each([
    ['POST /api/actions', () => post('/api/actions', objection(999_999))],
    [
      'POST /api/actions/{actionId}/corrections',
      () => post('/api/actions/1/corrections', { reason: 'test', replacement: objection(999_999) }),
    ],
    [
      'POST /api/imports/actions',
      () =>
        post(
          '/api/imports/actions',
          `${HEADER}\nUNTOC,ARM,objection,2025-01-10,,,,999999,GBR,,,,test,\n`,
          'text/csv',
        ),
    ],
  ] as const)(
    '%s: an objection naming an action that does not exist is refused, not a 5xx',
    async (key, request) => {
      const res = await request();
      expect(violations(byKey(key), res), res.body).toEqual([]);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    },
  );

  it.each(['\u0000', '\ud800', '\u202e'])(
    'an imported action whose text holds %j: never a 5xx',
    async (odd) => {
      const res = await post(
        '/api/imports/actions',
        `${HEADER}\nUNTOC,ARM,notification,2025-01-10,,,18(13),,,,,"odd ${odd} text",test,\n`,
        'text/csv',
      );
      expect(violations(byKey('POST /api/imports/actions'), res), res.body).toEqual([]);
    },
  );
});
