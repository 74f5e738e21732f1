// Breaking changes between two OpenAPI 3.1 documents (docs/api.md, "Versioning and deprecation"): what a
// client written against the older document would trip on with the newer. The rules are those of the
// common API-diff tools (oasdiff's "breaking" checks), written out here for the shapes the server's
// document uses (zod's JSON Schema: `type` lists, `anyOf` with `{type: null}`, `enum`, `const`, objects
// with `required` and `additionalProperties: false`, arrays, `$ref` to components):
//   - an operation (or a whole path) removed, unless the older document had marked it deprecated;
//   - a response status removed, or a media type of an answer or of the request body;
//   - a required request parameter or body property added, or a request body that became required;
//   - a query parameter removed, or a body property removed where unknown properties are refused;
//   - a property removed from a response, or a header from an answer;
//   - a type changed (a request accepting less, an answer giving something else);
//   - an enum value removed from a response, a request enum narrowed;
//   - a response property that became optional or nullable.
// Additive changes pass: new paths and operations, new optional parameters and properties, new answers,
// new response properties, request enums widened. Pure: no I/O.

export type BreakingRule =
  | 'path-removed'
  | 'operation-removed'
  | 'response-status-removed'
  | 'media-type-removed'
  | 'required-parameter-added'
  | 'parameter-removed'
  | 'request-body-required'
  | 'required-property-added'
  | 'request-property-removed'
  | 'response-property-removed'
  | 'response-header-removed'
  | 'type-changed'
  | 'response-enum-value-removed'
  | 'request-enum-narrowed'
  | 'response-property-optional'
  | 'response-property-nullable';

export interface BreakingChange {
  rule: BreakingRule;
  /** The operation and the place in it: `GET /api/x 200 application/json: items[].name`. */
  where: string;
  detail: string;
}

type Json = Record<string, unknown>;
type Direction = 'request' | 'response';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectAt = (v: unknown, key: string): Json => {
  const found = isObject(v) ? v[key] : undefined;
  return isObject(found) ? found : {};
};

/** One document with its `$ref`s resolvable (local references only, as the server writes them). */
class Doc {
  constructor(readonly root: Json) {}

  resolve(value: unknown, seen = 0): Json {
    if (!isObject(value)) return {};
    const ref = value.$ref;
    if (typeof ref !== 'string' || seen > 32) return value;
    let target: unknown = this.root;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return this.resolve(target, seen + 1);
  }
}

/** The members of a union (`anyOf` / `oneOf`), or the schema itself. */
function members(doc: Doc, schema: Json): Json[] {
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) return union.flatMap((m) => members(doc, doc.resolve(m)));
  return [schema];
}

function typeOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The JSON types a schema allows; empty: any. */
function typesOf(doc: Doc, schema: Json): Set<string> {
  const out = new Set<string>();
  for (const m of members(doc, schema)) {
    const declared = m.type;
    if (typeof declared === 'string') out.add(declared);
    else if (Array.isArray(declared)) for (const t of declared) out.add(String(t));
    else if ('const' in m) out.add(typeOfValue(m.const));
    else if (Array.isArray(m.enum)) for (const v of m.enum) out.add(typeOfValue(v));
    else if (isObject(m.properties)) out.add('object');
    // A member that says nothing of its type allows any: so does the union.
    else return new Set();
  }
  return out;
}

/** Whether a value of type `t` is one `allowed` takes (empty: any; an integer is a number). */
function covered(t: string, allowed: Set<string>): boolean {
  return allowed.size === 0 || allowed.has(t) || (t === 'integer' && allowed.has('number'));
}

/** The values a schema is limited to (`enum`, `const`, over a union), as JSON text; null: not limited. */
function valuesOf(doc: Doc, schema: Json): Set<string> | null {
  const out = new Set<string>();
  for (const m of members(doc, schema)) {
    if ('const' in m) out.add(JSON.stringify(m.const));
    else if (Array.isArray(m.enum)) for (const v of m.enum) out.add(JSON.stringify(v));
    else if (m.type === 'null') out.add('null');
    else return null;
  }
  return out;
}

/** The object members of a schema (a union may hold several), without the null one. */
function objectsOf(doc: Doc, schema: Json): Json[] {
  return members(doc, schema).filter((m) => isObject(m.properties) || m.type === 'object');
}

function arraysOf(doc: Doc, schema: Json): Json[] {
  return members(doc, schema).filter((m) => m.type === 'array' || 'items' in m);
}

class Comparison {
  readonly changes: BreakingChange[] = [];
  /** Pairs of schemas already compared at a place: `$ref`s may recurse. */
  private readonly seen = new Set<string>();

  constructor(
    readonly older: Doc,
    readonly newer: Doc,
  ) {}

