// The real server on a free port, on a fresh store loaded with the real data: for browser and CLI tests.
import { createUser, type NewUserInput } from '../../src/auth/services/accounts.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { startServer } from '../../src/server/server.ts';
import { scopeTargets } from '../../src/server/scope-targets.ts';
import { fixedClock } from '../../src/common/clock.ts';
import { RegistryState } from '../../src/treaties/registry-state.ts';
import { TEST_TODAY, testStoreOptions } from './store.ts';

export interface TestServer {
  url: string;
  /** An administrator's API token. */
  token: string;
  /** Mail the server sent (invitations, password resets), newest last. */
  mail: Array<{ to: string; subject: string; text: string }>;
  /** Creates a user directly in the server's store (with `password`: active at once; without: invited). */
  createUser(input: NewUserInput): Promise<{ id: string; invitationUrl: string | null }>;
  close(): Promise<void>;
}

/** `demo`: load the fund ledger's illustrative demo data, as a first `palermo serve` does. */
export async function startTestServer(options: { today?: string; demo?: boolean } = {}): Promise<TestServer> {
  const { options: storeOptions, cleanup } = testStoreOptions();
  const clock = fixedClock(options.today ?? TEST_TODAY);
  const mail: TestServer['mail'] = [];
  const server = await startServer({
    ...storeOptions,
    port: 0,
    host: '127.0.0.1',
    clock,
    signInPerMinute: false,
    expensivePerMinute: false,
    maxEventLoopDelayMs: false,
    // Whole browser journeys run on one account and one token; tests/auth/quotas.test.ts checks the quotas.
    tokenQuota: false,
    accountQuota: false,
    demo: options.demo ?? false,
    mailer: { send: async (m) => void mail.push(m) },
  });
  const ctx = {
    store: server.store,
    clock,
    registry: new RegistryState(server.store),
    actor: 'test-setup',
    scopeTargets,
  };
  const { token } = await issueToken(ctx, { name: 'test administrator', role: 'admin' });
  return {
    url: server.url,
    token,
    mail,
    createUser: async (input) => {
      const { user, invitationUrl } = await createUser(ctx, input, {
        mailer: { send: async () => undefined },
        publicUrl: server.url,
      });
      return { id: user.id, invitationUrl };
    },
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
}
