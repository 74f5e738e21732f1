// Depositary notifications through the API, on the real data: history notified without invented C.N.
// numbers, a recorded action's notice with the year's next number in its transaction, a correction's
// corrigendum (nothing rewritten), the JSON cursor, and the Atom feeds parsed back with a real XML parser
// and checked against RFC 4287's required elements, with conditional GET.
import { xml2js, type Element } from 'xml-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

interface Notice {
  id: number;
  uid: string;
  category: string;
  reference: string | null;
  referenceSource: string;
  issuedOn: string | null;
  recordedAt: string;
  kind: string;
  instrumentId: string;
  participantId: string;
  actionId: number;
  replacementActionId: number | null;
  corrects: { id: number; reference: string | null } | null;
  en: { subject: string; text: string };
  fr: { subject: string; text: string };
}
interface Page {
  items: Notice[];
  next: string | null;
  latestId: number;
}

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: t.auth, payload });

async function record(overrides: Record<string, unknown>): Promise<number> {
  const res = await post('/api/actions', {
    instrumentId: 'UNTOC',
    participantId: 'IRN',
    kind: 'ratification',
    date: '2026-01-15',
    source: 'test: notifications-api.test.ts',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().action.id as number;
}

async function noticeOf(actionId: number): Promise<Notice> {
  const page = (await get('/api/notifications?limit=5')).json() as Page;
  const found = page.items.find((n) => n.actionId === actionId && n.category === 'action');
  expect(found, `notification of action ${actionId}`).toBeDefined();
  return found as Notice;
}

/** The children of an element with a name. */
const kids = (el: Element, name: string): Element[] => (el.elements ?? []).filter((e) => e.name === name);
const textOf = (el: Element | undefined): string =>
  (el?.elements ?? []).map((e) => (e.type === 'text' ? String(e.text) : '')).join('');

/** Parses an Atom document strictly and checks RFC 4287 §4.1.1–4.1.2's required elements. */
function checkAtom(xml: string): { feed: Element; entries: Element[] } {
  const doc = xml2js(xml, { compact: false }) as Element;
  const feed = (doc.elements ?? []).find((e) => e.name === 'feed') as Element;
  expect(feed.attributes?.xmlns).toBe('http://www.w3.org/2005/Atom');
  for (const required of ['id', 'title', 'updated', 'author']) {
    expect(kids(feed, required), `feed/${required}`).toHaveLength(1);
  }
  expect(textOf(kids(feed, 'id')[0])).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  expect(textOf(kids(kids(feed, 'author')[0] as Element, 'name')[0]).length).toBeGreaterThan(0);
  const links = kids(feed, 'link').map((l) => l.attributes ?? {});
  expect(links.filter((l) => l.rel === 'self')).toHaveLength(1);
  expect(links.filter((l) => l.rel === 'alternate' && l.type === 'text/html')).toHaveLength(1);
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  expect(textOf(kids(feed, 'updated')[0])).toMatch(rfc3339);
  const entries = kids(feed, 'entry');
  for (const entry of entries) {
    for (const required of ['id', 'title', 'updated']) expect(kids(entry, required)).toHaveLength(1);
    expect(textOf(kids(entry, 'id')[0])).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(textOf(kids(entry, 'updated')[0])).toMatch(rfc3339);
    expect(kids(entry, 'link').some((l) => l.attributes?.rel === 'alternate')).toBe(true);
    // §4.1.1.1: an entry without an alternate link must have content; these have both.
    expect(textOf(kids(entry, 'content')[0]).length).toBeGreaterThan(0);
  }
  return { feed, entries };
}

beforeAll(async () => {
  t = await createTestApp();
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('notifications of history', () => {
  it('every action in effect has one, and none has a C.N. number Palermo invented', async () => {
    const all: Notice[] = [];
    for (let url: string | null = '/api/notifications?since=0&limit=200'; url;) {
      const page = (await get(url)).json() as Page;
      all.push(...page.items);
      url = page.items.length > 0 ? page.next : null;
    }
    const list = await listActionRecords(t.store.db);
    const inEffect = list.filter((a) => a.correction === null).map((a) => a.id);
    expect(inEffect.length).toBeGreaterThan(500);
    expect(new Set(all.map((n) => n.actionId))).toEqual(new Set(inEffect));
    expect(all.every((n) => n.referenceSource !== 'palermo' && n.issuedOn === null)).toBe(true);
    expect(all.filter((n) => n.referenceSource === 'none').every((n) => n.reference === null)).toBe(true);
    // Ids ascend in the order the actions were recorded, so the cursor walks history in order.
    expect(all.map((n) => n.id)).toEqual([...all.map((n) => n.id)].sort((a, b) => a - b));
  });
});

describe('a recorded action', () => {
  let ratification: Notice;
  let declarationId: number;

  it('is announced under the year’s next C.N. number, with its text in English and French', async () => {
    const id = await record({});
    ratification = await noticeOf(id);
    expect(ratification.reference).toBe('C.N.1.2026.TREATIES-XVIII.12');
    expect(ratification.referenceSource).toBe('palermo');
    expect(ratification.issuedOn).toBe('2026-06-30');
    expect(ratification.en.subject).toBe('IRAN (ISLAMIC REPUBLIC OF): RATIFICATION');
    expect(ratification.en.text).toContain(
      'The Secretary-General of the United Nations, acting in his capacity as depositary, communicates the following:',
    );
    expect(ratification.en.text).toContain('The above action was effected on 15 January 2026.');
    expect(ratification.fr.text).toContain("L'action susmentionnée a été effectuée le 15 janvier 2026.");
    expect(ratification.fr.subject).toMatch(/^IRAN .*: RATIFICATION$/);
  });

  it('takes the next number; a protocol’s notice carries its chapter item', async () => {
    declarationId = await record({ kind: 'declaration', article: '35(3)', date: '2026-02-01' });
    const declaration = await noticeOf(declarationId);
    expect(declaration.reference).toBe('C.N.2.2026.TREATIES-XVIII.12');
    expect(declaration.en.text).toContain('The declaration was made under article 35(3).');
    const protocol = await noticeOf(await record({ instrumentId: 'TIP', date: '2026-03-01' }));
    expect(protocol.reference).toBe('C.N.3.2026.TREATIES-XVIII.12.a');
  });

  it('keeps the depositary reference it is given, and takes no number then', async () => {
    const n = await noticeOf(
      await record({
        instrumentId: 'SOM',
        date: '2026-03-02',
        depositaryRef: 'C.N.77.2026.TREATIES-XVIII.12.b',
      }),
    );
    expect(n.reference).toBe('C.N.77.2026.TREATIES-XVIII.12.b');
    expect(n.referenceSource).toBe('depositary');
    const next = await noticeOf(await record({ instrumentId: 'FIREARMS', date: '2026-03-03' }));
    expect(next.reference).toBe('C.N.4.2026.TREATIES-XVIII.12.c');
  });

  it('a correction issues a corrigendum pointing at the notice it corrects; that notice is unchanged', async () => {
    const before = (await get(`/api/notifications/${(await noticeOf(declarationId)).id}`)).json() as Notice;
    const res = await post(`/api/actions/${declarationId}/corrections`, {
      reason: 'the article was misread',
      replacement: {
        instrumentId: 'UNTOC',
        participantId: 'IRN',
        kind: 'declaration',
        article: '35(2)',
        date: '2026-02-01',
        source: 'test: notifications-api.test.ts',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const page = (await get('/api/notifications?limit=1')).json() as Page;
    const corrigendum = page.items[0] as Notice;
    expect(corrigendum.category).toBe('corrigendum');
    expect(corrigendum.corrects).toEqual({ id: before.id, reference: 'C.N.2.2026.TREATIES-XVIII.12' });
    expect(corrigendum.reference).toBe('C.N.5.2026.TREATIES-XVIII.12');
    expect(corrigendum.en.subject).toBe('IRAN (ISLAMIC REPUBLIC OF): DECLARATION (CORRIGENDUM)');
    expect(corrigendum.en.text).toContain(
      'Depositary notification C.N.2.2026.TREATIES-XVIII.12 is corrected as follows:',
    );
    expect(corrigendum.en.text).toContain('under article 35(2)');
    expect(corrigendum.fr.text).toContain('Motif consigné par le Secrétariat : the article was misread');
    const after = (await get(`/api/notifications/${before.id}`)).json() as Notice;
    expect(after).toEqual(before);
  });

  it('a void is a corrigendum that says the action has no effect', async () => {
    const id = await record({ kind: 'notification', article: '18(13)', date: '2026-04-01' });
    const res = await post(`/api/actions/${id}/corrections`, { reason: 'recorded twice' });
    expect(res.statusCode, res.body).toBe(201);
    const [voided] = ((await get('/api/notifications?limit=1')).json() as Page).items;
    expect(voided?.replacementActionId).toBeNull();
    expect(voided?.en.text).toContain('is withdrawn from the record and has no effect');
    expect(voided?.fr.text).toContain("est retirée du registre et n'a aucun effet");
  });
});

describe('the JSON list', () => {
  it('catches up from an id with a next link, and pages back with before', async () => {
    const latest = ((await get('/api/notifications?limit=1')).json() as Page).latestId;
    const first = (await get(`/api/notifications?since=${latest - 3}&limit=2`)).json() as Page;
    expect(first.items.map((n) => n.id)).toEqual([latest - 2, latest - 1]);
    expect(first.next).toBe(`/api/notifications?limit=2&since=${latest - 1}`);
    const second = (await get(first.next as string)).json() as Page;
    expect(second.items.map((n) => n.id)).toEqual([latest]);
    const done = (await get(second.next as string)).json() as Page;
    expect(done.items).toEqual([]);
    expect(done.next).toBe(`/api/notifications?limit=2&since=${latest}`);
    // The Link header names a page only while one is waiting (docs/api.md, Paging).
    expect((await get(first.next as string)).headers.link).toBeUndefined();
    expect((await get(`/api/notifications?since=${latest - 3}&limit=2`)).headers.link).toBe(
      `</api/notifications?limit=2&since=${latest - 1}>; rel="next"`,
    );
    const back = (await get('/api/notifications?limit=2')).json() as Page;
    expect(back.items.map((n) => n.id)).toEqual([latest, latest - 1]);
    const older = (await get(back.next as string)).json() as Page;
    expect(older.items.map((n) => n.id)).toEqual([latest - 2, latest - 3]);
  });

  it('filters by instrument, participant and reference', async () => {
    const tip = (await get('/api/notifications?instrument=TIP&limit=200')).json() as Page;
    expect(tip.items.length).toBeGreaterThan(100);
    expect(tip.items.every((n) => n.instrumentId === 'TIP')).toBe(true);
    const irn = (await get('/api/notifications?participant=IRN&limit=200')).json() as Page;
    expect(irn.items.every((n) => n.participantId === 'IRN')).toBe(true);
    const byRef = (await get('/api/notifications?reference=C.N.3.2026.TREATIES-XVIII.12.a')).json() as Page;
    expect(byRef.items.map((n) => n.instrumentId)).toEqual(['TIP']);
  });

  it('refuses a malformed cursor, limit or If-None-Match with a problem, not a 500', async () => {
    for (const url of [
      '/api/notifications?since=abc',
      '/api/notifications?since=-1',
      '/api/notifications?before=1e3',
      '/api/notifications?since=99999999999',
      '/api/notifications?since=1&before=2',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors[0].field).toMatch(/since|before/);
    }
    expect((await get('/api/notifications?limit=201')).statusCode).toBe(400);
    for (const url of ['/api/notifications', '/api/notifications.atom']) {
      const res = await get(url, { 'if-none-match': 'not-a-tag' });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].field).toBe('If-None-Match');
    }
  });
});

describe('Atom feeds', () => {
  it('all, per instrument and per participant parse and carry RFC 4287’s required elements', async () => {
    for (const url of [
      '/api/notifications.atom',
      '/api/notifications.atom?lang=fr',
      '/api/instruments/TIP/notifications.atom',
      '/api/participants/IRN/notifications.atom',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('application/atom+xml');
      const { feed, entries } = checkAtom(res.body);
      expect(entries.length, url).toBeGreaterThan(0);
      expect(entries.length).toBeLessThanOrEqual(50);
      const self = kids(feed, 'link').find((l) => l.attributes?.rel === 'self');
      expect(String(self?.attributes?.href)).toMatch(/^https?:\/\/[^/]+\/api\//);
    }
    const irn = checkAtom((await get('/api/participants/IRN/notifications.atom')).body);
    expect(textOf(kids(irn.entries[0] as Element, 'title')[0])).toContain('IRAN (ISLAMIC REPUBLIC OF)');
    const fr = checkAtom((await get('/api/notifications.atom?lang=fr')).body);
    expect(fr.feed.attributes?.['xml:lang']).toBe('fr');
    expect(textOf(kids(fr.entries[0] as Element, 'content')[0])).toContain('communique ce qui suit');
  });

  it('keeps feed and entry ids across requests', async () => {
    const ids = (xml: string) => {
      const { feed, entries } = checkAtom(xml);
      return [textOf(kids(feed, 'id')[0]), ...entries.map((e) => textOf(kids(e, 'id')[0]))];
    };
    const a = ids((await get('/api/instruments/UNTOC/notifications.atom')).body);
    const b = ids((await get('/api/instruments/UNTOC/notifications.atom')).body);
    expect(a).toEqual(b);
    const other = ids((await get('/api/instruments/TIP/notifications.atom')).body);
    expect(other[0]).not.toBe(a[0]);
  });

  it('answers 304 to a current ETag or Last-Modified, and 200 once a notification is added', async () => {
    const url = '/api/participants/IRN/notifications.atom';
    const first = await get(url);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    // An unreadable date is ignored (RFC 9110 §13.1.3), not refused.
    expect((await get(url, { 'if-modified-since': 'yesterday' })).statusCode).toBe(200);
    // Another participant's notice leaves this feed as it was.
    await record({
      participantId: 'SOM',
      instrumentId: 'UNTOC',
      kind: 'signature',
      date: '2026-05-01',
    }).catch(() => undefined);
    await record({ kind: 'notification', article: '31(6)', date: '2026-05-02' });
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('says 404 for an instrument or participant the registry does not know', async () => {
    expect((await get('/api/instruments/NOPE/notifications.atom')).statusCode).toBe(404);
    expect((await get('/api/participants/XXX/notifications.atom')).statusCode).toBe(404);
  });
});