  add(rule: BreakingRule, where: string, detail: string): void {
    this.changes.push({ rule, where, detail });
  }

  schema(oldRaw: unknown, newRaw: unknown, direction: Direction, where: string): void {
    const key = `${direction}|${JSON.stringify(oldRaw)}|${JSON.stringify(newRaw)}|${where}`;
    if (this.seen.has(key) || where.length > 2000) return;
    this.seen.add(key);
    const o = this.older.resolve(oldRaw);
    const n = this.newer.resolve(newRaw);
    this.types(o, n, direction, where);
    this.values(o, n, direction, where);
    const [oObjects, nObjects] = [objectsOf(this.older, o), objectsOf(this.newer, n)];
    // Variants of a union are compared in order when both have as many; anything else is left to the
    // type check above.
    if (oObjects.length === nObjects.length) {
      oObjects.forEach((oo, i) => this.object(oo, nObjects[i] ?? {}, direction, where));
    }
    const [oArrays, nArrays] = [arraysOf(this.older, o), arraysOf(this.newer, n)];
    if (oArrays.length === 1 && nArrays.length === 1) {
      this.schema(oArrays[0]?.items ?? {}, nArrays[0]?.items ?? {}, direction, `${where}[]`);
    }
  }

  private types(o: Json, n: Json, direction: Direction, where: string): void {
    const [oTypes, nTypes] = [typesOf(this.older, o), typesOf(this.newer, n)];
    const describe = (s: Set<string>): string => (s.size === 0 ? 'any' : [...s].sort().join(' | '));
    if (direction === 'response') {
      // The answer may only give what a client already expects.
      const extra = [...nTypes].filter((t) => !covered(t, oTypes));
      if (nTypes.size === 0 && oTypes.size > 0) extra.push('any');
      if (extra.includes('null') && covered('null', nTypes)) {
        this.add('response-property-nullable', where, 'may now be null');
      }
      if (extra.some((t) => t !== 'null')) {
        this.add('type-changed', where, `was ${describe(oTypes)}, now ${describe(nTypes)}`);
      }
    } else {
      // The request must still be accepted as it was.
      const lost = [...oTypes].filter((t) => !covered(t, nTypes));
      if (oTypes.size === 0 && nTypes.size > 0) lost.push('any');
      if (lost.length > 0) {
        this.add('type-changed', where, `accepted ${describe(oTypes)}, now only ${describe(nTypes)}`);
      }
    }
  }

  private values(o: Json, n: Json, direction: Direction, where: string): void {
    const [oValues, nValues] = [valuesOf(this.older, o), valuesOf(this.newer, n)];
    if (nValues === null) return;
    if (oValues === null) {
      if (direction === 'request') {
        this.add('request-enum-narrowed', where, `now only ${[...nValues].join(', ')}`);
      }
      return;
    }
    const removed = [...oValues].filter((v) => !nValues.has(v) && v !== 'null');
    if (removed.length === 0) return;
    if (direction === 'response') {
      this.add('response-enum-value-removed', where, `no longer answers ${removed.join(', ')}`);
    } else {
      this.add('request-enum-narrowed', where, `no longer accepts ${removed.join(', ')}`);
    }
  }

  private object(o: Json, n: Json, direction: Direction, where: string): void {
    const oProps = objectAt(o, 'properties');
    const nProps = objectAt(n, 'properties');
    const oRequired = new Set(Array.isArray(o.required) ? o.required.map(String) : []);
    const nRequired = new Set(Array.isArray(n.required) ? n.required.map(String) : []);
    const at = (name: string): string => (where.endsWith(':') ? `${where} ${name}` : `${where}.${name}`);
    if (direction === 'response') {
      for (const name of Object.keys(oProps)) {
        if (!(name in nProps)) {
          this.add('response-property-removed', at(name), 'no longer in the answer');
          continue;
        }
        if (oRequired.has(name) && !nRequired.has(name)) {
          this.add('response-property-optional', at(name), 'may now be absent');
        }
        this.schema(oProps[name], nProps[name], direction, at(name));
      }
    } else {
      for (const name of nRequired) {
        if (!oRequired.has(name)) {
          this.add(
            'required-property-added',
            at(name),
            name in oProps ? 'now required' : 'a new required property',
          );
        }
      }
      for (const name of Object.keys(oProps)) {
        if (!(name in nProps)) {
          // Sent by a client as before, it is refused only where unknown properties are.
          if (n.additionalProperties === false) {
            this.add(
              'request-property-removed',
              at(name),
              'no longer accepted (unknown properties are refused)',
            );
          }
          continue;
        }
        this.schema(oProps[name], nProps[name], direction, at(name));
      }
    }
  }

