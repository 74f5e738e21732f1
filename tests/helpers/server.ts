// The real server on a free port, on a fresh store loaded with the real data: for browser and CLI tests.
import { issueToken } from '../../src/auth/services/sessions.ts';
import { startServer } from '../../src/http/server.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { RegistryState } from '../../src/treaties/registry-state.ts';
import { TEST_TODAY, testStoreOptions } from './store.ts';

export async function startTestServer(options: { today?: string } = {}): Promise<{
  url: string;
  /** An administrator's API token. */
  token: string;
  close(): Promise<void>;
}> {
  const { options: storeOptions, cleanup } = testStoreOptions();
  const clock = fixedClock(options.today ?? TEST_TODAY);
  const server = await startServer({
    ...storeOptions,
    port: 0,
    host: '127.0.0.1',
    clock,
    signInPerMinute: false,
  });
  const ctx = { store: server.store, clock, registry: new RegistryState(server.store), actor: 'test-setup' };
  const { token } = await issueToken(ctx, { name: 'test administrator', role: 'admin' });
  return {
    url: server.url,
    token,
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
}
