// The ledger property: a random history, with every invariant checked after every step. Shared by the
// property test and by the test that breaks a rule on purpose to show that the property then fails.
import fc from 'fast-check';
import { addDays } from '../../../src/common/dates.ts';
import { newRunModel, step } from './actions.ts';
import { actionArb, openingAllocationArb, openingPaymentArb, type Action } from './arbitraries.ts';
import { invariantProblems, type Checkers } from './invariants.ts';
import type { ModelStore } from './runner.ts';

/** Steps carried out and refused over all runs, by kind of step. */
export interface Tally {
  done: Map<string, number>;
  refused: Map<string, number>;
}

export const newTally = (): Tally => ({ done: new Map(), refused: new Map() });

const add = (into: Map<string, number>, from: Map<string, number>) => {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
};

export function ledgerProperty(
  store: ModelStore,
  checkers: Checkers,
  tally: Tally = newTally(),
  maxSteps = 16,
): fc.IAsyncProperty<[Action[], number]> {
  return fc.asyncProperty(
    fc
      .tuple(
        fc.array(openingPaymentArb, { minLength: 1, maxLength: 3 }),
        fc.array(openingAllocationArb, { minLength: 1, maxLength: 2 }),
        fc.array(actionArb, { minLength: 1, maxLength: maxSteps }),
      )
      .map(([payments, allocations, rest]) => [...payments, ...allocations, ...rest]),
    fc.integer({ min: 0, max: 180 }),
    async (actions, pastOffset) => {
      await store.run(async (run) => {
        const m = newRunModel();
        try {
          for (const [i, a] of actions.entries()) {
            await step(run, m, a);
            const problems = await invariantProblems(run, checkers, addDays('2026-01-01', pastOffset));
            if (problems.length > 0)
              throw new Error(`after step ${i + 1} (${a.t}): ${problems.slice(0, 5).join('; ')}`);
          }
        } finally {
          add(tally.done, m.done);
          add(tally.refused, m.refused);
        }
      });
    },
  );
}

/** The seed of this run: FC_SEED when set (to replay a failure), else a new one, always printed. */
export function propertySeed(): number {
  return process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
}
