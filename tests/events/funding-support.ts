// What the event funding tests share: a seminar open for registration with approved participants of two
// States (and one still pending), donors with money under earmarks, and the callers who read the funding.
import { assistanceApi, fundLine, type AssistanceApi } from '../assistance/support.ts';
import type { TestApp } from '../helpers/app.ts';
import { noteOf, openSeminar, person, samplePdf } from './delegations-support.ts';

export interface FundedSeminar {
  api: AssistanceApi;
  event: number;
  /** Approved: three of Senegal, one of Ghana; pending: one of Ghana. */
  sen: number[];
  gha: number;
  pending: number;
}

async function register(api: AssistanceApi, event: number, state: string, people: unknown[]) {
  const res = await api.send(
    'admin',
    `/api/events/${event}/delegations`,
    { state, delegates: people, noteVerbale: noteOf(samplePdf(`${state} note`)) },
    201,
  );
  return (res.json() as { delegates: Array<{ id: number }> }).delegates.map((d) => d.id);
}

/** A West African seminar with four approved participants and donors ITA and NOR with money for it. */
export async function fundedSeminar(t: TestApp, title = 'Firearms Protocol seminar'): Promise<FundedSeminar> {
  const setup = await assistanceApi(t, {});
  const earmark = (id: string, region: string) => ({
    id,
    name: `Seminars in ${region} (${id})`,
    purpose: 'special',
    iatiCategory: 3,
    instrumentId: 'FIREARMS',
    region,
  });
  await fundLine(setup, {
    donor: 'ITA',
    name: 'Italy',
    earmark: earmark('SEM-AFRICA', 'Africa'),
    amount: '50000.00',
  });
  await fundLine(setup, {
    donor: 'NOR',
    name: 'Norway',
    earmark: earmark('SEM-ASIA', 'Asia'),
    amount: '5000.00',
  });
  await fundLine(setup, {
    donor: 'NOR',
    name: 'Norway',
    earmark: { id: 'GENERAL' },
    amount: '8000.00',
    donorRecorded: true,
  });
  await fundLine(setup, { donor: 'JPN', name: 'Japan', earmark: { id: 'GENERAL' }, amount: '1000.00' });
  // Accounts act for donors already recorded.
  const api = await assistanceApi(t, {
    ita: { role: 'donor', donors: ['ITA'] },
    nor: { role: 'donor', donors: ['NOR'] },
    jpn: { role: 'donor', donors: ['JPN'] },
    senFp: { role: 'focal_point', states: ['SEN'] },
    officer: { role: 'programme_officer' },
  });
  const event = await openSeminar(t, title);
  const sen = await register(api, event, 'SEN', [
    person('Aminata', 'Diallo', 'delegate', 'head'),
    person('Moussa', 'Ndiaye', 'expert'),
    person('Fatou', 'Sarr', 'adviser'),
  ]);
  const [gha = 0, pending = 0] = await register(api, event, 'GHA', [
    person('Kwame', 'Asante', 'delegate', 'head'),
    person('Ama', 'Owusu', 'adviser'),
  ]);
  for (const id of [...sen, gha]) {
    await api.send(
      'admin',
      `/api/events/${event}/delegates/${id}/review`,
      { decision: 'approve', reason: null },
      200,
    );
  }
  return { api, event, sen, gha, pending };
}
