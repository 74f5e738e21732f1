// The events the shipped reference data names (reference/events.csv), brought into a database once each by
// their import key, never over an event a user recorded or corrected. An event naming a State or instrument
// this registry does not hold is left out with the reason, as reference actions are.
import type { ServiceContext } from '../../context.ts';
import { listInstruments, listParticipants } from '../../treaties/services/lookups.ts';
import { findEventIdsByImportKeys, type Db, type EventFields } from '../repository.ts';
import { insertNewEvent } from './events.ts';

export interface ReferenceEventsResult {
  recorded: number;
  alreadyPresent: number;
  skipped: Array<{ index: number; reason: string }>;
}

export async function importReferenceEvents(
  ctx: ServiceContext,
  db: Db,
  events: readonly EventFields[],
): Promise<ReferenceEventsResult> {
  const keys = events.map((e) => e.importKey).filter((k): k is string => k !== null);
  const present = await findEventIdsByImportKeys(db, keys);
  const participants = new Set((await listParticipants(db)).map((p) => p.id));
  const instruments = new Set((await listInstruments(db)).map((i) => i.id));
  const result: ReferenceEventsResult = { recorded: 0, alreadyPresent: 0, skipped: [] };
  for (const [index, e] of events.entries()) {
    if (e.importKey !== null && present.has(e.importKey)) {
      result.alreadyPresent++;
      continue;
    }
    const states = [
      ...e.hosts,
      ...(e.venueCountry ? [e.venueCountry] : []),
      ...e.targets.filter((t) => t.kind === 'state').map((t) => t.value),
    ];
    const missing = [
      ...states.filter((s) => !participants.has(s)).map((s) => `participant ${s}`),
      ...e.instruments.filter((i) => !instruments.has(i)).map((i) => `instrument ${i}`),
    ];
    if (missing.length > 0) {
      result.skipped.push({ index, reason: `not in this registry: ${[...new Set(missing)].join(', ')}` });
      continue;
    }
    await insertNewEvent(ctx, db, e, 'loaded');
    result.recorded++;
  }
  return result;
}
