// The application in-process (Fastify inject, no port) over a fresh test store, with an administrator's
// API token for the requests that change things.
import type { FastifyInstance } from 'fastify';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { createTestStore, type TestStore } from './store.ts';

export interface TestApp extends TestStore {
  app: FastifyInstance;
  /** Authorization header of an administrator's API token. */
  auth: { authorization: string };
  /** Mail the application sent (invitations, password resets). */
  mail: Array<{ to: string; subject: string; text: string }>;
}

export async function createTestApp(
  options: { referenceData?: boolean; today?: string; app?: Partial<AppOptions> } = {},
): Promise<TestApp> {
  const t = await createTestStore(options);
  const mail: TestApp['mail'] = [];
  const app = await buildApp({
    store: t.store,
    registry: t.registry,
    clock: t.clock,
    webDir: '',
    signInPerMinute: false,
    expensivePerMinute: false,
    maxEventLoopDelayMs: false,
    mailer: { send: async (m) => void mail.push(m) },
    ...options.app,
  });
  await app.ready();
  const { token } = await issueToken(t.ctx('test-setup'), { name: 'test administrator', role: 'admin' });
  return {
    ...t,
    app,
    auth: { authorization: `Bearer ${token}` },
    mail,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
