// Reports to the Commission in the security suites: a frozen report (anyone reads it and downloads its
// files) and a draft whose text only the Secretariat may see; a valid body for every reports write; and the
// matrix's sample request for every reports operation. Writes start from a fresh draft each time, so every
// allowed caller's save or freeze is made on the version it names.
import { SECRETARIAT_ROLES, type Principal } from '../../src/auth/domain/policy.ts';
import { createReport } from '../../src/reports/services/drafts.ts';
import { freezeReport } from '../../src/reports/services/files.ts';
import type { TestApp } from '../helpers/app.ts';
import { inWrite } from '../funds/support.ts';
import { draftInput, fakeProducer } from '../reports/records-support.ts';
import type { MatrixCase, ValidBodies } from './support.ts';

/** Words of the draft: nobody but the Secretariat may read them. */
export const DRAFT_REPORT_TEXT = 'Draft conclusions of the security tests 7c3e';

/** The producer the security suites' application is given. */
export const securityProducer = fakeProducer();

export interface ReportRecords {
  frozen: number;
  draft: number;
}

const cache = new WeakMap<TestApp, Promise<ReportRecords>>();

function freshDraft(t: TestApp, conclusions = 'Conclusions.'): Promise<number> {
  const ctx = t.ctx('test-setup');
  const input = draftInput();
  input.texts.en.paragraphs.conclusions = conclusions;
  return inWrite(ctx, (db) => createReport(ctx, db, input));
}

export function reportRecords(t: TestApp): Promise<ReportRecords> {
  let records = cache.get(t);
  if (!records) {
    records = (async () => {
      const frozen = await freshDraft(t);
      await freezeReport(t.ctx('test-setup'), securityProducer, frozen, 1);
      return { frozen, draft: await freshDraft(t, DRAFT_REPORT_TEXT) };
    })();
    cache.set(t, records);
  }
  return records;
}

const secretariatOnly = (p: Principal | null): boolean => p !== null && SECRETARIAT_ROLES.includes(p.role);

export async function reportValidBodies(t: TestApp): Promise<ValidBodies> {
  const r = await reportRecords(t);
  return {
    'POST /api/reports': { url: '/api/reports', body: { ...draftInput() } },
    'PUT /api/reports/{id}': { url: `/api/reports/${r.draft}`, body: { ...draftInput(), baseVersion: 1 } },
    'POST /api/reports/{id}/freeze': {
      url: `/api/reports/${await freshDraft(t)}/freeze`,
      body: { version: 1 },
    },
  };
}

/** One sample request per reports operation. */
export function reportSamples(t: () => TestApp): Record<string, () => MatrixCase[]> {
  const read =
    (url: (r: ReportRecords) => string, ok = 200) =>
    (): MatrixCase[] => [{ label: '', ok, build: async () => ({ url: url(await reportRecords(t())) }) }];
  const draft = (url: (r: ReportRecords) => string) => (): MatrixCase[] => [
    {
      label: 'draft',
      ok: 200,
      visibleTo: secretariatOnly,
      secret: DRAFT_REPORT_TEXT,
      build: async () => ({ url: url(await reportRecords(t())) }),
    },
  ];
  const write =
    (ok: number, request: (id: number) => { url: string; payload?: Record<string, unknown> }) =>
    (): MatrixCase[] => [{ label: '', ok, build: async () => request(await freshDraft(t())) }];
  return {
    'GET /api/reports': read(() => '/api/reports'),
    'GET /api/reports/{id}': () => [
      ...read((r) => `/api/reports/${r.frozen}`)(),
      ...draft((r) => `/api/reports/${r.draft}`)(),
    ],
    'GET /api/reports/{id}/download.{format}': read((r) => `/api/reports/${r.frozen}/download.pdf?locale=fr`),
    'GET /api/reports/{id}/versions': read((r) => `/api/reports/${r.draft}/versions`),
    'GET /api/reports/{id}/compare': read((r) => `/api/reports/${r.draft}/compare?fromVersion=1&toVersion=1`),
    'GET /api/reports/{id}/preview.{format}': read((r) => `/api/reports/${r.draft}/preview.html`),
    'POST /api/reports': write(201, () => ({ url: '/api/reports', payload: draftInput() })),
    'PUT /api/reports/{id}': write(200, (id) => ({
      url: `/api/reports/${id}`,
      payload: { ...draftInput(), baseVersion: 1 },
    })),
    'POST /api/reports/{id}/freeze': write(200, (id) => ({
      url: `/api/reports/${id}/freeze`,
      payload: { version: 1 },
    })),
    'POST /api/reports/{id}/next': () => [
      {
        label: '',
        ok: 201,
        build: async () => ({ url: `/api/reports/${(await reportRecords(t())).frozen}/next` }),
      },
    ],
  };
}
