// The live OpenAPI document against the released copy of its version (docs/openapi/v<major>.json): a
// change that would break a client written against the release fails here, unless it was announced
// (a deprecated operation removed) or released as a new major version (docs/api.md, "Versioning and
// deprecation"). The rules themselves are tested one by one in breaking-rules.test.ts; here, that the real
// document passes, and that the same comparison fails on the real document broken in a few ways.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DOCUMENT_VERSION, API_VERSION } from '../../src/http/versioning.ts';
import { findBreakingChanges } from '../../src/server/api-changes.ts';
import { liveApiDocument, snapshotPath } from '../../src/server/api-document.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

interface Schema {
  properties: Record<string, unknown>;
  required: string[];
}
interface Document {
  info: { version: string };
  paths: Record<string, Record<string, { deprecated?: boolean }>>;
  components: { schemas: Record<string, Schema> };
}

let s: TestStore;
let live: Document;
let released: Document;

beforeAll(async () => {
  s = await createTestStore({ referenceData: false });
  live = (await liveApiDocument(s.store)) as unknown as Document;
  released = JSON.parse(readFileSync(snapshotPath(), 'utf8')) as Document;
});

afterAll(async () => {
  await s?.close();
});

describe(`the released document of version ${API_VERSION}`, () => {
  it('is the copy of this major version', () => {
    expect(released.info.version.split('.')[0]).toBe(String(API_VERSION));
    expect(live.info.version).toBe(API_DOCUMENT_VERSION);
  });

  it('is still honoured by the live document: no unannounced breaking change', () => {
    const changes = findBreakingChanges(released, live).map((c) => `${c.rule}: ${c.where} (${c.detail})`);
    // On failure: announce the change (deprecate, keep the old beside the new) or, if it is intended,
    // release a new major version and its copy (`npm run api:snapshot`; docs/api.md says how).
    expect(changes).toEqual([]);
  });
});

describe('the comparison on the real document', () => {
  const broken = (edit: (doc: Document) => void): string[] => {
    const doc = structuredClone(live);
    edit(doc);
    return findBreakingChanges(released, doc).map((c) => `${c.rule}: ${c.where}`);
  };

  it('fails when an operation is removed without being deprecated first', () => {
    expect(broken((d) => delete d.paths['/api/instruments/{instrumentId}/status']?.get)).toContain(
      'operation-removed: GET /api/instruments/{instrumentId}/status',
    );
  });

  it('fails when an answer loses a property or makes one optional', () => {
    // The status of an instrument, the answer most clients read.
    const status = live.components.schemas.InstrumentStatus!;
    const [first, second] = status.required;
    expect(first && second).toBeTruthy();
    const found = broken((d) => {
      const target = d.components.schemas.InstrumentStatus!;
      target.required = target.required.filter((p) => p !== first);
      delete target.properties[second!];
    });
    expect(found).toContain(
      `response-property-optional: GET /api/instruments/{instrumentId}/status 200 application/json: ${first}`,
    );
    expect(found).toContain(
      `response-property-removed: GET /api/instruments/{instrumentId}/status 200 application/json: ${second}`,
    );
  });

  it('passes when a new optional query parameter is added to a list (paging)', () => {
    const doc = structuredClone(live) as unknown as {
      paths: Record<string, Record<string, { parameters?: unknown[] }>>;
    };
    const list = doc.paths['/api/instruments']!.get!;
    list.parameters = [
      ...(list.parameters ?? []),
      { in: 'query', name: 'cursor', required: false, schema: { type: 'string' } },
    ];
    expect(findBreakingChanges(released, doc)).toEqual([]);
  });
});