  content(oRaw: unknown, nRaw: unknown, direction: Direction, where: string): void {
    const o = this.older.resolve(oRaw);
    const n = this.newer.resolve(nRaw);
    const oContent = objectAt(o, 'content');
    const nContent = objectAt(n, 'content');
    for (const [type, media] of Object.entries(oContent)) {
      if (!(type in nContent)) {
        this.add(
          'media-type-removed',
          `${where} ${type}`,
          `no longer ${direction === 'request' ? 'accepted' : 'answered'}`,
        );
        continue;
      }
      this.schema(
        objectAt(media, 'schema'),
        objectAt(nContent[type], 'schema'),
        direction,
        `${where} ${type}:`,
      );
    }
  }

  operation(name: string, oRaw: Json, nRaw: Json): void {
    const [o, n] = [this.older.resolve(oRaw), this.newer.resolve(nRaw)];
    this.parameters(name, o, n);
    // The request body.
    const oBody = this.older.resolve(o.requestBody);
    const nBody = this.newer.resolve(n.requestBody);
    if (nBody.required === true && oBody.required !== true) {
      this.add('request-body-required', `${name} body`, 'a request body is now required');
    }
    if (o.requestBody !== undefined && n.requestBody !== undefined) {
      this.content(oBody, nBody, 'request', `${name} body`);
    }
    // The answers.
    const oResponses = objectAt(o, 'responses');
    const nResponses = objectAt(n, 'responses');
    for (const [status, oAnswer] of Object.entries(oResponses)) {
      const nAnswer = nResponses[status];
      if (nAnswer === undefined) {
        this.add('response-status-removed', `${name} ${status}`, 'this answer is no longer documented');
        continue;
      }
      const oHeaders = objectAt(this.older.resolve(oAnswer), 'headers');
      const nHeaders = objectAt(this.newer.resolve(nAnswer), 'headers');
      const nNames = new Set(Object.keys(nHeaders).map((h) => h.toLowerCase()));
      for (const header of Object.keys(oHeaders)) {
        if (!nNames.has(header.toLowerCase())) {
          this.add('response-header-removed', `${name} ${status} ${header}`, 'no longer sent');
        }
      }
      this.content(oAnswer, nAnswer, 'response', `${name} ${status}`);
    }
  }

  private parameters(name: string, o: Json, n: Json): void {
    const index = (doc: Doc, op: Json): Map<string, Json> => {
      const out = new Map<string, Json>();
      for (const raw of Array.isArray(op.parameters) ? op.parameters : []) {
        const p = doc.resolve(raw);
        const where = String(p.in);
        // Header names are case-insensitive.
        const key = `${where}:${where === 'header' ? String(p.name).toLowerCase() : String(p.name)}`;
        out.set(key, p);
      }
      return out;
    };
    const [oParams, nParams] = [index(this.older, o), index(this.newer, n)];
    for (const [key, p] of nParams) {
      const before = oParams.get(key);
      if (p.required === true && before?.required !== true) {
        this.add(
          'required-parameter-added',
          `${name} ${key}`,
          before ? 'an optional parameter is now required' : 'a new required parameter',
        );
      }
    }
    for (const [key, p] of oParams) {
      const after = nParams.get(key);
      if (!after) {
        // A client still sending it would be refused: query and path parameters are checked strictly;
        // an unknown header is ignored.
        if (p.in !== 'header') this.add('parameter-removed', `${name} ${key}`, 'no longer accepted');
        continue;
      }
      this.schema(p.schema, after.schema, 'request', `${name} ${key}:`);
    }
  }
}

/** The breaking changes from `older` to `newer`: empty when a client of `older` still works. */
export function findBreakingChanges(older: unknown, newer: unknown): BreakingChange[] {
  const o = new Doc(isObject(older) ? older : {});
  const n = new Doc(isObject(newer) ? newer : {});
  const c = new Comparison(o, n);
  const oPaths = objectAt(o.root, 'paths');
  const nPaths = objectAt(n.root, 'paths');
  for (const [path, oItemRaw] of Object.entries(oPaths)) {
    const oItem = o.resolve(oItemRaw);
    const nItem = nPaths[path] === undefined ? undefined : n.resolve(nPaths[path]);
    for (const method of METHODS) {
      const op = oItem[method];
      if (!isObject(op)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const newOp = nItem?.[method];
      if (!isObject(newOp)) {
        // Announced first (deprecated, with its Deprecation and Sunset), it may go.
        if (op.deprecated === true) continue;
        if (nItem) c.add('operation-removed', name, 'the operation is gone and was not deprecated');
        else c.add('path-removed', name, 'the path is gone and the operation was not deprecated');
        continue;
      }
      c.operation(name, op, newOp);
    }
  }
  return c.changes;
}
