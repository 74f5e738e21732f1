// Matching open requests with free earmarked money: by property on the pure rule (fast-check), then on a real
// store (both). Whatever the requests, funding lines and offers: no proposal uses money whose earmark refuses
// the request's purpose; no funding line gives more than it holds, across all proposals; each request's
// shortfall plus what it is proposed equals its need; requests are served in priority order, and a request
// left short means every line it could use is empty. A matcher that ignores earmarks is caught (the property
// can fail).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  proposeMatches,
  type FundingLine,
  type MatchRequest,
  type Offer,
  type Proposal,
} from '../../src/assistance/domain/matching.ts';
import { listRequests } from '../../src/assistance/repository.ts';
import { proposals } from '../../src/assistance/services/offers.ts';
import { requestPurpose } from '../../src/assistance/services/requests.ts';
import { earmarkRefusal, type Earmark, type Purpose } from '../../src/funds/domain/earmarks.ts';
import { cachedBalances, listEarmarks } from '../../src/funds/repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { tipAfrica } from '../funds/support.ts';
import { approvedRequest, assistanceApi, fundLine, projectOf, type AssistanceApi } from './support.ts';

// ---- generators ------------------------------------------------------------------------------------------

const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', null] as const;
const REGIONS = ['Africa', 'Asia', null] as const;
const COUNTRIES = ['NGA', 'GHA', 'AFG', null] as const;
const THEMES = ['criminalization', 'victims', null] as const;

const purposeArb: fc.Arbitrary<Purpose> = fc.record({
  kind: fc.constant('project' as const),
  ref: fc.constantFrom('PRJ-1', 'PRJ-2', 'REQ-3'),
  instrumentId: fc.constantFrom(...INSTRUMENTS),
  region: fc.constantFrom(...REGIONS),
  countryId: fc.constantFrom(...COUNTRIES),
  theme: fc.constantFrom(...THEMES),
});

/** Unearmarked money (IATI category 1): it may pay for anything. */
const generalEarmark = (id: string): Earmark => ({
  id,
  name: id,
  purpose: 'general',
  iatiCategory: 1,
  instrumentId: null,
  region: null,
  countryId: null,
  theme: null,
  projectRef: null,
});

const earmarkArb = (id: string): fc.Arbitrary<Earmark> =>
  fc
    .record({
      general: fc.boolean(),
      iatiCategory: fc.constantFrom(2, 3, 4) as fc.Arbitrary<2 | 3 | 4>,
      instrumentId: fc.constantFrom(...INSTRUMENTS),
      region: fc.constantFrom(...REGIONS),
      countryId: fc.constantFrom(...COUNTRIES),
      theme: fc.constantFrom(...THEMES),
      projectRef: fc.constantFrom('PRJ-1', null, null, null),
    })
    .map(({ general, ...e }) =>
      general ? generalEarmark(id) : { id, name: id, purpose: 'special' as const, ...e },
    );

const cents = fc.bigInt({ min: 1n, max: 5_000_000n });

const requestsArb: fc.Arbitrary<MatchRequest[]> = fc
  .array(
    fc.record({
      purpose: purposeArb,
      need: cents,
      priority: fc.subarray(['ldc', 'lldc', 'sids']),
      requestedOn: fc.constantFrom('2026-01-10', '2026-02-01', '2026-02-01', '2026-03-15'),
    }),
    { maxLength: 12 },
  )
  .map((rs) => rs.map((r, i) => ({ ...r, id: i + 1 })));

/** Funding lines: each (earmark, donor) pair once, as the ledger keeps them. */
const linesArb: fc.Arbitrary<FundingLine[]> = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('DX', 'DY', 'FUND')), {
    selector: ([e, d]) => `${e}/${d}`,
    maxLength: 12,
  })
  .chain((pairs) => {
    const ids = [...new Set(pairs.map(([e]) => `E${e}`))];
    return fc
      .tuple(
        fc.tuple(...ids.map((id) => earmarkArb(id))),
        fc.array(fc.bigInt({ min: 0n, max: 8_000_000n }), {
          minLength: pairs.length,
          maxLength: pairs.length,
        }),
      )
      .map(([earmarks, amounts]) =>
        pairs.map(([e, donorId], i) => ({
          earmark: earmarks[ids.indexOf(`E${e}`)] as Earmark,
          donorId,
          available: amounts[i] as bigint,
        })),
      );
  });

