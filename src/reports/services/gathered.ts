// The data a report is drawn from, gathered once for a date and a period and kept while nothing changes, for
// drafts. Gathering reads the whole registry, every ledger entry to the date and every event of the period
// (about a second on the benchmark's data, docs/reports.md "Benchmark"), while a Secretariat officer editing
// the prose previews the same data again and again. The data are kept under the audit trail's head: every
// change to the records appends an audit row in its own transaction (src/audit/audit-log.ts), so the same
// head means the same records. They are kept only when the head did not move while they were gathered and
// the registry in memory was the stored one; a frozen report is always drawn afresh.
import { auditHead } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import type { Store } from '../../db/database.ts';
import { fingerprintOf } from './fingerprint.ts';
import { checkGatherInput, type GatherInput } from './gather-input.ts';
import { gatherProgramme, programmeRecords, type ProgrammeData } from './gather-programme.ts';
import { gatherRegistryAndFund, type RegistryAndFundData } from './resolve-figure.ts';

export interface Gathered {
  registryAndFund: RegistryAndFundData;
  programme: ProgrammeData;
  programmeFingerprint: string;
}

/** How many gatherings a store keeps: a draft and the one before it, or two reports drafted side by side. */
export const GATHERED_KEPT = 2;

const kept = new WeakMap<Store, Map<string, Gathered>>();

async function gatherAll(ctx: ServiceContext, input: GatherInput): Promise<Gathered> {
  const registryAndFund = await gatherRegistryAndFund(ctx, input);
  const programme = await gatherProgramme(ctx.store.db, input);
  return { registryAndFund, programme, programmeFingerprint: fingerprintOf(programmeRecords(programme)) };
}

/** The data for `input`: for a draft, kept from an earlier gathering when no record changed since. */
export async function gathered(
  ctx: ServiceContext,
  input: GatherInput,
  options: { draft: boolean },
): Promise<Gathered> {
  if (!options.draft) return gatherAll(ctx, input);
  await checkGatherInput(ctx, input);
  const db = ctx.store.db;
  const head = await auditHead(db);
  const key = `${input.asAt}|${input.period.from}|${input.period.to}|${head}`;
  const store = kept.get(ctx.store) ?? new Map<string, Gathered>();
  kept.set(ctx.store, store);
  const hit = store.get(key);
  if (hit) {
    // Most recently used last: the oldest is dropped first.
    store.delete(key);
    store.set(key, hit);
    return hit;
  }
  const snapshot = await ctx.registry.snapshot();
  const data = await gatherAll(ctx, input);
  if ((await auditHead(db)) === head && (await ctx.registry.isCurrent(snapshot))) {
    store.set(key, data);
    for (const old of store.keys()) {
      if (store.size <= GATHERED_KEPT) break;
      store.delete(old);
    }
  }
  return data;
}
