// One step of a random history (tests/funds/model/arbitraries.ts), run through the same use cases as the
// routes, inside runWrite. A refusal (DomainError) is a normal outcome and is counted; anything else thrown is
// a bug and fails the property.
import { DomainError } from '../../../src/common/errors.ts';
import { addDays } from '../../../src/common/dates.ts';
import { allocate as split, formatAmount } from '../../../src/funds/domain/money.ts';
import { cachedBalances, findAllocation, type Db } from '../../../src/funds/repository.ts';
import { defineEarmark } from '../../../src/funds/services/catalog.ts';
import { recordInterest, recordPayment } from '../../../src/funds/services/payments.ts';
import { pledgeViews, recordPledge, recordPledgeEvent } from '../../../src/funds/services/pledges.ts';
import { reverse } from '../../../src/funds/services/reverse.ts';
import { allocate, refund, release, spend, transfer } from '../../../src/funds/services/uses.ts';
import { inWrite } from '../support.ts';
import type { ModelRun } from './runner.ts';
import {
  BASE_EARMARKS,
  CURRENCIES,
  DONORS,
  NEW_EARMARKS,
  PURPOSES,
  type Action,
  type Amount,
} from './arbitraries.ts';

/** What a run has created so far, for later steps to refer to. */
export interface RunModel {
  earmarks: string[];
  pledges: Array<{ id: number; donor: string; currency: string; units: number }>;
  allocations: number[];
  transactions: number[];
  /** Steps carried out and refused, by kind of step. */
  done: Map<string, number>;
  refused: Map<string, number>;
}

export const newRunModel = (): RunModel => ({
  earmarks: [...BASE_EARMARKS],
  pledges: [],
  allocations: [],
  transactions: [],
  done: new Map(),
  refused: new Map(),
});

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

const pick = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
const dayOf = (n: number) => addDays('2026-01-01', n);
const ALL_DONORS = [...DONORS, 'FUND'];

async function balanceOf(db: Db, account: string): Promise<bigint> {
  return (
    (await cachedBalances(db, account)).find((b) => b.account === account && b.currency === 'USD')?.balance ??
    0n
  );
}

/** The donor and earmark of a free balance: among those that hold money when `funded`, else by index. */
async function line(db: Db, m: RunModel, a: { donor: number; earmark: number; funded: boolean }) {
  const held = a.funded
    ? (await cachedBalances(db, 'available/')).filter((b) => b.currency === 'USD' && b.balance > 0n)
    : [];
  const pick1 = pick(held, a.earmark + a.donor);
  if (pick1) {
    const [, earmarkId, donorId] = pick1.account.split('/') as [string, string, string];
    return { earmarkId, donorId };
  }
  return { earmarkId: pick(m.earmarks, a.earmark) as string, donorId: ALL_DONORS[a.donor % 3] as string };
}

/** The amount of a use: given, or all that the source account holds. */
async function usd(db: Db, minor: Amount, source: string): Promise<string> {
  if (typeof minor === 'bigint') return formatAmount(minor, 2);
  const held = await balanceOf(db, source);
  return formatAmount(minor === 'all' ? held : (held * BigInt(minor)) / 100n, 2);
}

