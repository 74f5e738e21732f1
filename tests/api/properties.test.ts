// Property: whatever sequence of actions (valid or not) is sent to the API, the store is never left
// half-written. After each refused request the number of recorded actions, of corrections and the
// registry version are unchanged; after each accepted one exactly one action (or correction) was added.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_KINDS } from '../../src/treaties/domain/types.ts';
import { addDays } from '../../src/common/dates.ts';
import { writtenCounts } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

const written = () => writtenCounts(t.store);

/** The registry version after one more write. */
const next = (version: string) => String(Number(version) + 1);

// Mostly States that can still act (non-signatories, a signatory, parties), the EU, the Holy See, and
// now and then an unknown participant or instrument.
const PARTICIPANTS = ['IRN', 'TUV', 'PNG', 'SLB', 'COG', 'SOM', 'ARM', 'ALB', 'BRA', 'EUU', 'VAT'];
const INSTRUMENTS = ['UNTOC', 'UNTOC', 'TIP', 'SOM', 'FIREARMS'];

/** A day from `from`, at most `span` days later. */
const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((d) => addDays(from, d));

const dateArb = fc.oneof(
  { weight: 3, arbitrary: day('2000-12-12', 730) }, // inside the signature window (to 2002-12-12)
  { weight: 6, arbitrary: day('2014-01-01', 4_565) }, // recent: consents, notifications, denunciations
  { weight: 1, arbitrary: day('2000-11-01', 9_400) }, // anywhere, a few days past the test clock included
  { weight: 1, arbitrary: fc.constantFrom('2003-02-30', '2016', '2019-05', '', 'yesterday', '2027-01-01') },
);

const actionArb = fc.record({
  instrumentId: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...INSTRUMENTS) },
    { weight: 1, arbitrary: fc.constant('NOPE') },
  ),
  participantId: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...PARTICIPANTS) },
    { weight: 1, arbitrary: fc.constant('XXX') },
  ),
  kind: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom('signature', 'ratification', 'accession', 'denunciation', 'notification'),
    },
    { weight: 2, arbitrary: fc.constantFrom(...ACTION_KINDS) },
    { weight: 1, arbitrary: fc.constant('marriage') },
  ),
  date: dateArb,
  article: fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('18(13)', '35(3)') },
  ),
  source: fc.oneof(
    { weight: 12, arbitrary: fc.constant('test: properties') },
    { weight: 1, arbitrary: fc.constant('') },
  ),
  // Now and then a field the contract does not name (mass assignment).
  extra: fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('role', 'status', 'approvedBy') },
  ),
});

type ActionInput = typeof actionArb extends fc.Arbitrary<infer T> ? T : never;

type Step =
  | { op: 'record'; dryRun: boolean; action: ActionInput }
  | { op: 'correct'; pick: number; replace: boolean; action: ActionInput };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant('record' as const), dryRun: fc.boolean(), action: actionArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('correct' as const),
      pick: fc.nat(),
      replace: fc.boolean(),
      action: actionArb,
    }),
  },
);

function body(a: ActionInput): Record<string, unknown> {
  const { extra, article, ...rest } = a;
  return { ...rest, ...(article ? { article } : {}), ...(extra ? { [extra]: 'admin' } : {}) };
}

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('no half-written state', () => {
  it('after every refused request nothing changed; after every accepted one exactly one row was added', async () => {
    const recordedIds: number[] = [];
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const step of steps) {
          const before = await written();
          let res;
          if (step.op === 'record') {
            res = await t.app.inject({
              method: 'POST',
              url: `/api/actions${step.dryRun ? '?dryRun=true' : ''}`,
              headers: t.auth,
              payload: body(step.action),
            });
          } else {
            // Correct an action recorded earlier (or the reference data's first actions when none is).
            const id =
              recordedIds.length > 0
                ? (recordedIds[step.pick % recordedIds.length] as number)
                : (step.pick % 50) + 1;
            res = await t.app.inject({
              method: 'POST',
              url: `/api/actions/${id}/corrections`,
              headers: t.auth,
              payload: {
                reason: 'property test',
                ...(step.replace ? { replacement: body(step.action) } : {}),
              },
            });
          }
          const after = await written();
          // Never an internal error: every refusal is a problem the client can read.
          expect([200, 201, 404, 409, 422], res.body).toContain(res.statusCode);
          if (res.statusCode === 201) {
            accepted++;
            if (step.op === 'record') {
              recordedIds.push((res.json() as { action: { id: number } }).action.id);
              expect(after).toEqual({
                ...before,
                actions: before.actions + 1,
                version: next(before.version),
              });
            } else {
              const replacement = (res.json() as { replacement: { id: number } | null }).replacement;
              if (replacement) recordedIds.push(replacement.id);
              expect(after).toEqual({
                actions: before.actions + (step.replace ? 1 : 0),
                corrections: before.corrections + 1,
                version: next(before.version),
              });
            }
          } else {
            // Refused, or a dry run (200): nothing written.
            if (res.statusCode !== 200) refused++;
            expect(res.headers['content-type']).toMatch(res.statusCode === 200 ? /json/ : /problem\+json/);
            expect(after).toEqual(before);
          }
        }
      }),
      { numRuns: 30 },
    );
    // The generators reach both sides.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