const offersArb: fc.Arbitrary<Offer[]> = fc
  .array(
    fc.record({
      theme: fc.constantFrom(...THEMES),
      region: fc.constantFrom(...REGIONS),
      instrumentId: fc.constantFrom(...INSTRUMENTS),
    }),
    { maxLength: 4 },
  )
  .map((os) => os.map((o, i) => ({ ...o, id: 100 + i })));

// ---- the guarantees ------------------------------------------------------------------------------------

type Matcher = typeof proposeMatches;

/** What is wrong with `out` for these inputs; empty when every guarantee holds. */
function violations(
  requests: readonly MatchRequest[],
  lines: readonly FundingLine[],
  offers: readonly Offer[],
  out: readonly Proposal[],
): string[] {
  const problems: string[] = [];
  const lineOf = (earmarkId: string, donorId: string) =>
    lines.find((l) => l.earmark.id === earmarkId && l.donorId === donorId);
  const taken = new Map<FundingLine, bigint>();
  if (out.length !== requests.length)
    problems.push(`${out.length} proposals for ${requests.length} requests`);
  for (const p of out) {
    const request = requests.find((r) => r.id === p.requestId);
    if (!request) {
      problems.push(`a proposal for unknown request ${p.requestId}`);
      continue;
    }
    let funded = 0n;
    for (const f of p.funding) {
      const line = lineOf(f.earmarkId, f.donorId);
      if (!line) problems.push(`request ${p.requestId}: funding from a line that does not exist`);
      else {
        const refusal = earmarkRefusal(line.earmark, request.purpose);
        if (refusal) problems.push(`request ${p.requestId}: ${refusal}`);
        taken.set(line, (taken.get(line) ?? 0n) + f.amount);
      }
      if (f.amount <= 0n) problems.push(`request ${p.requestId}: a part of ${f.amount}`);
      funded += f.amount;
    }
    if (p.shortfall < 0n) problems.push(`request ${p.requestId}: negative shortfall`);
    if (p.shortfall + funded !== request.need)
      problems.push(
        `request ${p.requestId}: shortfall ${p.shortfall} + funded ${funded} ≠ need ${request.need}`,
      );
    const fitting = offers
      .filter(
        (o) =>
          (o.theme === null || o.theme === request.purpose.theme) &&
          (o.region === null || o.region === request.purpose.region) &&
          (o.instrumentId === null || o.instrumentId === request.purpose.instrumentId),
      )
      .map((o) => o.id);
    if (JSON.stringify(p.offerIds) !== JSON.stringify(fitting))
      problems.push(`request ${p.requestId}: offers ${p.offerIds} instead of ${fitting}`);
  }
  for (const [line, sum] of taken)
    if (sum > line.available)
      problems.push(`line ${line.earmark.id}/${line.donorId} gives ${sum}, holds ${line.available}`);
  // Priority order: more priority groups first, then the oldest request, then the lowest id.
  const key = (r: MatchRequest) => [-r.priority.length, r.requestedOn, r.id] as const;
  const order = out.map((p) => requests.find((r) => r.id === p.requestId) as MatchRequest);
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [key(order[i - 1] as MatchRequest), key(order[i] as MatchRequest)];
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2]))))
      problems.push(`request ${order[i]?.id} is served before ${order[i - 1]?.id}`);
  }
  // Served in that order: a request left short has emptied every line that could pay for it, so no later
  // (lower-priority) request took money it could have used.
  for (const p of out) {
    if (p.shortfall === 0n) continue;
    const request = requests.find((r) => r.id === p.requestId) as MatchRequest;
    for (const line of lines)
      if (
        earmarkRefusal(line.earmark, request.purpose) === null &&
        (taken.get(line) ?? 0n) !== line.available
      )
        problems.push(
          `request ${p.requestId} is short while line ${line.earmark.id}/${line.donorId} has money`,
        );
  }
  return problems;
}