/** Runs one step, noting what it created; a refusal of the domain is counted, anything else thrown. */
export async function step(run: ModelRun, m: RunModel, a: Action): Promise<void> {
  const { ctx } = run;
  const earmark = (i: number) => pick(m.earmarks, i) as string;
  const posted = async (fn: (db: Db) => Promise<number>) => {
    m.transactions.push(await inWrite(ctx, fn));
  };
  try {
    switch (a.t) {
      case 'pledge': {
        const [currency, units] = CURRENCIES[a.currency] as [string, number];
        const parts = split(
          a.minor,
          Array.from({ length: a.years }, () => 1n),
        );
        const id = await inWrite(ctx, (db) =>
          recordPledge(ctx, db, {
            donorId: DONORS[a.donor] as string,
            pledgedOn: dayOf(a.day),
            currency,
            amount: formatAmount(a.minor, units),
            earmarkId: earmark(a.earmark),
            sourceOfFunds: 'voluntary',
            periodFrom: '2026-01-01',
            periodTo: '2028-12-31',
            instalments: parts.map((p, n) => ({
              dueOn: `${2026 + n}-03-31`,
              amount: formatAmount(p, units),
            })),
          }),
        );
        m.pledges.push({ id, donor: DONORS[a.donor] as string, currency, units });
        break;
      }
      case 'pay': {
        const pledge = a.pledge === null ? undefined : pick(m.pledges, a.pledge);
        const [currency, units] = pledge
          ? [pledge.currency, pledge.units]
          : (CURRENCIES[a.currency] as [string, number]);
        await posted(async (db) =>
          recordPayment(ctx, db, {
            donorId: pledge?.donor ?? (DONORS[a.donor] as string),
            pledgeId: pledge?.id ?? null,
            receivedOn: dayOf(a.day),
            currency,
            // "All" of a pledge: what is outstanding (without a pledge: a round thousand).
            amount:
              a.minor !== 'all'
                ? formatAmount(a.minor, units)
                : pledge
                  ? ((await pledgeViews(ctx, db, { ids: [pledge.id] }))[0]?.outstanding.amount ?? '0')
                  : formatAmount(10n ** BigInt(units + 3), units),
            earmarkId: pledge ? null : earmark(a.earmark),
          }),
        );
        break;
      }
      case 'earmark': {
        const id = `N${m.earmarks.length}`;
        await inWrite(ctx, (db) =>
          defineEarmark(ctx, db, {
            id,
            name: `New ${id}`,
            purpose: 'special',
            iatiCategory: 2,
            ...NEW_EARMARKS[a.targets],
          }),
        );
        m.earmarks.push(id);
        break;
      }
      case 'allocate': {
        const out = await inWrite(ctx, async (db) => {
          const { donorId, earmarkId } = await line(db, m, a);
          return allocate(ctx, db, {
            donorId,
            earmarkId,
            amount: await usd(db, a.minor, `available/${earmarkId}/${donorId}`),
            bookedOn: dayOf(a.day),
            purpose: { ...PURPOSES[a.purpose as number] } as never,
            pscPercent: a.psc,
          });
        });
        m.allocations.push(out.allocationId);
        m.transactions.push(out.transactionId);
        break;
      }
      case 'spend':
      case 'release': {
        const id = pick(m.allocations, a.allocation) ?? 999_999;
        const use = a.t === 'spend' ? spend : release;
        await posted(async (db) => {
          let amount = await usd(db, a.minor, `allocated/${id}`);
          const row = a.t === 'spend' && a.minor === 'all' ? await findAllocation(db, id) : null;
          // "All" of an allocation, for a spend: what leaves room for the support costs on top.
          if (row)
            amount = formatAmount(
              ((await balanceOf(db, `allocated/${id}`)) * 10_000n) / BigInt(10_000 + row.pscRateBp),
              2,
            );
          return use(ctx, db, id, { amount, bookedOn: dayOf(a.day) });
        });
        break;
      }
      case 'refund': {
        await posted(async (db) => {
          const { donorId, earmarkId } = await line(db, m, a);
          const amount = await usd(db, a.minor, `available/${earmarkId}/${donorId}`);
          return refund(ctx, db, { donorId, earmarkId, amount, bookedOn: dayOf(a.day) });
        });
        break;
      }
      case 'transfer': {
        await posted(async (db) => {
          const { donorId, earmarkId: from } = await line(db, m, { ...a, earmark: a.from });
          return transfer(ctx, db, {
            donorId,
            fromEarmarkId: from,
            toEarmarkId: earmark(a.to),
            amount: await usd(db, a.minor, `available/${from}/${donorId}`),
            bookedOn: dayOf(a.day),
            agreementRef: 'LETTER',
          });
        });
        break;
      }
      case 'reverse': {
        const id = pick(m.transactions, a.tx) ?? 999_999;
        await posted((db) => reverse(ctx, db, id, { bookedOn: '2026-06-30', reason: 'model' }));
        break;
      }
      case 'interest':
        await posted((db) =>
          recordInterest(ctx, db, {
            bookedOn: dayOf(a.day),
            amount: formatAmount(a.minor, 2),
            earmarkId: earmark(a.earmark),
            donorId: 'FUND',
          }),
        );
        break;
      case 'pledgeEvent': {
        const p = pick(m.pledges, a.pledge);
        if (!p) return;
        await inWrite(ctx, (db) =>
          recordPledgeEvent(ctx, db, p.id, {
            kind: a.kind,
            happenedOn: '2026-06-30',
            reference: a.kind === 'agreement' ? 'AGR' : null,
            amount: a.kind === 'write_off' && a.minor !== null ? formatAmount(a.minor, p.units) : null,
          }),
        );
        break;
      }
    }
    count(m.done, a.t);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (process.env.FUND_PROPERTY_DEBUG) console.log(`${a.t} refused: ${err.message}`);
    count(m.refused, a.t);
  }
}
