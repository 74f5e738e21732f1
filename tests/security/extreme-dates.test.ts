// Every operation of /openapi.json, as the administrator, with each of its date fields (query, path or body)
// set to the calendar's ends, 0001-01-01 and 9999-12-31, alone and together ("from" at the start, "to" at the
// end). A date one day past either end cannot be written as YYYY-MM-DD: the date module refuses to make one
// (RangeError), so any arithmetic on these days that is not bounded shows up here as a 5xx. Whatever the
// answer, it is never a 5xx.
import { afterAll, describe, expect, it } from 'vitest';
import {
  componentSchemas,
  createSecurityApp,
  deref,
  jsonBodySchema,
  operationsOf,
  validJsonBodies,
  writeHeaders,
  type JsonSchema,
  type Operation,
  type SecurityApp,
} from './support.ts';
import { DONOR_X, SEC_EARMARK } from './fund-support.ts';

const s: SecurityApp = await createSecurityApp();
const components = componentSchemas(s.doc);
const VALID = await validJsonBodies(s.t);
afterAll(async () => {
  await s.t.close();
});

const FIRST = '0001-01-01';
const LAST = '9999-12-31';
/** Each date field alone at either end, then every date field at the start or every one at the end. */
const PLANS: Array<(name: string, i: number) => string> = [
  () => FIRST,
  () => LAST,
  (_n, i) => (i === 0 ? FIRST : LAST),
  (_n, i) => (i === 0 ? LAST : FIRST),
];

const PATH_VALUES: Record<string, string> = {
  instrumentId: 'UNTOC',
  participantId: 'ARM',
  donorId: DONOR_X,
  earmarkId: SEC_EARMARK,
};

const isDateSchema = (schema: JsonSchema | undefined): boolean => {
  const sch = deref(schema, components);
  if (sch.format === 'date') return true;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = sch[key];
    if (Array.isArray(list) && (list as JsonSchema[]).some((x) => isDateSchema(x))) return true;
  }
  return false;
};

function dateFieldsOfBody(schema: JsonSchema | undefined): string[] {
  const props = (deref(schema, components).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props)
    .filter(([, v]) => isDateSchema(v))
    .map(([k]) => k);
}

interface Probe {
  url: string;
  body: Record<string, unknown> | null;
}

function probesOf(o: Operation): Probe[] {
  const params = o.op.parameters ?? [];
  const dateParams = params.filter((p) => (p.in === 'query' || p.in === 'path') && isDateSchema(p.schema));
  const valid = VALID[o.key];
  const bodyDates = valid ? dateFieldsOfBody(jsonBodySchema(o.op)) : [];
  if (dateParams.length === 0 && bodyDates.length === 0) return [];
  const probes: Probe[] = [];
  for (const plan of PLANS) {
    let path = valid?.url ?? o.path;
    const query: string[] = [];
    dateParams.forEach((p, i) => {
      if (p.in === 'path') path = path.replace(`{${p.name}}`, plan(p.name, i));
      else query.push(`${p.name}=${plan(p.name, i)}`);
    });
    path = path.replace(/\{([^}]+)\}/g, (_m, name: string) => PATH_VALUES[name] ?? '1');
    const body = valid ? { ...valid.body } : null;
    if (body) bodyDates.forEach((name, i) => (body[name] = plan(name, dateParams.length + i)));
    probes.push({ url: query.length > 0 ? `${path}?${query.join('&')}` : path, body });
  }
  return probes;
}

const cases = operationsOf(s.doc)
  .map((o) => ({ o, probes: probesOf(o) }))
  .filter((c) => c.probes.length > 0);

describe('dates at the ends of the calendar never give a 5xx', () => {
  it('finds the operations that take dates', () => {
    const keys = cases.map((c) => c.o.key);
    expect(keys).toContain('GET /api/fund/statement');
    expect(keys).toContain('POST /api/actions');
    expect(keys.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [c.o.key, c] as const))('%s', async (_key, { o, probes }) => {
    for (const p of probes) {
      const res = await s.t.app.inject({
        method: o.method as 'GET',
        url: p.url,
        headers: {
          ...s.t.auth,
          ...(o.method === 'GET' ? {} : writeHeaders()),
          ...(p.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(p.body ? { payload: JSON.stringify(p.body) } : {}),
      });
      expect(res.statusCode, `${o.method} ${p.url} ${JSON.stringify(p.body)} → ${res.body}`).toBeLessThan(
        500,
      );
    }
  });
});
