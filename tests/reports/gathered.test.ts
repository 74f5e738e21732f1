// A draft's data are gathered once while no record changes (src/reports/services/gathered.ts): the second
// preview takes the data kept, any write recorded since makes it gather again, and a frozen report never
// takes kept data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/context.ts';
import { gathered, GATHERED_KEPT } from '../../src/reports/services/gathered.ts';
import { createTestStore, STORE_KIND, type TestStore } from '../helpers/store.ts';
import { delayLithuaniaFirearms } from './records-support.ts';

const input = { asAt: '2005-03-08', period: { from: '2004-03-09', to: '2005-03-08' } };
const draft = { draft: true };
let t: TestStore;
beforeAll(async () => {
  t = await createTestStore();
}, 120_000);
afterAll(async () => t?.close());

const firearmsParties = (g: Awaited<ReturnType<typeof gathered>>) =>
  g.registryAndFund.registry.instruments.find((i) => i.instrumentId === 'FIREARMS')?.parties.value;

describe(`a draft's data kept between previews (${STORE_KIND})`, { timeout: 120_000 }, () => {
  it('keeps them while nothing changes, and gathers again after a write', async () => {
    const first = await gathered(t.ctx(), input, draft);
    expect(await gathered(t.ctx(), input, draft)).toBe(first);
    expect(firearmsParties(first)).toBe(36);

    // Lithuania's Firearms ratification moved after the date: one party fewer as at 8 March 2005.
    await delayLithuaniaFirearms(t.ctx());
    const after = await gathered(t.ctx(), input, draft);
    expect(after).not.toBe(first);
    expect(firearmsParties(after)).toBe(35);
    expect(after.registryAndFund.fingerprint).not.toBe(first.registryAndFund.fingerprint);
    expect(await gathered(t.ctx(), input, draft)).toBe(after);
  });

  it('gathers afresh for a frozen report, and refuses bad dates before looking at what is kept', async () => {
    const kept = await gathered(t.ctx(), input, draft);
    const fresh = await gathered(t.ctx(), input, { draft: false });
    expect(fresh).not.toBe(kept);
    expect(fresh.registryAndFund.fingerprint).toBe(kept.registryAndFund.fingerprint);
    await expect(gathered(t.ctx(), { ...input, asAt: '9999-12-31' }, draft)).rejects.toThrow(
      /asAt: .* future/,
    );
  });

  it('keeps nothing gathered while the registry in memory was behind the store', async () => {
    const behind: ServiceContext = t.ctx();
    const registry = Object.create(behind.registry) as typeof behind.registry;
    registry.isCurrent = async () => false;
    const ctx = { ...behind, registry };
    const other = { asAt: '2004-03-08', period: { from: '2003-03-09', to: '2004-03-08' } };
    const a = await gathered(ctx, other, draft);
    expect(await gathered(ctx, other, draft)).not.toBe(a);
  });

  it(`keeps at most ${GATHERED_KEPT} gatherings per store, the least recently used dropped first`, async () => {
    const dates = ['2003-12-31', '2002-12-31', '2001-12-31'].map((d) => ({
      asAt: d,
      period: { from: `${d.slice(0, 4)}-01-01`, to: d },
    }));
    const [a, b, c] = dates as [typeof input, typeof input, typeof input];
    const first = await gathered(t.ctx(), a, draft);
    const second = await gathered(t.ctx(), b, draft);
    expect(await gathered(t.ctx(), a, draft)).toBe(first);
    await gathered(t.ctx(), c, draft); // drops b, the least recently used
    expect(await gathered(t.ctx(), a, draft)).toBe(first);
    expect(await gathered(t.ctx(), b, draft)).not.toBe(second);
  });
});
