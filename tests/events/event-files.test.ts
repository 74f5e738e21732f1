// The files of events through the API, on both stores: the public iCalendar feed and one event's `.ics`
// (read back by ical.js), the note verbale of an invitation as PDF and DOCX from the Secretariat's template
// (read back), the template's versions and refusals, and who may fetch what.
import ICAL from 'ical.js';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { EventView } from '../../src/events/contract.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { readPdf } from './documents-pdf-text.ts';

let t: TestApp;
const as: Record<string, { authorization: string }> = {};
let n = 0;
const send = (who: string, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...as[who], 'idempotency-key': `event-files-${process.pid}-${++n}` },
    payload: payload as Record<string, unknown>,
  });
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? as[who] : {} });

const seminar = (title: string, isPublic: boolean, registrationDeadline: string | null) => ({
  kind: 'pre_ratification_seminar',
  title,
  start: '2026-09-14',
  end: '2026-09-16',
  venue: { city: 'Dakar', country: 'SEN', online: false },
  hosts: ['SEN'],
  coOrganisers: [],
  targets: [],
  instruments: ['FIREARMS', 'UNTOC'],
  agenda: [],
  languages: ['fr'],
  interpretation: false,
  public: isPublic,
  registrationDeadline,
  description: 'Marking, record-keeping; and tracing.',
});

