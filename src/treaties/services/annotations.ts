// What the UN Treaty Collection's participant table shows beside the dates: each participant's
// declarations, reservations, objections and notifications, and the footnotes (notes) of its actions.
// Corrected actions are left out: their replacements carry the record.
import type { ServiceContext } from '../../context.ts';
import { STATEMENT_KINDS } from '../domain/types.ts';
import { listActionRecords } from '../repository.ts';
import { requireInstrument } from './queries.ts';

export interface ParticipantAnnotations {
  participantId: string;
  statements: Array<{
    actionId: number;
    kind: string;
    date: string | null;
    article: string | null;
    territory: string | null;
    text: string | null;
    /** A paraphrase with its source (reference data), never the official text. */
    summary: string | null;
  }>;
  footnotes: string[];
}

export async function getAnnotations(ctx: ServiceContext, instrumentId: string) {
  const snapshot = await ctx.registry.snapshot();
  requireInstrument(snapshot, instrumentId);
  const actions = await listActionRecords(ctx.store.db, { instrumentId });
  const byParticipant = new Map<string, ParticipantAnnotations>();
  const entry = (id: string) => {
    let e = byParticipant.get(id);
    if (!e) {
      e = { participantId: id, statements: [], footnotes: [] };
      byParticipant.set(id, e);
    }
    return e;
  };
  for (const a of actions) {
    if (a.correction) continue;
    if ((STATEMENT_KINDS as readonly string[]).includes(a.kind)) {
      entry(a.participantId).statements.push({
        actionId: a.id,
        kind: a.kind,
        date: a.date,
        article: a.article,
        territory: a.territory,
        text: a.text,
        summary: a.summary,
      });
    }
    const note = a.notes?.trim();
    if (note && !entry(a.participantId).footnotes.includes(note)) entry(a.participantId).footnotes.push(note);
  }
  return {
    instrumentId,
    participants: [...byParticipant.values()].sort((a, b) => a.participantId.localeCompare(b.participantId)),
  };
}
