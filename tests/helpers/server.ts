// The real server on a free port, on a fresh store loaded with the real data: for browser and CLI tests.
import { startServer } from '../../src/http/server.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { TEST_TODAY, testStoreOptions } from './store.ts';

export const TEST_TOKEN = 'test-token-0123456789';

export async function startTestServer(options: { today?: string } = {}): Promise<{
  url: string;
  token: string;
  close(): Promise<void>;
}> {
  const { options: storeOptions, cleanup } = testStoreOptions();
  const server = await startServer({
    ...storeOptions,
    port: 0,
    host: '127.0.0.1',
    clock: fixedClock(options.today ?? TEST_TODAY),
    apiToken: TEST_TOKEN,
  });
  return {
    url: server.url,
    token: TEST_TOKEN,
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
}
