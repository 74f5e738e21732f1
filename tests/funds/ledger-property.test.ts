// Random histories of the fund through the service layer (the use cases the routes call, inside runWrite),
// with every invariant checked after every step (tests/funds/model/invariants.ts). In CI: 1,000 runs on
// SQLite and 250 on PostgreSQL (each step there costs some 40 round trips to the server); locally 100 and
// 40, or FUND_PROPERTY_RUNS. The seed is printed; FC_SEED=<seed> replays a run.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { earmarkRefusal } from '../../src/funds/domain/earmarks.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { DONORS, MODEL_EARMARKS, MODEL_MONTHS } from './model/arbitraries.ts';
import { ledgerProperty, newTally, propertySeed } from './model/property.ts';
import { createModelStore } from './model/runner.ts';

const store = await createModelStore({
  donors: DONORS.map((id) => ({ id })),
  earmarks: MODEL_EARMARKS,
  months: MODEL_MONTHS,
});
afterAll(async () => store.close());

const RUNS = Number(
  process.env.FUND_PROPERTY_RUNS ??
    (process.env.CI ? (STORE_KIND === 'postgres' ? 250 : 1_000) : STORE_KIND === 'postgres' ? 40 : 100),
);

describe(`the ledger under random histories (${STORE_KIND})`, () => {
  it(`${RUNS} histories: every invariant holds after every step`, async () => {
    const seed = propertySeed();
    console.log(`ledger property (${STORE_KIND}): ${RUNS} runs, seed ${seed} (replay: FC_SEED=${seed})`);
    const tally = newTally();
    const started = Date.now();
    await fc.assert(ledgerProperty(store, { earmarkRefusal }, tally), { numRuns: RUNS, seed });
    const kinds = [...new Set([...tally.done.keys(), ...tally.refused.keys()])].sort();
    console.log(
      `ledger property (${STORE_KIND}): ${((Date.now() - started) / 1000).toFixed(1)} s; steps done/refused: ` +
        kinds.map((k) => `${k} ${tally.done.get(k) ?? 0}/${tally.refused.get(k) ?? 0}`).join(', '),
    );
    // The histories reach every use case: each kind of step is carried out, not only refused.
    if (RUNS >= 40)
      for (const k of kinds) expect(tally.done.get(k) ?? 0, `${k} never carried out`).toBeGreaterThan(0);
  }, 900_000);
});
