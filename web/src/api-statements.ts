// Statements of record (declarations, reservations, objections, notifications, territorial applications),
// typed from the server's own schemas (type-only imports) with the pure rules the pages share with it.
import type { z } from 'zod';
import type {
  DisputeSettlementSchema,
  InstrumentStatementsSchema,
  ParticipantStatementsSchema,
  StatementsQuerySchema,
} from '../../src/treaties/statements-contract.ts';
import { getJson, withQuery } from './api.ts';

export { DISPUTE_CLAUSES, normaliseArticle } from '../../src/treaties/domain/statements.ts';
export { STATEMENT_KINDS } from '../../src/treaties/domain/types.ts';

export type InstrumentStatements = z.infer<typeof InstrumentStatementsSchema>;
export type Statement = InstrumentStatements['statements'][number];
export type StatementKind = Statement['kind'];
export type ListedStatement = InstrumentStatements['textNotRecorded'][number];
export type StatementCoverage = InstrumentStatements['coverage'];
export type ParticipantStatements = z.infer<typeof ParticipantStatementsSchema>;
export type StatementKnowledge = ParticipantStatements['instruments'][number]['knowledge'];
export type DisputeSettlement = z.infer<typeof DisputeSettlementSchema>;
export type DisputeObligation = DisputeSettlement['obligations'][number]['obligation'];

export type StatementDownload = z.infer<typeof StatementsQuerySchema>['format'];
export const STATEMENT_DOWNLOADS = ['csv', 'xlsx', 'json'] as const satisfies readonly StatementDownload[];

const instrumentPath = (id: string) => `/api/instruments/${encodeURIComponent(id)}/statements`;
const participantPath = (id: string) => `/api/participants/${encodeURIComponent(id)}`;

/** Every statement recorded for an instrument, who made one whose text is not recorded, and the coverage. */
export const getInstrumentStatements = (instrumentId: string, signal?: AbortSignal) =>
  getJson<InstrumentStatements>(instrumentPath(instrumentId), signal);

/** The same statements as a file, with the filters the page shows (the server applies the same rules). */
export function statementsDownloadUrl(
  instrumentId: string,
  format: StatementDownload,
  filter: { kind?: string | undefined; article?: string | undefined },
): string {
  return withQuery(instrumentPath(instrumentId), {
    kind: filter.kind,
    article: filter.article,
    format: format === 'json' ? null : format,
  });
}

/** A participant's statements on every instrument, each with what is known of them. */
export const getParticipantStatements = (participantId: string, signal?: AbortSignal) =>
  getJson<ParticipantStatements>(`${participantPath(participantId)}/statements`, signal);

/** Which dispute-settlement clauses bind two participants towards each other, as far as is recorded here. */
export const getDisputeSettlement = (participantId: string, otherId: string, signal?: AbortSignal) =>
  getJson<DisputeSettlement>(
    withQuery(`${participantPath(participantId)}/dispute-settlement`, { with: otherId }),
    signal,
  );

/** The instrument's status page in the UN Treaty Collection (the depositary's own, fuller list). */
export function depositaryUrl(mtdsgNo: string | null): string | null {
  if (!mtdsgNo) return null;
  return `https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=${encodeURIComponent(mtdsgNo)}&chapter=18&lang=en`;
}
