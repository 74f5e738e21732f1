// The OpenAPI document as the server serves it, built without a server listening, and where each version's
// released copy is kept (docs/openapi/v<major>.json, written by `npm run api:snapshot`). The copy is what
// tests/api/breaking-changes.test.ts holds the live document to (docs/api.md, "Versioning and deprecation").
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/project-root.ts';
import { openStore, type Store } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { API_VERSION } from '../http/versioning.ts';
import { buildApp } from './app.ts';

/** The released document of a major version. */
export function snapshotPath(major: number = API_VERSION): string {
  return join(PROJECT_ROOT, 'docs', 'openapi', `v${major}.json`);
}

/**
 * The document the application serves at /openapi.json, with its default settings (the document does not
 * depend on them: every operation lists 429, whatever the limits). On `store`, or an empty one in memory.
 */
export async function liveApiDocument(store?: Store): Promise<Record<string, unknown>> {
  const own = store ?? (await openStore({ sqlitePath: ':memory:' }));
  try {
    if (!store) await migrateToLatest(own);
    const app = await buildApp({ store: own, webDir: '', maxEventLoopDelayMs: false });
    try {
      await app.ready();
      return structuredClone(app.swagger()) as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    if (!store) await own.close();
  }
}
