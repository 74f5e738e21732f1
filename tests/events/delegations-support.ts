// What the delegation tests share: a small valid PDF (built here, so its bytes are known), and the setup of a
// seminar open for registration.
import type { DelegateCategory } from '../../src/events/domain/delegations.ts';
import type { TestApp } from '../helpers/app.ts';

/** A minimal well-formed PDF: header, one object, cross-reference, trailer, %%EOF. */
export function samplePdf(note = 'Note verbale'): Buffer {
  const body = `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Note (${note}) >>\nendobj\n`;
  const xref = `xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n`;
  return Buffer.from(`${body}${xref}startxref\n${body.length}\n%%EOF\n`, 'latin1');
}

export const noteOf = (bytes: Buffer, filename = 'note-verbale.pdf') => ({
  filename,
  contentBase64: bytes.toString('base64'),
});

export const person = (
  givenName: string,
  familyName: string,
  category: DelegateCategory = 'delegate',
  position: 'head' | 'member' = 'member',
) => ({
  position,
  category,
  title: 'Mr.',
  givenName,
  familyName,
  function: 'Director, Ministry of Justice',
  email: null,
});

export const seminarInput = (title: string, start = '2026-09-14', end = '2026-09-16') => ({
  kind: 'pre_ratification_seminar',
  title,
  start,
  end,
  venue: { city: 'Dakar', country: 'SEN', online: false },
  hosts: ['SEN'],
  coOrganisers: [],
  targets: [{ kind: 'intermediate_region', value: 'Western Africa' }],
  instruments: ['FIREARMS'],
  agenda: [],
  languages: ['en', 'fr'],
  interpretation: true,
  public: true,
  registrationDeadline: null,
  description: 'For the authorities that will apply the Protocol.',
});

let n = 0;
export const key = () => `deleg-${process.pid}-${++n}`;

/** A public seminar, created and opened for registration by the administrator; returns its id. */
export async function openSeminar(
  t: TestApp,
  title: string,
  capacity?: Record<string, unknown>,
  dates: [string, string] = ['2026-09-14', '2026-09-16'],
): Promise<number> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/events',
    headers: t.auth,
    payload: seminarInput(title, ...dates),
  });
  if (created.statusCode !== 201) throw new Error(`setup: ${created.body}`);
  const id = (created.json() as { id: number }).id;
  const opened = await t.app.inject({
    method: 'POST',
    url: `/api/events/${id}/status`,
    headers: t.auth,
    payload: { status: 'registration_open', reason: null, revision: 1 },
  });
  if (opened.statusCode !== 200) throw new Error(`setup: ${opened.body}`);
  if (capacity) {
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/events/${id}/capacity`,
      headers: t.auth,
      payload: capacity,
    });
    if (set.statusCode !== 200) throw new Error(`setup: ${set.body}`);
  }
  return id;
}

export const NO_LIMIT = { delegate: null, adviser: null, expert: null, observer: null, press: null };

/** Rows of a delegations table. */
export async function countRows(
  t: TestApp,
  table: 'event_delegations' | 'event_delegates' | 'event_delegation_log' | 'audit_log',
): Promise<number> {
  const row = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
