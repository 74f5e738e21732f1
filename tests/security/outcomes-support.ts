// What events leave behind, in the security suites: a held public event and a held non-public one (only
// State A invited, its title carrying PRIVATE_EVENT_TITLE, so that any answer showing it to another caller
// is caught), each with a commitment of State A; a notification of State A after them that meets an
// "other" commitment; a valid body for every write; and the matrix's sample request for every operation.
import type { EventViewer } from '../../src/events/services/viewer.ts';
import { changeEventStatus, createEvent, eventView } from '../../src/events/services/events.ts';
import { inviteStates } from '../../src/events/services/invitations.ts';
import { recordCommitment } from '../../src/events/services/commitments.ts';
import type { CommitmentInput } from '../../src/events/outcome-contract.ts';
import type { ServiceContext } from '../../src/context.ts';
import type { Db } from '../../src/db/schema.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import type { TestApp } from '../helpers/app.ts';
import { inWrite } from '../funds/support.ts';
import { eventInput, PRIVATE_EVENT_TITLE, seesPrivateEvent } from './events-support.ts';
import { STATE_A, type MatrixCase, type ValidBodies } from './support.ts';

/** The text of the non-public event's commitment: nobody but the Secretariat and State A may see it. */
const PRIVATE_COMMITMENT = 'State A will accede in confidence 7d3f';

export interface OutcomeRecords {
  public: number;
  private: number;
  privateCommitment: number;
  /** A notification of State A after both events: it meets an "other" commitment of State A. */
  actionId: number;
}

const SECRETARIAT: EventViewer = { kind: 'secretariat' };

export const commitmentInput = (text: string): CommitmentInput => ({
  stateId: STATE_A,
  instrumentId: 'UNTOC',
  what: 'other',
  text,
  due: '2027',
});

/** A seminar of May, before the tests' today (2026-06-30), moved through its life cycle to held. */
async function heldEvent(ctx: ServiceContext, db: Db, title: string, isPublic: boolean): Promise<number> {
  const id = await createEvent(ctx, db, {
    ...eventInput(title, isPublic),
    start: '2026-05-04',
    end: '2026-05-06',
    registrationDeadline: null,
  });
  if (!isPublic) {
    await inviteStates(ctx, db, id, {
      invite: [{ kind: 'state', value: STATE_A }],
      sentOn: '2026-04-01',
      language: 'en',
    });
  }
  for (const status of ['registration_open', 'registration_closed', 'held'] as const) {
    const { revision } = await eventView(db, SECRETARIAT, id);
    await changeEventStatus(ctx, db, id, { status, reason: null, revision });
  }
  return id;
}

const cache = new WeakMap<TestApp, Promise<OutcomeRecords>>();

/** The two held events, a commitment on the non-public one, and the action; created once per application. */
export function outcomeRecords(t: TestApp): Promise<OutcomeRecords> {
  let records = cache.get(t);
  if (!records) {
    const ctx = t.ctx('test-setup');
    records = (async () => {
      const { action } = await recordAction(ctx, {
        instrumentId: 'UNTOC',
        participantId: STATE_A,
        kind: 'notification',
        date: '2026-06-01',
        article: '18(13)',
        source: 'test: tests/security/outcomes-support.ts',
      });
      if (!action) throw new Error('setup: the notification was not recorded');
      return inWrite(ctx, async (db) => {
        const pub = await heldEvent(ctx, db, 'Held seminar of the security tests', true);
        const priv = await heldEvent(ctx, db, `${PRIVATE_EVENT_TITLE} (held)`, false);
        const privateCommitment = await recordCommitment(ctx, db, priv, commitmentInput(PRIVATE_COMMITMENT));
        return { public: pub, private: priv, privateCommitment, actionId: action.id };
      });
    })();
    cache.set(t, records);
  }
  return records;
}

async function freshCommitment(t: TestApp, text: string): Promise<number> {
  const r = await outcomeRecords(t);
  const ctx = t.ctx('test-setup');
  return inWrite(ctx, (db) => recordCommitment(ctx, db, r.public, commitmentInput(text)));
}

