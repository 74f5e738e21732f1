// Passwords and reset links: common passwords are refused (NIST SP 800-63B §5.1.1.2), a reset spends every
// older link of the account, and the answer to a reset request is given before any work is done for a known
// email (so it cannot answer faster for unknown ones).
import { afterEach, describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, passwordProblem } from '../../src/auth/passwords.ts';
import { activeUser, createAuthApp, fieldsOf, linkSecretIn, login, type AuthApp } from './helpers.ts';

let t: AuthApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('common passwords', () => {
  it('ships the list of the 10,000 most common passwords', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(9_900);
    expect(COMMON_PASSWORDS.has('123456')).toBe(true);
  });

  it('refuses a listed password, a listed one repeated or followed by digits, whatever the case', () => {
    for (const weak of [
      'qwertyqwerty',
      'QwertyQwerty',
      '1q2w3e4r5t6y',
      'passwordpassword',
      'baseball2024',
      'Dragon123456',
      'aaaaaaaaaaaa',
      '123456789012',
    ])
      expect(passwordProblem(weak, 'ana@example.org'), weak).toMatch(/common/);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('amber river lantern 42', 'ana@example.org')).toBeNull();
  });

  it('refuses a common password when a reset link is used', async () => {
    t = await createAuthApp();
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: u.email } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: await linkSecretIn(t.mail, u.email), password: 'qwertyqwerty' },
    });
    expect(fieldsOf(res)).toEqual(['password']);
  });
});

describe('reset links', () => {
  const ask = (app: AuthApp, email: string) =>
    app.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
  const confirm = (app: AuthApp, token: string, password: string) =>
    app.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } });

  it('are all spent when the password is reset with any of them', async () => {
    t = await createAuthApp();
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    await ask(t, u.email);
    const first = await linkSecretIn(t.mail, u.email);
    await ask(t, u.email);
    const second = await linkSecretIn(t.mail, u.email);
    expect(second).not.toBe(first);
    expect((await confirm(t, second, 'violet harbour compass 7')).statusCode).toBe(204);
    // The older link, perhaps still in a mailbox someone else reads, no longer works.
    expect(fieldsOf(await confirm(t, first, 'someone else entirely 9'))).toEqual(['token']);
    await login(t, { email: u.email, password: 'violet harbour compass 7' });
  });

  it('are made after the answer: a known email finds the store as an unknown one does', async () => {
    const queued: Array<() => Promise<void>> = [];
    t = await createAuthApp({ afterAnswer: (work) => void queued.push(work) });
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const links = async () =>
      Number(
        (
          await t!.store.db
            .selectFrom('one_time_links')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('user_id', '=', u.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const res = await ask(t, u.email);
    expect(res.statusCode).toBe(202);
    expect(await links()).toBe(0);
    expect(queued).toHaveLength(1);
    await (queued[0] as () => Promise<void>)();
    expect(await links()).toBe(1);
    // An unknown email queues the same work, which finds nothing to do.
    expect((await ask(t, 'nobody.at.all@example.org')).statusCode).toBe(202);
    expect(queued).toHaveLength(2);
  });
});
