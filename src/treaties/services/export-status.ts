// CSV export of the status as at a date: one row per participant and instrument.
import { toCsv } from '../../common/csv.ts';
import type { StatusView } from './queries.ts';

export const STATUS_CSV_HEADER = [
  'instrument',
  'as_of',
  'participant_id',
  'participant',
  'region',
  'un_group',
  'state',
  'signature_date',
  'consent_kind',
  'consent_date',
  'consent_precision',
  'entry_into_force',
  'entry_into_force_explanation',
  'denunciation_effective',
] as const;

/** One row per participant and instrument, in the order of STATUS_CSV_HEADER. */
export function statusRows(statuses: StatusView[]): unknown[][] {
  return statuses.flatMap((s) =>
    s.participants.map((p) => [
      s.instrumentId,
      s.asOf,
      p.participantId,
      p.name,
      p.region,
      p.unGroup,
      p.state,
      p.signatureDate,
      p.consentKind,
      p.consentDate,
      p.consentPrecision,
      p.eif?.on ?? (p.eif ? `${p.eif.earliest ?? '?'}..${p.eif.latest ?? '?'}` : null),
      p.eif?.explanation,
      p.denunciationEffective?.on ?? null,
    ]),
  );
}

export function statusCsv(statuses: StatusView[]): string {
  return toCsv(STATUS_CSV_HEADER, statusRows(statuses));
}
