// Row types of the database, as Kysely sees them. They stay inside repositories: services and routes
// speak the domain's types. Booleans are stored as 0/1 integers and dates as `YYYY-MM-DD` text on both
// stores, so SQLite and PostgreSQL return the same values.
import type { Generated } from 'kysely';

export interface ParticipantsTable {
  id: string;
  name: string;
  kind: string;
  iso3: string | null;
  m49: string | null;
  region: string | null;
  subregion: string | null;
  intermediate_region: string | null;
  un_group: string | null;
  un_member: number;
  ldc: number;
  lldc: number;
  sids: number;
  notes: string | null;
  source: string;
}

export interface DevelopmentClassesTable {
  id: Generated<number>;
  participant_id: string;
  class: string;
  valid_from: string | null;
  valid_to: string | null;
  basis: string;
  source: string;
}

export interface InstrumentsTable {
  id: string;
  mtdsg_no: string | null;
  title: string;
  short_title: string;
  adopted_on: string;
  adoption_resolution: string | null;
  signature_opens_on: string | null;
  signature_closes_on: string | null;
  threshold: number;
  eif_days: number;
  later_days: number;
  later_rule: string;
  reio_counted: number;
  parent_id: string | null;
  denunciation_months: number;
  eif_article: string;
  later_article: string;
  signature_article: string;
  denunciation_article: string;
  cascade_article: string | null;
  parent_requirement_article: string | null;
  official_eif_on: string | null;
  source: string;
  created_at: string;
}

export interface ActionsTable {
  id: Generated<number>;
  instrument_id: string;
  participant_id: string;
  kind: string;
  date_text: string | null;
  date_precision: string;
  not_before: string | null;
  not_after: string | null;
  article: string | null;
  target_action_id: number | null;
  target_participant_id: string | null;
  territory: string | null;
  depositary_ref: string | null;
  text: string | null;
  source: string;
  notes: string | null;
  import_key: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface CorrectionsTable {
  id: Generated<number>;
  action_id: number;
  replacement_action_id: number | null;
  reason: string;
  corrected_at: string;
  corrected_by: string;
}

export interface RegistryMetaTable {
  key: string;
  value: string;
}

export interface Database {
  participants: ParticipantsTable;
  development_classes: DevelopmentClassesTable;
  instruments: InstrumentsTable;
  actions: ActionsTable;
  corrections: CorrectionsTable;
  registry_meta: RegistryMetaTable;
}