const documentInput = (title: string) => ({
  language: 'fr',
  kind: 'report',
  title,
  symbol: null,
  url: 'https://www.unodc.org/documents/treaties/report-fr.pdf',
});
const outcomeInput = (title: string) => ({
  kind: 'conclusions',
  title,
  text: 'The participants concluded.',
  adoptedOn: '2026-05-06',
});

export async function outcomeValidBodies(t: TestApp): Promise<ValidBodies> {
  const r = await outcomeRecords(t);
  return {
    'POST /api/events/{id}/documents': {
      url: `/api/events/${r.public}/documents`,
      body: documentInput('A valid document'),
    },
    'POST /api/events/{id}/outcomes': {
      url: `/api/events/${r.public}/outcomes`,
      body: outcomeInput('Valid conclusions'),
    },
    'POST /api/events/{id}/commitments': {
      url: `/api/events/${r.public}/commitments`,
      body: { ...commitmentInput('A valid commitment') },
    },
    'POST /api/commitments/{id}/met': {
      url: `/api/commitments/${await freshCommitment(t, 'To be met')}/met`,
      body: { actionId: r.actionId },
    },
    'POST /api/commitments/{id}/withdrawal': {
      url: `/api/commitments/${await freshCommitment(t, 'To be withdrawn')}/withdrawal`,
      body: { reason: 'a valid reason' },
    },
  };
}

/** One sample request per operation of what events leave behind; `fresh()` gives a new number per call. */
export function outcomeSamples(t: () => TestApp, fresh: () => number): Record<string, () => MatrixCase[]> {
  const read =
    (url: (r: OutcomeRecords) => string, private_ = false) =>
    (): MatrixCase[] => [
      {
        label: private_ ? 'non-public event' : '',
        ok: 200,
        ...(private_ ? { visibleTo: seesPrivateEvent, secret: PRIVATE_COMMITMENT } : {}),
        build: async () => ({ url: url(await outcomeRecords(t())) }),
      },
    ];
  const both = (url: (r: OutcomeRecords, id: number) => string) => () => [
    ...read((r) => url(r, r.public))(),
    ...read((r) => url(r, r.private), true)(),
  ];
  const write = (ok: number, build: MatrixCase['build']) => (): MatrixCase[] => [{ label: '', ok, build }];
  return {
    'GET /api/events/{id}/documents': both((_, id) => `/api/events/${id}/documents`),
    'GET /api/events/{id}/outcomes': both((_, id) => `/api/events/${id}/outcomes`),
    'GET /api/events/{id}/commitments': both((_, id) => `/api/events/${id}/commitments`),
    'GET /api/events/{id}/commitments/suggestions': read(
      (r) => `/api/events/${r.public}/commitments/suggestions`,
    ),
    'GET /api/commitments': read(() => '/api/commitments'),
    'GET /api/commitments/{id}': read((r) => `/api/commitments/${r.privateCommitment}`, true),
    'POST /api/events/{id}/documents': write(201, async () => ({
      url: `/api/events/${(await outcomeRecords(t())).public}/documents`,
      payload: documentInput(`Matrix document ${fresh()}`),
    })),
    'POST /api/events/{id}/outcomes': write(201, async () => ({
      url: `/api/events/${(await outcomeRecords(t())).public}/outcomes`,
      payload: outcomeInput(`Matrix conclusions ${fresh()}`),
    })),
    'POST /api/events/{id}/commitments': write(201, async () => ({
      url: `/api/events/${(await outcomeRecords(t())).public}/commitments`,
      payload: { ...commitmentInput(`Matrix commitment ${fresh()}`) },
    })),
    'POST /api/commitments/{id}/met': write(200, async () => ({
      url: `/api/commitments/${await freshCommitment(t(), `To meet ${fresh()}`)}/met`,
      payload: { actionId: (await outcomeRecords(t())).actionId },
    })),
    'POST /api/commitments/{id}/withdrawal': write(200, async () => ({
      url: `/api/commitments/${await freshCommitment(t(), `To withdraw ${fresh()}`)}/withdrawal`,
      payload: { reason: `matrix withdrawal ${fresh()}` },
    })),
  };
}
