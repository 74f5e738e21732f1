// The rules of src/server/api-changes.ts, each on a small document crafted to break it (or not): a client
// written against the first document must still work against the second unless a rule says otherwise.
import { describe, expect, it } from 'vitest';
import { findBreakingChanges, type BreakingRule } from '../../src/server/api-changes.ts';

// `any`: the crafted documents are edited freely by path, as a test edits fixtures.
type Json = Record<string, any>;

/** A small document in the shapes the server writes: a component with a ref, nullable fields, enums. */
function base(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1.0.0' },
    paths: {
      '/api/things': {
        get: {
          operationId: 'listThings',
          parameters: [
            { in: 'query', name: 'kind', required: false, schema: { type: 'string', enum: ['a', 'b'] } },
            { in: 'header', name: 'idempotency-key', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'ok',
              headers: { 'X-Request-Id': { schema: { type: 'string' } } },
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { things: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } },
                    required: ['things'],
                    additionalProperties: false,
                  },
                },
              },
            },
            '404': {
              description: 'no',
              content: { 'application/problem+json': { schema: { type: 'object' } } },
            },
          },
        },
        post: {
          operationId: 'recordThing',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingInput' } } },
          },
          responses: {
            '201': {
              description: 'made',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
      '/api/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
            status: { type: 'string', enum: ['open', 'closed'] },
          },
          required: ['id', 'name', 'note', 'status'],
          additionalProperties: false,
        },
        ThingInput: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            size: { type: 'integer' },
            colour: { type: 'string', enum: ['red', 'blue'] },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
    },
  };
}

/** The rules broken when `edit` is applied to a copy of the base document. */
function rulesAfter(edit: (doc: Json) => void): BreakingRule[] {
  const older = base();
  const newer = base();
  edit(newer);
  return findBreakingChanges(older, newer).map((c) => c.rule);
}

const thing = (d: Json): Json => d.components.schemas.Thing;
const input = (d: Json): Json => d.components.schemas.ThingInput;

describe('a breaking change is found', () => {
  const cases: Array<[string, BreakingRule, (d: Json) => void]> = [
    ['a path removed', 'path-removed', (d) => delete d.paths['/api/things/{id}']],
    ['an operation removed', 'operation-removed', (d) => delete d.paths['/api/things'].post],
    [
      'a response status removed',
      'response-status-removed',
      (d) => delete d.paths['/api/things'].get.responses['404'],
    ],
    [
      'a media type of an answer removed',
      'media-type-removed',
      (d) => {
        const r = d.paths['/api/things/{id}'].get.responses['200'];
        r.content = { 'text/csv': r.content['application/json'] };
      },
    ],
    [
      'a required query parameter added',
      'required-parameter-added',
      (d) =>
        d.paths['/api/things'].get.parameters.push({
          in: 'query',
          name: 'asOf',
          required: true,
          schema: { type: 'string' },
        }),
    ],
    [
      'an optional parameter made required',
      'required-parameter-added',
      (d) => (d.paths['/api/things'].get.parameters[0].required = true),
    ],
    [
      'a required header added',
      'required-parameter-added',
      (d) => (d.paths['/api/things'].get.parameters[1].required = true),
    ],
    ['a query parameter removed', 'parameter-removed', (d) => d.paths['/api/things'].get.parameters.shift()],
    [
      'a request body made required',
      'request-body-required',
      (d) => {
        d.paths['/api/things/{id}'].get.requestBody = {
          required: true,
          content: { 'application/json': { schema: { type: 'object' } } },
        };
      },
    ],
    [
      'a required body property added',
      'required-property-added',
      (d) => {
        input(d).properties.owner = { type: 'string' };
        input(d).required.push('owner');
      },
    ],
    [
      'an optional body property made required',
      'required-property-added',
      (d) => input(d).required.push('size'),
    ],
    [
      'a body property removed where unknown ones are refused',
      'request-property-removed',
      (d) => delete input(d).properties.size,
    ],
    [
      'a property removed from a response',
      'response-property-removed',
      (d) => delete thing(d).properties.name,
    ],
    [
      'a property removed from an item of a response list',
      'response-property-removed',
      (d) => {
        // The list's items are inline here: the rule reaches into arrays.
        const list = d.paths['/api/things'].get.responses['200'].content['application/json'].schema;
        list.properties.things.items = {
          type: 'object',
          properties: { id: { type: 'integer' } },
          required: ['id'],
        };
      },
    ],
    [
      'a header removed from an answer',
      'response-header-removed',
      (d) => delete d.paths['/api/things'].get.responses['200'].headers['X-Request-Id'],
    ],
    ['a response type changed', 'type-changed', (d) => (thing(d).properties.id = { type: 'string' })],
    [
      'a response number widened from integer',
      'type-changed',
      (d) => (thing(d).properties.id = { type: 'number' }),
    ],
    ['a request type changed', 'type-changed', (d) => (input(d).properties.size = { type: 'string' })],
    [
      'a parameter type changed',
      'type-changed',
      (d) => (d.paths['/api/things/{id}'].get.parameters[0].schema = { type: 'integer' }),
    ],
    [
      'a response enum value removed',
      'response-enum-value-removed',
      (d) => (thing(d).properties.status.enum = ['open']),
    ],
    ['a request enum narrowed', 'request-enum-narrowed', (d) => (input(d).properties.colour.enum = ['red'])],
    [
      'a query enum narrowed',
      'request-enum-narrowed',
      (d) => (d.paths['/api/things'].get.parameters[0].schema.enum = ['a']),
    ],
    [
      'a free request field limited to values',
      'request-enum-narrowed',
      (d) => (input(d).properties.name.enum = ['x']),
    ],
    [
      'a response property made optional',
      'response-property-optional',
      (d) => (thing(d).required = ['id', 'note', 'status']),
    ],
    [
      'a response property made nullable (anyOf)',
      'response-property-nullable',
      (d) => {
        thing(d).properties.name = { anyOf: [{ type: 'string' }, { type: 'null' }] };
      },
    ],
    [
      'a response property made nullable (type list)',
      'response-property-nullable',
      (d) => {
        thing(d).properties.id = { type: ['integer', 'null'] };
      },
    ],
  ];

  it.each(cases)('%s: %s', (_name, rule, edit) => {
    expect(rulesAfter(edit)).toContain(rule);
  });

  it('names the operation and the place in it', () => {
    const older = base();
    const newer = base();
    delete thing(newer).properties.name;
    const changes = findBreakingChanges(older, newer);
    expect(changes).toContainEqual({
      rule: 'response-property-removed',
      where: 'GET /api/things 200 application/json: things[].name',
      detail: 'no longer in the answer',
    });
    // The component is used by three answers: each is named.
    expect(changes.filter((c) => c.rule === 'response-property-removed').map((c) => c.where)).toEqual([
      'GET /api/things 200 application/json: things[].name',
      'POST /api/things 201 application/json: name',
      'GET /api/things/{id} 200 application/json: name',
    ]);
  });
});

