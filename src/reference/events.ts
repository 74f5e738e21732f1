// The dated events the shipped data names (reference/events.csv: the shared events table with the columns
// derived here in front — see reference/README.md), as event records with their provenance. They are all
// past, so they are loaded as held; what the sources do not say (languages, interpretation, agenda) is left
// empty rather than guessed.
import { parse } from 'csv-parse/sync';
import { EVENT_KINDS, TARGET_KINDS, type EventKind, type TargetKind } from '../events/domain/events.ts';
import type { EventFields } from '../events/repository.ts';
import { readReference } from './load-reference-data.ts';

export const EVENTS_FILE = 'events.csv';

interface Row {
  key: string;
  event_kind: string;
  host_states: string;
  venue_city: string;
  venue_country: string;
  instruments: string;
  targets: string;
  event: string;
  start: string;
  end: string;
  participants: string;
  source: string;
  note: string;
}

const list = (v: string): string[] => (v.trim() === '' ? [] : v.split(';').map((s) => s.trim()));

export function referenceEvents(text = readReference(EVENTS_FILE)): EventFields[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Row[];
  return rows.map((r, i) => {
    const line = i + 2;
    if (!(EVENT_KINDS as readonly string[]).includes(r.event_kind)) {
      throw new Error(`${EVENTS_FILE} line ${line}: unknown kind "${r.event_kind}"`);
    }
    const targets = list(r.targets).map((t) => {
      const [kind, value] = [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)];
      if (!(TARGET_KINDS as readonly string[]).includes(kind)) {
        throw new Error(`${EVENTS_FILE} line ${line}: unknown target "${t}"`);
      }
      return { kind: kind as TargetKind, value };
    });
    return {
      kind: r.event_kind as EventKind,
      title: r.event,
      status: 'held',
      statusReason: null,
      start: r.start,
      end: r.end,
      venueCity: r.venue_city || null,
      venueCountry: r.venue_country || null,
      online: false,
      coOrganisers: [],
      languages: [],
      interpretation: false,
      public: true,
      registrationDeadline: null,
      description: '',
      participantsNote: r.participants || null,
      source: r.source,
      sourceNote: r.note || null,
      importKey: `reference:${r.key}`,
      hosts: list(r.host_states),
      targets,
      instruments: list(r.instruments),
      agenda: [],
    } satisfies EventFields;
  });
}
