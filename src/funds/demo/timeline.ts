// The demo's money moving over five and a half years, run in date order through the same services as any
// other write (so every rule, balance check and audit row applies): pledges and agreements, payments,
// quarterly interest, allocations each September, spending with support costs twice a year, and the one-off
// events — a release, a transfer, a refund, a reversal, a write-off.
import type { ServiceContext } from '../../context.ts';
import type { PledgeEventInput } from '../contract.ts';
import { parseAccount, USD } from '../domain/ledger.ts';
import { DEFAULT_PSC_BP } from '../domain/pledges.ts';
import { formatAmount, percentOf } from '../domain/money.ts';
import { cachedBalances, findAllocation, findEarmark, type Db } from '../repository.ts';
import { GENERAL_EARMARK_ID } from '../services/catalog.ts';
import { recordInterest, recordPayment } from '../services/payments.ts';
import { recordPledge, recordPledgeEvent } from '../services/pledges.ts';
import { reverse } from '../services/reverse.ts';
import { allocate, refund, release, spend, transfer } from '../services/uses.ts';
import type { PlannedPledge } from './pledge-plan.ts';
import { DEMO_FUND_DONOR_ID, DEMO_TO, LABEL } from './profiles.ts';
import type { Prng } from './prng.ts';
import { demoPurpose } from './purposes.ts';

interface Step {
  on: string;
  /** Within a day: pledges, then agreements, payments, reversals, interest, moves, allocations, spending. */
  order: number;
  run: () => Promise<void>;
}

interface OpenAllocation {
  id: number;
  original: bigint;
  pscBp: number;
  /** Allocations of the one-off script are spent and released by the script, not by the half-yearly round. */
  scripted: boolean;
}

const usd = (cents: bigint) => formatAmount(cents, 2);
const MIN_LINE = 2_500_000n; // $25,000: smaller free balances wait for the next round