describe('an additive or announced change passes', () => {
  const cases: Array<[string, (d: Json) => void]> = [
    ['the same document', () => undefined],
    ['a new path', (d) => (d.paths['/api/other'] = { get: { responses: { '200': { description: 'ok' } } } })],
    [
      'a new operation',
      (d) => (d.paths['/api/things/{id}'].delete = { responses: { '204': { description: 'gone' } } }),
    ],
    [
      'a new optional query parameter (paging)',
      (d) => {
        d.paths['/api/things'].get.parameters.push({
          in: 'query',
          name: 'cursor',
          required: false,
          schema: { type: 'string' },
        });
        d.paths['/api/things'].get.parameters.push({
          in: 'query',
          name: 'limit',
          required: false,
          schema: { type: 'integer' },
        });
      },
    ],
    ['a new optional body property', (d) => (input(d).properties.weight = { type: 'integer' })],
    [
      'a new response property',
      (d) => {
        thing(d).properties.createdAt = { type: 'string' };
        thing(d).required.push('createdAt');
      },
    ],
    [
      'a new response header',
      (d) => (d.paths['/api/things'].get.responses['200'].headers.Link = { schema: { type: 'string' } }),
    ],
    ['a new answer', (d) => (d.paths['/api/things'].get.responses['429'] = { description: 'slow down' })],
    ['a request enum widened', (d) => (input(d).properties.colour.enum = ['red', 'blue', 'green'])],
    ['a request field made nullable', (d) => (input(d).properties.size = { type: ['integer', 'null'] })],
    ['a request integer widened to number', (d) => (input(d).properties.size = { type: 'number' })],
    [
      'an optional body property removed where unknown ones are ignored',
      (d) => {
        delete input(d).properties.size;
        delete input(d).additionalProperties;
      },
    ],
    ['a request body no longer required', (d) => (d.paths['/api/things'].post.requestBody.required = false)],
    ['a response property no longer nullable', (d) => (thing(d).properties.note = { type: 'string' })],
    [
      'descriptions, examples and the version',
      (d) => {
        d.info.version = '1.1.0';
        thing(d).description = 'A thing.';
        thing(d).examples = [{ id: 1 }];
      },
    ],
  ];

  it.each(cases)('%s', (_name, edit) => {
    expect(
      findBreakingChanges(
        base(),
        (() => {
          const d = base();
          edit(d);
          return d;
        })(),
      ),
    ).toEqual([]);
  });

  it('removes an operation that the older document had deprecated', () => {
    const older = base();
    older.paths['/api/things/{id}'].get.deprecated = true;
    older.paths['/api/things'].post.deprecated = true;
    const newer = base();
    delete newer.paths['/api/things/{id}'];
    delete newer.paths['/api/things'].post;
    expect(findBreakingChanges(older, newer)).toEqual([]);
    // Deprecating it only in the new document is not announcing it.
    const unannounced = base();
    delete unannounced.paths['/api/things/{id}'];
    expect(findBreakingChanges(base(), unannounced).map((c) => c.rule)).toEqual(['path-removed']);
  });

  it('follows a component that refers to itself without looping', () => {
    const older = base();
    thing(older).properties.parent = { $ref: '#/components/schemas/Thing' };
    const newer = structuredClone(older);
    expect(findBreakingChanges(older, newer)).toEqual([]);
    delete thing(newer).properties.name;
    expect(findBreakingChanges(older, newer).length).toBeGreaterThan(0);
  });
});
