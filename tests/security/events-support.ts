// Events in the security suites: a public event and a non-public one whose only invited State is State A,
// with a text only the Secretariat and State A may see; a valid body for every events write; and the matrix's
// sample request for every events operation.
import { SECRETARIAT_ROLES, type Principal } from '../../src/auth/domain/policy.ts';
import type { EventInput } from '../../src/events/contract.ts';
import { createEvent } from '../../src/events/services/events.ts';
import { inviteStates } from '../../src/events/services/invitations.ts';
import type { TestApp } from '../helpers/app.ts';
import { inWrite } from '../funds/support.ts';
import { STATE_A, type MatrixCase, type ValidBodies } from './support.ts';

/** The title of the non-public event: nobody but the Secretariat and State A may see it. */
export const PRIVATE_EVENT_TITLE = 'Closed consultation with State A 4be1';

export const eventInput = (title: string, isPublic = true): EventInput => ({
  kind: 'pre_ratification_seminar',
  title,
  start: '2026-09-14',
  end: '2026-09-16',
  venue: { city: 'Yerevan', country: STATE_A, online: false },
  hosts: [STATE_A],
  coOrganisers: [],
  targets: [{ kind: 'subregion', value: 'Western Asia' }],
  instruments: ['UNTOC'],
  agenda: [{ title: 'Liability of legal persons', instrumentId: 'UNTOC', articles: ['10'] }],
  languages: ['en'],
  interpretation: false,
  public: isPublic,
  registrationDeadline: '2026-09-01',
  description: 'A seminar of the security tests.',
});

export interface EventRecords {
  public: number;
  private: number;
}

const cache = new WeakMap<TestApp, Promise<EventRecords>>();

/** The two events, created once per application. */
export function eventRecords(t: TestApp): Promise<EventRecords> {
  let records = cache.get(t);
  if (!records) {
    const ctx = t.ctx('test-setup');
    records = inWrite(ctx, async (db) => {
      const pub = await createEvent(ctx, db, eventInput('Public seminar of the security tests'));
      const priv = await createEvent(ctx, db, eventInput(PRIVATE_EVENT_TITLE, false));
      await inviteStates(ctx, db, priv, {
        invite: [{ kind: 'state', value: STATE_A }],
        sentOn: ctx.clock.today(),
        language: 'en',
      });
      return { public: pub, private: priv };
    });
    cache.set(t, records);
  }
  return records;
}

/** Whether the principal may see the non-public event: the Secretariat and State A's focal point. */
export const seesPrivateEvent = (p: Principal | null): boolean =>
  p !== null &&
  (SECRETARIAT_ROLES.includes(p.role) || (p.role === 'focal_point' && p.states.includes(STATE_A)));

async function freshEvent(t: TestApp, title: string): Promise<number> {
  const ctx = t.ctx('test-setup');
  return inWrite(ctx, (db) => createEvent(ctx, db, eventInput(title)));
}

export async function eventValidBodies(t: TestApp): Promise<ValidBodies> {
  const r = await eventRecords(t);
  return {
    'POST /api/events': { url: '/api/events', body: eventInput('A valid event') },
    'PUT /api/events/{id}': {
      url: `/api/events/${r.public}`,
      body: { ...eventInput('A valid correction'), revision: 1, reason: 'a valid reason' },
    },
    'POST /api/events/{id}/status': {
      url: `/api/events/${r.public}/status`,
      body: { status: 'registration_open', reason: null, revision: 1 },
    },
    'PUT /api/note-templates/{language}': {
      url: '/api/note-templates/fr',
      body: { body: '{{reference}}\n\nLe Secrétariat invite {{state}}.' },
    },
    'POST /api/events/{id}/invitations': {
      url: `/api/events/${r.public}/invitations`,
      body: { invite: [{ kind: 'state', value: STATE_A }], sentOn: '2026-06-01', language: 'en' },
    },
  };
}

/** One sample request per events operation; `fresh()` gives a new number for every call. */
export function eventSamples(t: () => TestApp, fresh: () => number): Record<string, () => MatrixCase[]> {
  const get = (url: (r: EventRecords) => string, visibleTo?: MatrixCase['visibleTo']) => (): MatrixCase[] => [
    {
      label: visibleTo ? 'non-public event' : '',
      ok: 200,
      ...(visibleTo ? { visibleTo, secret: PRIVATE_EVENT_TITLE } : {}),
      build: async () => ({ url: url(await eventRecords(t())) }),
    },
  ];
  return {
    'GET /api/events': get(() => '/api/events'),
    'GET /api/events/{id}': () => [
      ...get((r) => `/api/events/${r.public}`)(),
      ...get((r) => `/api/events/${r.private}`, seesPrivateEvent)(),
    ],
    'GET /api/events/{id}/revisions': get((r) => `/api/events/${r.public}/revisions`),
    'GET /api/events.ics': get(() => '/api/events.ics'),
    'GET /api/events/follow-up': get(() => '/api/events/follow-up?kind=regional_seminar'),
    'GET /api/events/{id}/follow-up': () => [
      ...get((r) => `/api/events/${r.public}/follow-up`)(),
      ...get((r) => `/api/events/${r.private}/follow-up`, seesPrivateEvent)(),
    ],
    'GET /api/events/{id}/event.ics': () => [
      ...get((r) => `/api/events/${r.public}/event.ics`)(),
      ...get((r) => `/api/events/${r.private}/event.ics`, seesPrivateEvent)(),
    ],
    'GET /api/events/{id}/invitations/{participantId}/note-verbale.{format}': get(
      (r) => `/api/events/${r.private}/invitations/${STATE_A}/note-verbale.docx`,
      seesPrivateEvent,
    ),
    'GET /api/note-templates/{language}': get(() => '/api/note-templates/en'),
    'PUT /api/note-templates/{language}': () => [
      {
        label: '',
        ok: 200,
        build: async () => ({
          url: '/api/note-templates/en',
          payload: { body: `{{reference}}\n\nThe Secretariat invites {{state}} (${fresh()}).` },
        }),
      },
    ],
    'GET /api/events/{id}/invitations': get((r) => `/api/events/${r.private}/invitations`, seesPrivateEvent),
    'POST /api/events': () => [
      {
        label: '',
        ok: 201,
        build: async () => ({ url: '/api/events', payload: eventInput(`Matrix event ${fresh()}`) }),
      },
    ],
    'PUT /api/events/{id}': () => [
      {
        label: '',
        ok: 200,
        build: async () => ({
          url: `/api/events/${await freshEvent(t(), `To correct ${fresh()}`)}`,
          payload: { ...eventInput(`Corrected ${fresh()}`), revision: 1, reason: 'matrix correction' },
        }),
      },
    ],
    'POST /api/events/{id}/status': () => [
      {
        label: '',
        ok: 200,
        build: async () => ({
          url: `/api/events/${await freshEvent(t(), `To cancel ${fresh()}`)}/status`,
          payload: { status: 'cancelled', reason: 'matrix cancellation', revision: 1 },
        }),
      },
    ],
    'POST /api/events/{id}/invitations': () => [
      {
        label: '',
        ok: 201,
        build: async () => ({
          url: `/api/events/${await freshEvent(t(), `To invite ${fresh()}`)}/invitations`,
          payload: { invite: [{ kind: 'state', value: STATE_A }], sentOn: '2026-06-01', language: 'en' },
        }),
      },
    ],
  };
}