export class DemoTimeline {
  private readonly steps: Step[] = [];
  private readonly allocations: OpenAllocation[] = [];
  private projects = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly db: Db,
    private readonly prng: Prng,
    private readonly donorIds: ReadonlySet<string>,
  ) {}

  private at(on: string, order: number, run: () => Promise<void>): void {
    if (on <= DEMO_TO) this.steps.push({ on, order, run });
  }

  async run(): Promise<void> {
    // A stable sort: steps of the same day and kind keep the order they were planned in.
    const steps = [...this.steps].sort((a, b) => (a.on === b.on ? a.order - b.order : a.on < b.on ? -1 : 1));
    for (const step of steps) await step.run();
  }

  /** Free balances of the demo's funding lines (earmark, donor), in account order (by code point, as the
   * stores' collations may differ). */
  private async lines(
    earmarkId?: string,
  ): Promise<Array<{ earmarkId: string; donorId: string; cents: bigint }>> {
    const rows = await cachedBalances(this.db, earmarkId ? `available/${earmarkId}/` : 'available/');
    return rows
      .filter((r) => r.currency === USD && r.balance > 0n)
      .flatMap((r) => {
        const parsed = parseAccount(r.account);
        if (parsed?.kind !== 'available') return [];
        return [{ earmarkId: parsed.earmarkId, donorId: parsed.donorId, cents: r.balance }];
      })
      .filter((l) => this.donorIds.has(l.donorId) && (!earmarkId || l.earmarkId === earmarkId))
      .sort((a, b) => {
        const x = `${a.earmarkId}/${a.donorId}`;
        const y = `${b.earmarkId}/${b.donorId}`;
        return x < y ? -1 : x > y ? 1 : 0;
      });
  }

  /** What each allocation still holds, by account. */
  private async allocatedBalances(): Promise<Map<string, bigint>> {
    const rows = await cachedBalances(this.db, 'allocated/');
    return new Map(rows.filter((r) => r.currency === USD).map((r) => [r.account, r.balance]));
  }

  pledges(planned: readonly PlannedPledge[]): void {
    for (const p of planned) {
      let id = 0;
      const amount = (m: bigint) => formatAmount(m, p.minorUnits);
      this.at(p.pledgedOn, 0, async () => {
        id = await recordPledge(this.ctx, this.db, {
          donorId: p.donorId,
          pledgedOn: p.pledgedOn,
          currency: p.currency,
          amount: amount(p.amount),
          earmarkId: p.earmarkId,
          sourceOfFunds: p.sourceOfFunds,
          periodFrom: p.periodFrom,
          periodTo: p.periodTo,
          instalments: p.instalments.map((i) => ({ dueOn: i.dueOn, amount: amount(i.amount) })),
          conditions: p.conditions,
          documentRef: p.documentRef,
        });
      });
      const agreement = p.agreement;
      if (agreement) {
        const { on, reference, pscPercent } = agreement;
        this.pledgeEvent(on, 1, () => id, { kind: 'agreement', happenedOn: on, reference, pscPercent });
      }
      for (const pay of p.payments) this.payment(p, pay, () => id);
      const writeOff = p.writeOff;
      if (writeOff) {
        const { on, note } = writeOff;
        this.pledgeEvent(on, 9, () => id, { kind: 'write_off', happenedOn: on, note });
      }
    }
  }

  private pledgeEvent(on: string, order: number, pledgeId: () => number, input: PledgeEventInput): void {
    this.at(on, order, async () => {
      await recordPledgeEvent(this.ctx, this.db, pledgeId(), input);
    });
  }

  private payment(p: PlannedPledge, pay: PlannedPledge['payments'][number], pledgeId: () => number): void {
    let duplicateId = 0;
    const input = () => ({
      donorId: p.donorId,
      pledgeId: pledgeId(),
      receivedOn: pay.on,
      currency: p.currency,
      amount: formatAmount(pay.amount, p.minorUnits),
      reference: `DEMO-RCPT-${pay.on}-${p.donorId.slice(5)} ${LABEL}`,
    });
    this.at(pay.on, 2, async () => {
      await recordPayment(this.ctx, this.db, input());
      if (pay.duplicate) duplicateId = await recordPayment(this.ctx, this.db, input());
    });
    const duplicate = pay.duplicate;
    if (duplicate) {
      this.at(duplicate.reverseOn, 3, async () => {
        await reverse(this.ctx, this.db, duplicateId, {
          bookedOn: duplicate.reverseOn,
          reason: duplicate.reason,
        });
      });
    }
  }

  interest(years: readonly number[]): void {
    for (const year of years) {
      for (const [q, end] of ['03-31', '06-30', '09-30', '12-31'].entries()) {
        const on = `${year}-${end}`;
        this.at(on, 4, async () => {
          await recordInterest(this.ctx, this.db, {
            bookedOn: on,
            amount: usd(this.prng.big(200_000n, 1_500_000n)),
            earmarkId: GENERAL_EARMARK_ID,
            donorId: DEMO_FUND_DONOR_ID,
            reference: `DEMO-INTEREST-${year}-Q${q + 1} ${LABEL}`,
          });
        });
      }
    }
  }

  private async allocateLine(
    on: string,
    line: { earmarkId: string; donorId: string },
    cents: bigint,
    scripted: boolean,
  ): Promise<OpenAllocation> {
    const earmark = await findEarmark(this.db, line.earmarkId);
    if (!earmark) throw new Error(`the demo lost earmark ${line.earmarkId}`);
    const { purpose, description } = demoPurpose(this.prng, earmark, on.slice(0, 4), ++this.projects);
    const { allocationId } = await allocate(this.ctx, this.db, {
      donorId: line.donorId,
      earmarkId: line.earmarkId,
      amount: usd(cents),
      bookedOn: on,
      purpose,
      description,
    });
    const row = await findAllocation(this.db, allocationId);
    const open = { id: allocationId, original: cents, pscBp: row?.pscRateBp ?? DEFAULT_PSC_BP, scripted };
    this.allocations.push(open);
    return open;
  }

  /** Each September (and in March of the last year) every line with $25,000 or more free commits most of it. */
  allocationRounds(years: readonly number[]): void {
    for (const year of years) {
      for (const on of [`${year}-09-10`, ...(year === years.at(-1) ? [`${year}-03-10`] : [])]) {
        this.at(on, 7, async () => {
          for (const line of await this.lines()) {
            if (line.cents < MIN_LINE) continue;
            const cents = ((line.cents * BigInt(this.prng.int(60, 90))) / 10_000n) * 100n;
            await this.allocateLine(on, line, cents, false);
          }
        });
      }
    }
  }

  /** The most that can be spent from `balance` when support costs at `bp` come out of it too. */
  private static spendable(balance: bigint, bp: number): bigint {
    let s = (balance * 10_000n) / BigInt(10_000 + bp);
    while (s > 0n && s + percentOf(s, bp) > balance) s -= 1n;
    return s;
  }

  /** Every half-year each allocation spends a third to over half of what it was given, until little is left. */
  spendingRounds(years: readonly number[]): void {
    for (const year of years) {
      for (const on of [`${year}-06-15`, `${year}-12-15`]) {
        this.at(on, 8, async () => {
          const balances = await this.allocatedBalances();
          for (const a of this.allocations) {
            if (a.scripted) continue;
            const balance = balances.get(`allocated/${a.id}`) ?? 0n;
            const most = DemoTimeline.spendable(balance, a.pscBp);
            if (most === 0n) continue;
            let cents = (a.original * BigInt(this.prng.int(30, 55))) / 100n + this.prng.big(0n, 99n);
            if (cents > most || balance - cents - percentOf(cents, a.pscBp) < a.original / 20n) cents = most;
            await spend(this.ctx, this.db, a.id, {
              amount: usd(cents),
              bookedOn: on,
              reference: `DEMO-EXP-${a.id}-${on} ${LABEL}`,
            });
          }
        });
      }
    }
  }

  /** The one-off events every demo shows. */
  script(): void {
    this.meeting();
    this.transferAndRefund();
  }

  /** An expert group meeting, allocated, partly spent, then held online: the rest is released. */
  private meeting(): void {
    let meeting: OpenAllocation | null = null;
    this.at('2023-05-10', 7, async () => {
      const [line] = (await this.lines(GENERAL_EARMARK_ID)).sort((a, b) =>
        a.cents > b.cents ? -1 : a.cents < b.cents ? 1 : 0,
      );
      if (line)
        meeting = await this.allocateLine('2023-05-10', line, ((line.cents * 30n) / 10_000n) * 100n, true);
    });
    this.at('2023-06-20', 8, async () => {
      if (!meeting) return;
      await spend(this.ctx, this.db, meeting.id, {
        amount: usd((meeting.original * 40n) / 100n),
        bookedOn: '2023-06-20',
        reference: `DEMO-EXP-MEETING-2023 ${LABEL}`,
      });
    });
    this.at('2023-07-05', 8, async () => {
      if (!meeting) return;
      const left = (await this.allocatedBalances()).get(`allocated/${meeting.id}`) ?? 0n;
      if (left === 0n) return;
      await release(this.ctx, this.db, meeting.id, {
        amount: usd(left),
        bookedOn: '2023-07-05',
        memo: `The meeting was held online: the travel budget goes back to its funding line ${LABEL}`,
      });
    });
  }

  /** Norway moves money between its earmarks with its written agreement; a foundation gets its rest back. */
  private transferAndRefund(): void {
    this.at('2024-09-16', 5, async () => {
      const [line] = await this.lines('DEMO-SOM').then((l) => l.filter((x) => x.donorId === 'DEMO-NOR'));
      const cents = line ? (line.cents / 200n) * 100n : 0n;
      if (cents === 0n) return;
      await transfer(this.ctx, this.db, {
        donorId: 'DEMO-NOR',
        fromEarmarkId: 'DEMO-SOM',
        toEarmarkId: 'DEMO-TIP',
        amount: usd(cents),
        bookedOn: '2024-09-16',
        agreementRef: `DEMO-NOR letter of 2 September 2024 agreeing to the transfer ${LABEL}`,
        memo: `Half of Norway's free Smuggling of Migrants money moves to Trafficking in Persons ${LABEL}`,
      });
    });
    this.at('2025-10-15', 5, async () => {
      const [line] = (await this.lines('DEMO-PRJ-KEN')).filter((x) => x.donorId === 'DEMO-FDN-JUSTICE');
      if (!line) return;
      await refund(this.ctx, this.db, {
        donorId: 'DEMO-FDN-JUSTICE',
        earmarkId: 'DEMO-PRJ-KEN',
        amount: usd(line.cents),
        bookedOn: '2025-10-15',
        reference: `DEMO-REFUND-FDN-JUSTICE-2025 ${LABEL}`,
        memo: `The project closed; what it did not need goes back to the foundation ${LABEL}`,
      });
    });
  }
}
