// Load shedding: when the event loop falls behind, requests get 503 problem+json with Retry-After at once;
// liveness still answers, and service comes back when the loop does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ app: { maxEventLoopDelayMs: 50 } });
});
afterAll(async () => {
  await t?.close();
});

function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy: nothing else runs meanwhile
  }
}

describe('overload', () => {
  it('sheds load with 503 and Retry-After while the event loop lags, then recovers', async () => {
    let shed = null;
    for (let i = 0; i < 10 && shed === null; i++) {
      blockEventLoop(400);
      await new Promise((r) => setImmediate(r));
      const res = await t.app.inject({ method: 'GET', url: '/api/instruments' });
      if (res.statusCode === 503) shed = res;
    }
    expect(shed, 'never shed load').not.toBeNull();
    expect(shed!.headers['retry-after']).toBe('5');
    expect(shed!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // Once the loop is idle again, service returns.
    let back = false;
    for (let i = 0; i < 40 && !back; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = (await t.app.inject({ method: 'GET', url: '/api/instruments' })).statusCode === 200;
    }
    expect(back).toBe(true);
  }, 30_000);
});
