// The application in-process (Fastify inject, no port) over a fresh test store.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { createTestStore, type TestStore } from './store.ts';
import { TEST_TOKEN } from './server.ts';

export interface TestApp extends TestStore {
  app: FastifyInstance;
  auth: { authorization: string };
}

export async function createTestApp(
  options: { referenceData?: boolean; today?: string } = {},
): Promise<TestApp> {
  const t = await createTestStore(options);
  const app = await buildApp({
    store: t.store,
    registry: t.registry,
    clock: t.clock,
    apiToken: TEST_TOKEN,
    webDir: '',
  });
  await app.ready();
  return {
    ...t,
    app,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