let open: EventView;
let closed: EventView;
let undated: EventView;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-07-01' });
  as.admin = t.auth;
  for (const [name, input] of Object.entries({
    senegal: { role: 'focal_point' as const, states: ['SEN'] },
    mali: { role: 'focal_point' as const, states: ['MLI'] },
  })) {
    const { token } = await issueToken(t.ctx('test-setup'), { name, ...input });
    as[name] = { authorization: `Bearer ${token}` };
  }
  open = (
    await send(
      'admin',
      'POST',
      '/api/events',
      seminar('Séminaire, public; « Protocole »', true, '2026-08-31'),
    )
  ).json();
  closed = (
    await send('admin', 'POST', '/api/events', seminar('Closed consultation 91f2', false, '2026-08-31'))
  ).json();
  undated = (await send('admin', 'POST', '/api/events', seminar('No deadline yet', true, null))).json();
  for (const [e, language] of [
    [open, 'fr'],
    [closed, 'en'],
    [undated, 'en'],
  ] as const) {
    const res = await send('admin', 'POST', `/api/events/${e.id}/invitations`, {
      invite: [{ kind: 'state', value: 'SEN' }],
      sentOn: '2026-07-01',
      language,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t.close());

function vevents(text: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
}

describe('calendars', () => {
  it('feeds the public events, the reference ones included, and never a non-public one', async () => {
    const res = await get(null, '/api/events.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = vevents(res.body);
    const summaries = events.map((v) => v.getFirstPropertyValue('summary'));
    expect(summaries).toContain('Séminaire, public; « Protocole »');
    expect(summaries).not.toContain('Closed consultation 91f2');
    expect(events.length).toBe(13); // the 11 reference events and the two public seminars
    const bamako = events.find((v) => String(v.getFirstPropertyValue('summary')).startsWith('Sub-Regional'));
    expect(String(bamako?.getFirstPropertyValue('dtstart'))).toBe('2003-11-25');
    expect(String(bamako?.getFirstPropertyValue('dtend'))).toBe('2003-11-29');
    expect(bamako?.getFirstPropertyValue('location')).toBe('Bamako, Mali');
  });

  it('gives one event as a file, as the caller may see it', async () => {
    const res = await get(null, `/api/events/${open.id}/event.ics`);
    expect(res.statusCode).toBe(200);
    const [v] = vevents(res.body);
    expect(v?.getFirstPropertyValue('description')).toBe('Marking, record-keeping; and tracing.');
    expect(v?.getFirstPropertyValue('url')).toBe(`http://localhost:3000/events/${open.id}`);
    // Invitations went out: the dates are announced to States.
    expect(v?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect((await get(null, `/api/events/${closed.id}/event.ics`)).statusCode).toBe(404);
    expect((await get('senegal', `/api/events/${closed.id}/event.ics`)).statusCode).toBe(200);
  });
});

describe('notes verbales', () => {
  it('writes the invitation as a PDF in its language, for the Secretariat and the State invited', async () => {
    for (const who of ['admin', 'senegal']) {
      const res = await get(who, `/api/events/${open.id}/invitations/SEN/note-verbale.pdf`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = readPdf(res.rawPayload).pageTexts.join(' ');
      expect(text).toContain(`UNODC/EVT/${open.id}/SEN`);
      expect(text).toContain('Senegal');
      expect(text).toContain('Séminaire, public; « Protocole »');
      expect(text).toMatch(/31 août 2026/);
    }
  });

  it('writes the DOCX the same way', async () => {
    const res = await get('admin', `/api/events/${closed.id}/invitations/SEN/note-verbale.docx`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(`UNODC/EVT/${closed.id}/SEN`);
    expect(xml).toContain('Closed consultation 91f2');
  });

  it('hides the note from other States and the public, and from a State not invited', async () => {
    expect((await get('mali', `/api/events/${open.id}/invitations/SEN/note-verbale.pdf`)).statusCode).toBe(
      404,
    );
    expect((await get(null, `/api/events/${open.id}/invitations/SEN/note-verbale.pdf`)).statusCode).toBe(401);
    expect((await get('admin', `/api/events/${open.id}/invitations/MLI/note-verbale.pdf`)).statusCode).toBe(
      404,
    );
    expect((await get('admin', `/api/events/${open.id}/invitations/SEN/note-verbale.odt`)).statusCode).toBe(
      422,
    );
  });

  it('asks for the registration deadline rather than inventing one', async () => {
    const res = await get('admin', `/api/events/${undated.id}/invitations/SEN/note-verbale.pdf`);
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('registrationDeadline');
  });
});

describe('the note verbale template', () => {
  it('starts with the default, keeps every version, and uses the newest', async () => {
    const first = (await get('admin', '/api/note-templates/en')).json();
    expect(first.isDefault).toBe(true);
    expect(first.placeholders).toContain('registrationDeadline');
    const body = `{{reference}}\n\nThe Secretariat invites {{state}} to {{eventTitle}} — edited 7c1d.`;
    const saved = await send('admin', 'PUT', '/api/note-templates/en', { body });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, body });
    const res = await get('admin', `/api/events/${closed.id}/invitations/SEN/note-verbale.pdf`);
    expect(readPdf(res.rawPayload).pageTexts.join(' ')).toContain('edited 7c1d');
    // The template needs no deadline now, so the undated event's note can be written.
    expect(
      (await get('admin', `/api/events/${undated.id}/invitations/SEN/note-verbale.pdf`)).statusCode,
    ).toBe(200);
  });

  it('refuses an unknown placeholder or a template without the State, at the body, keeping the last version', async () => {
    const before = (await get('admin', '/api/note-templates/en')).json();
    for (const body of [
      '{{reference}} {{state}} {{venu}} {{dat}}',
      '{{reference}} only',
      '{{reference}} {{state}} }}',
    ]) {
      const res = await send('admin', 'PUT', '/api/note-templates/en', { body });
      expect(res.statusCode, body).toBe(422);
      expect(res.json().errors[0].field).toBe('body');
    }
    expect(
      (
        await send('admin', 'PUT', '/api/note-templates/en', {
          body: '{{reference}} {{state}} {{venu}} {{dat}}',
        })
      ).json().detail,
    ).toMatch(/venu.*dat/);
    expect((await get('admin', '/api/note-templates/en')).json()).toEqual(before);
    expect(
      (await send('senegal', 'PUT', '/api/note-templates/en', { body: '{{reference}} {{state}}' }))
        .statusCode,
    ).toBe(403);
  });
});
