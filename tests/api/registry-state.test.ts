// The registry in memory after this process's own writes. A recorded action is added to the snapshot in
// memory instead of reloading every action (RegistryState.applyRecorded), so that a write costs the same
// however many actions are stored. What must hold: after every write the snapshot equals one built afresh
// from the store; a statement reuses the computed dates, a consent or denunciation recomputes them; and
// when another process wrote in between, the snapshot is rebuilt rather than patched (or the other
// process's action would be missing for good, since the stored version then matches the patched one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordActionInput } from '../../src/treaties/contract.ts';
import { RegistryState, type RegistrySnapshot } from '../../src/treaties/registry-state.ts';
import { correctAction } from '../../src/treaties/services/correct-action.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
});

afterAll(async () => {
  await t?.close();
});

/** The parts of a snapshot that answers are made of, as plain JSON (maps as sorted entries). */
function essence(s: RegistrySnapshot): unknown {
  const plain = (value: unknown): unknown => {
    if (value instanceof Map) {
      return [...value.entries()]
        .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1))
        .map(([k, v]) => [k, plain(v)]);
    }
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    }
    return value;
  };
  return { version: s.version, actions: s.actions, computations: plain(s.computations) };
}

async function expectSameAsFresh(): Promise<RegistrySnapshot> {
  const inMemory = await t.registry.snapshot();
  const fresh = await new RegistryState(t.store).snapshot();
  expect(essence(inMemory)).toEqual(essence(fresh));
  return inMemory;
}

const input = (overrides: Partial<RecordActionInput>): RecordActionInput => ({
  instrumentId: 'UNTOC',
  participantId: 'ARM',
  kind: 'notification',
  date: '2010-01-10',
  article: '18(13)',
  source: 'test: registry-state.test.ts',
  ...overrides,
});

describe('the registry in memory after a write', () => {
  it('a statement is added to the snapshot without recomputing or reloading anything', async () => {
    const before = await t.registry.snapshot();
    const { action, effect } = await recordAction(t.ctx(), input({}));
    const after = await expectSameAsFresh();
    expect(after.version).toBe(String(BigInt(before.version) + 1n));
    expect(after.actions.at(-1)?.id).toBe(action?.id);
    // Patched, not rebuilt: the same participants and the same computed dates as before.
    expect(after.participants).toBe(before.participants);
    expect(after.computations).toBe(before.computations);
    expect(effect.statusAfter.state).toBe('party');
  });

  it('a consent recomputes the dates (from memory) and the preview reads them', async () => {
    const before = await t.registry.snapshot();
    const { effect } = await recordAction(
      t.ctx(),
      input({ participantId: 'IRN', kind: 'ratification', date: '2026-01-15', article: null }),
    );
    const after = await expectSameAsFresh();
    expect(after.participants).toBe(before.participants);
    expect(after.computations).not.toBe(before.computations);
    expect(after.computations.get('UNTOC')?.parties.get('IRN')?.participations).toHaveLength(1);
    expect(effect.summary).toContain('enters into force for');
    expect(effect.summary).toContain('2026-02-14');
  });

  it('a denunciation of the Convention reaches its Protocols, as a fresh build says', async () => {
    const { effect } = await recordAction(
      t.ctx(),
      input({ participantId: 'ARM', kind: 'denunciation', date: '2026-03-02', article: null }),
    );
    const after = await expectSameAsFresh();
    const armTip = after.computations.get('TIP')?.parties.get('ARM')?.participations.at(-1);
    expect(armTip?.denunciation?.viaParent).toBe(true);
    expect(effect.summary).toContain('ceases to be a party');
  });

  it('a correction drops the snapshot and the next one is built from the store', async () => {
    const { action } = await recordAction(t.ctx(), input({ participantId: 'ITA', date: '2011-05-05' }));
    const before = await t.registry.snapshot();
    await correctAction(t.ctx(), action!.id, { reason: 'test: entered twice' });
    const after = await expectSameAsFresh();
    expect(after.participants).not.toBe(before.participants);
    expect(after.actions.some((a) => a.id === action!.id)).toBe(false);
  });

  it("another process's write in between: rebuilt, never patched over it", async () => {
    await t.registry.snapshot();
    // A second process has its own registry in memory over the same store.
    const other = { ...t.ctx(), registry: new RegistryState(t.store) };
    const { action: theirs } = await recordAction(other, input({ participantId: 'FRA', date: '2012-02-02' }));
    const { action: ours } = await recordAction(t.ctx(), input({ participantId: 'ITA', date: '2012-03-03' }));
    const after = await expectSameAsFresh();
    const ids = after.actions.map((a) => a.id);
    expect(ids).toContain(theirs!.id);
    expect(ids).toContain(ours!.id);
  });

  it('a dry run changes nothing in memory and previews the same as a write would', async () => {
    const before = await t.registry.snapshot();
    const accession = input({
      participantId: 'IRN',
      instrumentId: 'TIP',
      kind: 'accession',
      date: '2026-04-01',
      article: null,
    });
    const preview = await recordAction(t.ctx(), accession, { dryRun: true });
    expect(await t.registry.snapshot()).toBe(before);
    const written = await recordAction(t.ctx(), accession);
    expect(written.effect).toEqual(preview.effect);
    await expectSameAsFresh();
  });
});
