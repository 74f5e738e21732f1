// Technical assistance through the API on both stores, with the real country data: a focal point assesses
// its State's needs and submits a request; a programme officer assesses and approves it and makes it a
// project; a fund officer funds it from an earmark; spending posts to the ledger; the outcome is a deposit
// recorded in the treaty registry; the country page's chain shows it all. Another State sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;

async function send(who: string, url: string, payload: unknown) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...as[who], 'idempotency-key': `workflow-${String(++n).padStart(4, '0')}` },
    payload: payload as Record<string, unknown>,
  });
}
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

beforeAll(async () => {
  t = await createTestApp();
  const ctx = t.ctx('test-setup');
  as.admin = t.auth;
  for (const [name, input] of Object.entries({
    programme: { role: 'programme_officer' as const },
    fund: { role: 'fund_officer' as const },
    nigeria: { role: 'focal_point' as const, states: ['NGA'] },
    ghana: { role: 'focal_point' as const, states: ['GHA'] },
  })) {
    const { token } = await issueToken(ctx, { name, ...input });
    as[name] = { authorization: `Bearer ${token}` };
  }
  // Money to fund it: Italy's contribution earmarked for the Trafficking in Persons Protocol in Africa.
  expect(
    (
      await send('admin', '/api/fund/donors', {
        id: 'ITA',
        name: 'Italy',
        kind: 'state',
        participantId: 'ITA',
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (
      await send('admin', '/api/fund/earmarks', {
        id: 'TIP-AFRICA',
        name: 'TIP Protocol, Africa',
        purpose: 'special',
        iatiCategory: 3,
        instrumentId: 'TIP',
        region: 'Africa',
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (
      await send('fund', '/api/fund/payments', {
        donorId: 'ITA',
        receivedOn: '2026-02-01',
        currency: 'USD',
        amount: '200000.00',
        earmarkId: 'TIP-AFRICA',
      })
    ).statusCode,
  ).toBe(201);
});
afterAll(async () => t?.close());

describe('from a need to an outcome', () => {
  let requestId = 0;
  let projectId = 0;

  it('knows every article and who is eligible on a date', async () => {
    const provisions = (await get(null, '/api/assistance/provisions')).json();
    expect(provisions).toHaveLength(107);
    const nga = (await get(null, '/api/assistance/countries/NGA/eligibility?on=2026-03-01')).json();
    expect(nga).toMatchObject({ eligible: true, developmentClass: 'developing' });
    const ita = (await get(null, '/api/assistance/countries/ITA/eligibility?on=2026-03-01')).json();
    expect(ita).toMatchObject({ eligible: false, developmentClass: 'developed' });
  });

  it('a focal point assesses its needs; the assessment stays confidential until published', async () => {
    const res = await send('nigeria', '/api/assistance/countries/NGA/assessment', {
      assessedOn: '2026-03-01',
      entries: [
        {
          provision: 'TIP 5',
          status: 'partly',
          measure: 'Trafficking in Persons Act 2015',
          needs: ['legislative_drafting'],
        },
        { provision: 'TIP 6', status: 'not_in_place', needs: ['institution_building', 'training'] },
        { provision: 'UNTOC 5', status: 'in_place', measure: 'Criminal Code s. 516' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().progress).toMatchObject({ in_place: 1, partly: 1, not_in_place: 1 });
    expect((await get('ghana', '/api/assistance/countries/NGA/assessment')).statusCode).toBe(404);
    expect((await get(null, '/api/assistance/countries/NGA/assessment')).statusCode).toBe(404);
    expect(
      (
        await send('ghana', '/api/assistance/countries/NGA/assessment', {
          assessedOn: '2026-03-01',
          entries: [{ provision: 'TIP 5', status: 'not_in_place' }],
        })
      ).statusCode,
    ).toBe(404);
    const remaining = (
      await get('nigeria', '/api/assistance/countries/NGA/assessment?remaining=true&instrumentId=TIP')
    ).json();
    expect(remaining.provisions.map((p: { provision: string }) => p.provision)).toContain('TIP 6');
  });

  it('a focal point drafts and submits a request; the Secretariat assesses and approves it', async () => {
    const res = await send('nigeria', '/api/assistance/requests', {
      participantId: 'NGA',
      kind: 'implementation',
      title: 'Victim assistance and protection under TIP art. 6',
      description: 'Set up shelters and train officers.',
      provisions: ['TIP 6'],
      assistance: ['institution_building', 'training'],
      estimatedCost: '150000.00',
      requestedOn: '2026-03-02',
    });
    expect(res.statusCode, res.body).toBe(201);
    const request = res.json();
    expect(request).toMatchObject({ status: 'draft', eligible: true, instrumentId: 'TIP' });
    requestId = request.id;
    expect(
      (await send('nigeria', `/api/assistance/requests/${requestId}/steps`, { to: 'submitted' })).statusCode,
    ).toBe(201);
    const selfApproval = await send('nigeria', `/api/assistance/requests/${requestId}/steps`, {
      to: 'assessed',
    });
    expect(selfApproval.statusCode).toBe(422);
    expect(selfApproval.json().detail).toMatch(/programme officer/);
    expect(
      (await send('programme', `/api/assistance/requests/${requestId}/steps`, { to: 'assessed' })).statusCode,
    ).toBe(201);
    const approved = await send('programme', `/api/assistance/requests/${requestId}/steps`, {
      to: 'approved',
      reason: 'fits the regional plan',
    });
    expect(approved.statusCode).toBe(201);
    expect(approved.json().steps.map((s: { toStatus: string }) => s.toStatus)).toEqual([
      'draft',
      'submitted',
      'assessed',
      'approved',
    ]);
    // Taken with an API token, not by an account: the actor says which token, the name is the token's.
    expect(approved.json().steps[3]).toMatchObject({
      byActor: expect.stringMatching(/^token:/),
      byRole: 'programme_officer',
      byName: 'programme',
    });
    expect((await get('ghana', `/api/assistance/requests/${requestId}`)).statusCode).toBe(404);
    expect((await get('ghana', '/api/assistance/requests')).json()).toEqual({ requests: [], next: null });
  });

  it('the approved request becomes a project; a fund officer funds it from the earmark', async () => {
    const res = await send('programme', '/api/assistance/projects', {
      requestId,
      title: 'Protecting victims of trafficking in Nigeria',
      budget: '120000.00',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      implementingPartner: 'UNODC Country Office Nigeria',
      beneficiaries: 'NAPTIP; shelters in Lagos and Benin City',
    });
    expect(res.statusCode, res.body).toBe(201);
    projectId = res.json().id;
    const proposals = (await get('fund', '/api/assistance/matches')).json();
    expect(proposals.find((p: { requestId: number }) => p.requestId === requestId).funding).toEqual([
      { earmarkId: 'TIP-AFRICA', donorId: 'ITA', amount: '120000.00' },
    ]);
    const wrongEarmark = await send('fund', `/api/assistance/projects/${projectId}/funding`, {
      donorId: 'ITA',
      earmarkId: 'GENERAL',
      amount: '1000.00',
      bookedOn: '2026-04-01',
    });
    expect(wrongEarmark.statusCode).toBe(422);
    const funded = await send('fund', `/api/assistance/projects/${projectId}/funding`, {
      donorId: 'ITA',
      earmarkId: 'TIP-AFRICA',
      amount: '100000.00',
      bookedOn: '2026-04-01',
    });
    expect(funded.statusCode, funded.body).toBe(201);
    expect(funded.json()).toMatchObject({ budget: '120000.00', funded: '100000.00', unfunded: '20000.00' });
    expect((await get('nigeria', `/api/assistance/requests/${requestId}`)).json().status).toBe('funded');
  });

  it('spending posts to the ledger; results and the outcome are recorded; the chain shows it all', async () => {
    const project = (await get('programme', `/api/assistance/projects/${projectId}`)).json();
    const allocationId = project.funding[0].allocationId;
    const spent = await send('fund', `/api/assistance/projects/${projectId}/expenditures`, {
      allocationId,
      amount: '50000.00',
      bookedOn: '2026-06-01',
      reference: 'INV-77',
    });
    expect(spent.statusCode, spent.body).toBe(201);
    expect(spent.json()).toMatchObject({ spent: '50000.00', supportCosts: '6500.00' });
    expect(
      (await send('programme', `/api/assistance/requests/${requestId}/steps`, { to: 'in_progress' }))
        .statusCode,
    ).toBe(201);
    const result = await send('programme', `/api/assistance/projects/${projectId}/results`, {
      title: 'Victims referred to shelters',
      indicator: 'victims referred per year',
      unit: 'persons',
      baseline: '120',
      target: '400',
    });
    expect(result.statusCode).toBe(201);
    const resultId = result.json().results[0].id;
    expect(
      (
        await send('programme', `/api/assistance/projects/${projectId}/results/${resultId}/measurements`, {
          period: '2026-Q3',
          actual: '210',
        })
      ).statusCode,
    ).toBe(201);
    const law = await send('programme', `/api/assistance/projects/${projectId}/outcomes`, {
      kind: 'legislation_adopted',
      happenedOn: '2026-09-15',
      resultId,
      citation: 'Trafficking in Persons (Amendment) Act 2026',
    });
    expect(law.statusCode, law.body).toBe(201);
    const chain = (await get('nigeria', '/api/assistance/countries/NGA/chain')).json();
    expect(chain.needs.map((x: { provision: string }) => x.provision)).toEqual(['TIP 5', 'TIP 6']);
    expect(chain.requests[0]).toMatchObject({ id: requestId, status: 'in_progress', projectId });
    expect(chain.projects[0]).toMatchObject({
      funded: '100000.00',
      spent: '50000.00',
      funding: [{ donorId: 'ITA', earmarkId: 'TIP-AFRICA' }],
    });
    expect(chain.projects[0].outcomes[0]).toMatchObject({ kind: 'legislation_adopted' });
    const outsider = (await get('ghana', '/api/assistance/countries/NGA/chain')).json();
    expect(outsider).toMatchObject({ needs: [], requests: [], projects: [] });
    expect((await get('fund', '/api/fund/reconciliation')).json()).toMatchObject({ ok: true });
  });

  it('a class change over time decides eligibility on the request date', async () => {
    const change = await send('admin', '/api/assistance/countries/NGA/development-classes', {
      class: 'developed',
      validFrom: '2030-01-01',
      basis: 'test: a reclassification',
      source: 'test',
    });
    expect(change.statusCode, change.body).toBe(201);
    expect(change.json()).toMatchObject({ eligible: false, developmentClass: 'developed' });
    expect((await get(null, '/api/assistance/countries/NGA/eligibility?on=2029-12-31')).json()).toMatchObject(
      { eligible: true },
    );
    const late = await send('nigeria', '/api/assistance/requests', {
      participantId: 'NGA',
      kind: 'preparatory',
      instrumentId: 'FIREARMS',
      title: 'Preparing to join the Firearms Protocol',
      description: 'Legislative review.',
      provisions: ['FIREARMS 5'],
      assistance: ['legislative_drafting'],
      requestedOn: '2030-02-01',
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ eligible: false, kind: 'preparatory' });
    expect(late.json().eligibility).toMatch(/developed country on 2030-02-01/);
  });
});