const inputs = fc.tuple(requestsArb, linesArb, offersArb);

function holds(matcher: Matcher, runs: number): fc.RunDetails<[[MatchRequest[], FundingLine[], Offer[]]]> {
  return fc.check(
    fc.property(inputs, ([requests, lines, offers]) => {
      const before = JSON.stringify([requests, lines], (_k, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      const out = matcher(requests, lines, offers);
      const after = JSON.stringify([requests, lines], (_k, v: unknown) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      return before === after && violations(requests, lines, offers, out).length === 0;
    }),
    { numRuns: runs, seed: 20_261_127 },
  );
}

describe('proposeMatches, by property', () => {
  it('never breaks an earmark, never over-draws a line, accounts for every cent, serves by priority', () => {
    const details = holds(proposeMatches, 2_000);
    if (details.failed) {
      const [requests, lines, offers] = (
        details.counterexample as [[MatchRequest[], FundingLine[], Offer[]]]
      )[0];
      expect(violations(requests, lines, offers, proposeMatches(requests, lines, offers))).toEqual([]);
    }
    expect(details.failed).toBe(false);
  });

  it('the property can fail: a matcher that ignores earmarks is caught, with a small counterexample', () => {
    const ignoringEarmarks: Matcher = (requests, lines, offers) =>
      proposeMatches(
        requests,
        lines.map((l) => ({ ...l, earmark: generalEarmark(l.earmark.id) })),
        offers,
      ).map((p) => ({
        ...p,
        funding: p.funding.map((f) => ({ ...f })),
      }));
    const details = holds(ignoringEarmarks, 2_000);
    expect(details.failed).toBe(true);
    const [requests, lines, offers] = (
      details.counterexample as [[MatchRequest[], FundingLine[], Offer[]]]
    )[0];
    expect(violations(requests, lines, offers, ignoringEarmarks(requests, lines, offers)).join('\n')).toMatch(
      /money earmarked "E\d" is for/,
    );
  });

  it('a matcher that over-draws is caught too', () => {
    const greedy: Matcher = (requests, lines, offers) =>
      proposeMatches(requests, lines, offers).map((p, i) =>
        i === 0 && p.funding[0]
          ? {
              ...p,
              funding: [{ ...p.funding[0], amount: p.funding[0].amount + 1n }],
              shortfall: p.shortfall - 1n,
            }
          : p,
      );
    expect(holds(greedy, 500).failed).toBe(true);
  });

  it('takes the most tightly earmarked money first, keeping general-purpose money free', () => {
    const general = generalEarmark('GENERAL');
    const tip = {
      ...general,
      id: 'TIP',
      name: 'TIP',
      purpose: 'special' as const,
      iatiCategory: 3 as const,
      instrumentId: 'TIP',
    };
    const request: MatchRequest = {
      id: 1,
      purpose: {
        kind: 'project',
        ref: 'PRJ-1',
        instrumentId: 'TIP',
        region: 'Africa',
        countryId: 'NGA',
        theme: null,
      },
      need: 150n,
      priority: [],
      requestedOn: '2026-01-01',
    };
    const [p] = proposeMatches(
      [request],
      [
        { earmark: general, donorId: 'DX', available: 1000n },
        { earmark: tip, donorId: 'DY', available: 100n },
      ],
      [],
    );
    expect(p?.funding).toEqual([
      { earmarkId: 'TIP', donorId: 'DY', amount: 100n },
      { earmarkId: 'GENERAL', donorId: 'DX', amount: 50n },
    ]);
    expect(p?.shortfall).toBe(0n);
  });
});

// ---- on a store --------------------------------------------------------------------------------------------

describe(`proposals from the ledger (${STORE_KIND})`, () => {
  let t: TestApp;
  let api: AssistanceApi;
  const requestIds = { nga: 0, afg: 0, gha: 0, ita: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    api = await assistanceApi(t, { fund: { role: 'fund_officer' } });
    await fundLine(api, {
      donor: 'ITA',
      name: 'Italy',
      earmark: { ...tipAfrica('TIP-AFRICA') },
      amount: '80000.00',
    });
    await fundLine(api, {
      donor: 'NOR',
      name: 'Norway',
      earmark: { id: 'AFG-ONLY', name: 'Afghanistan', purpose: 'special', iatiCategory: 4, countryId: 'AFG' },
      amount: '30000.00',
    });
    await fundLine(api, {
      donor: 'FDN',
      name: 'A foundation',
      kind: 'foundation',
      earmark: { id: 'GENERAL' },
      amount: '20000.00',
    });
    // Nigeria (TIP, Africa), Afghanistan (an LDC: served first), Ghana (UNTOC), Italy (not eligible).
    for (const [key, participantId, provision] of [
      ['nga', 'NGA', 'TIP 6'],
      ['afg', 'AFG', 'TIP 6'],
      ['gha', 'GHA', 'UNTOC 5'],
      ['ita', 'ITA', 'UNTOC 5'],
    ] as const)
      requestIds[key] = await approvedRequest(api, 'admin', {
        participantId,
        provisions: [provision],
        title: `${participantId} ${provision}`,
      });
    // Nigeria's request has a project of 120000.00, 10000.00 of it already funded.
    const project = await projectOf(api, requestIds.nga, { budget: '120000.00' });
    await api.send(
      'fund',
      `/api/assistance/projects/${project.id}/funding`,
      { donorId: 'ITA', earmarkId: 'TIP-AFRICA', amount: '10000.00', bookedOn: '2026-04-01' },
      201,
    );
  }, 120_000);
  afterAll(async () => t?.close());

  it('keeps every earmark, never over-draws a line, and accounts for each need', async () => {
    const db = t.store.db;
    const out = await proposals(db);
    const res = await api.get('fund', '/api/assistance/matches');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(out);
    // Italy (developed) is not eligible: no proposal. The LDC first, then by date and id.
    expect(out.map((p) => p.requestId)).toEqual([requestIds.afg, requestIds.nga, requestIds.gha]);
    const earmarks = new Map((await listEarmarks(db)).map((e) => [e.id, e]));
    const free = new Map((await cachedBalances(db, 'available/')).map((b) => [b.account, b.balance]));
    const taken = new Map<string, bigint>();
    const cents = (s: string) => BigInt(s.replace('.', ''));
    for (const p of out) {
      const [request] = await listRequests(db, { ids: [p.requestId] });
      const purpose = await requestPurpose(
        db,
        request as never,
        p.projectId ? `PRJ-${p.projectId}` : `REQ-${p.requestId}`,
      );
      let funded = 0n;
      for (const f of p.funding) {
        expect(
          earmarkRefusal(earmarks.get(f.earmarkId) as Earmark, purpose),
          `${p.requestId} ${f.earmarkId}`,
        ).toBeNull();
        const account = `available/${f.earmarkId}/${f.donorId}`;
        taken.set(account, (taken.get(account) ?? 0n) + cents(f.amount));
        funded += cents(f.amount);
      }
      const need = p.projectId ? 12_000_000n - 1_000_000n : 10_000_000n;
      expect(funded + cents(p.shortfall), `request ${p.requestId}`).toBe(need);
    }
    for (const [account, sum] of taken) expect(sum, account).toBeLessThanOrEqual(free.get(account) ?? 0n);
    // What each got: Afghanistan its own earmark, then general money; Nigeria Italy's TIP money; Ghana nothing left.
    expect(out[0]?.funding).toEqual([
      { earmarkId: 'AFG-ONLY', donorId: 'NOR', amount: '30000.00' },
      { earmarkId: 'GENERAL', donorId: 'FDN', amount: '20000.00' },
    ]);
    expect(out[1]).toMatchObject({
      funding: [{ earmarkId: 'TIP-AFRICA', donorId: 'ITA', amount: '70000.00' }],
      shortfall: '40000.00',
    });
    expect(out[2]).toMatchObject({ funding: [], shortfall: '100000.00' });
  });

  it('a proposal moves no money', async () => {
    const before = await cachedBalances(t.store.db);
    await proposals(t.store.db);
    expect(await cachedBalances(t.store.db)).toEqual(before);
  });
});
