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

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  status: string;
  password_hash: string | null;
  mfa_secret: string | null;
  mfa_enabled: number;
  mfa_last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  role: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface ScopesTable {
  principal_kind: string;
  principal_id: string;
  kind: string;
  ref: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_verified: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
  ip: string | null;
}

export interface OneTimeLinksTable {
  id_hash: string;
  user_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  role: string | null;
  state: string | null;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  scopes: ScopesTable;
  sessions: SessionsTable;
  one_time_links: OneTimeLinksTable;
  audit_log: AuditLogTable;
  participants: ParticipantsTable;
  development_classes: DevelopmentClassesTable;
  instruments: InstrumentsTable;
  actions: ActionsTable;
  corrections: CorrectionsTable;
  registry_meta: RegistryMetaTable;
}
