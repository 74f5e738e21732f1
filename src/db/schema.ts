// Row types of the database, as Kysely sees them. They stay inside repositories: services and routes
// speak the domain's types. Booleans are stored as 0/1 integers and dates as `YYYY-MM-DD` text on both
// stores, so SQLite and PostgreSQL return the same values.
import type { Generated, Kysely, Transaction } from 'kysely';

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
  /** 'none' or 'open' (migration 011); open with a null closing date is open-ended. */
  signature: string;
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
  /** A paraphrase of a statement (migration 018), never its official text (`text`). */
  summary: string | null;
  /** How sure the source is of a statement: High, Medium-high, Medium, Low (migration 018). */
  confidence: string | null;
}

/** Who made some statement whose text is not recorded here (migration 018). */
export interface StatementIndexTable {
  id: Generated<number>;
  instrument_id: string;
  participant_id: string;
  listed_as: string;
  date_text: string | null;
  source: string;
  notes: string | null;
  import_key: string;
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
  /** Wrong codes sent on this session while it waits for its second factor (migration 009). */
  mfa_failures: Generated<number>;
}

/** Failed sign-ins and wrong codes per account key (migration 009). */
export interface SignInFailuresTable {
  key: string;
  failures: number;
  lockouts: number;
  locked_until: string | null;
  last_failure_at: string;
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

/** Minor units: a number from SQLite and from PostgreSQL (int8 is parsed as a number; amounts stay below 2^53). */
type Minor = number | bigint | string;

export interface CurrenciesTable {
  code: string;
  name: string;
  minor_units: number;
  source: string;
}

export interface DonorsTable {
  id: string;
  name: string;
  kind: string;
  participant_id: string | null;
  illustrative: number;
  recorded_at: string;
  recorded_by: string;
}

export interface EarmarksTable {
  id: string;
  name: string;
  purpose: string;
  iati_category: number;
  instrument_id: string | null;
  region: string | null;
  country_id: string | null;
  theme: string | null;
  project_ref: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface ExchangeRatesTable {
  currency: string;
  month: string;
  rate: string;
  source: string;
  illustrative: number;
  recorded_at: string;
  recorded_by: string;
}

export interface PledgesTable {
  id: Generated<number>;
  donor_id: string;
  pledged_on: string;
  currency: string;
  amount: Minor;
  earmark_id: string;
  source_of_funds: string;
  period_from: string | null;
  period_to: string | null;
  conditions: string | null;
  document_ref: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface PledgeInstalmentsTable {
  pledge_id: number;
  seq: number;
  due_on: string;
  amount: Minor;
}

export interface PledgeEventsTable {
  id: Generated<number>;
  pledge_id: number;
  kind: string;
  happened_on: string;
  reference: string | null;
  amount: Minor | null;
  psc_rate_bp: number | null;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface AllocationsTable {
  id: Generated<number>;
  earmark_id: string;
  donor_id: string;
  purpose_kind: string;
  purpose_ref: string;
  instrument_id: string | null;
  region: string | null;
  country_id: string | null;
  theme: string | null;
  description: string | null;
  psc_rate_bp: number;
  recorded_at: string;
  recorded_by: string;
}

export interface LedgerTransactionsTable {
  id: Generated<number>;
  kind: string;
  booked_on: string;
  donor_id: string | null;
  earmark_id: string | null;
  allocation_id: number | null;
  pledge_id: number | null;
  reverses_id: number | null;
  reference: string | null;
  memo: string | null;
  recorded_at: string;
  recorded_by: string;
  /** Migration 004: the `txn_ref` of an imported transaction, and a hash of its content. */
  import_key: string | null;
  import_hash: string | null;
}

export interface PaymentsTable {
  transaction_id: number;
  donor_id: string;
  pledge_id: number | null;
  received_on: string;
  currency: string;
  amount: Minor;
  rate: string;
  rate_month: string;
  rate_source: string;
  usd_amount: Minor;
  earmark_id: string;
  source_of_funds: string;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  transaction_id: number;
  account: string;
  currency: string;
  amount: Minor;
  booked_on: string;
  kind: string;
  reversal: number;
  donor_id: string | null;
  earmark_id: string | null;
  allocation_id: number | null;
}

export interface AccountBalancesTable {
  account: string;
  currency: string;
  balance: Minor;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status: number | null;
  body: string | null;
  created_at: string;
}

export interface Database {
  currencies: CurrenciesTable;
  donors: DonorsTable;
  earmarks: EarmarksTable;
  exchange_rates: ExchangeRatesTable;
  pledges: PledgesTable;
  pledge_instalments: PledgeInstalmentsTable;
  pledge_events: PledgeEventsTable;
  allocations: AllocationsTable;
  ledger_transactions: LedgerTransactionsTable;
  payments: PaymentsTable;
  ledger_entries: LedgerEntriesTable;
  account_balances: AccountBalancesTable;
  idempotency_keys: IdempotencyKeysTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  scopes: ScopesTable;
  sessions: SessionsTable;
  one_time_links: OneTimeLinksTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  participants: ParticipantsTable;
  development_classes: DevelopmentClassesTable;
  instruments: InstrumentsTable;
  actions: ActionsTable;
  statement_index: StatementIndexTable;
  corrections: CorrectionsTable;
  registry_meta: RegistryMetaTable;
}

// ---- technical assistance (migration 005) -------------------------------------------------------------

export interface ProvisionsTable {
  instrument_id: string;
  article: string;
  title: string;
  theme: string;
  obligation: string;
  paragraphs: number;
  summary: string;
  notifications: string | null;
  reservation: string | null;
  source: string;
}

export interface AssessmentEntriesTable {
  id: Generated<number>;
  participant_id: string;
  instrument_id: string;
  article: string;
  status: string;
  measure: string | null;
  /** JSON array of kinds of assistance needed. */
  needs: string;
  note: string | null;
  assessed_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface AssessmentPublicationsTable {
  id: Generated<number>;
  participant_id: string;
  published: number;
  decided_at: string;
  decided_by: string;
}

export interface AssistanceRequestsTable {
  id: Generated<number>;
  participant_id: string;
  kind: string;
  instrument_id: string | null;
  title: string;
  description: string;
  /** JSON array of provision keys ("UNTOC 5"). */
  provisions: string;
  /** JSON array of kinds of assistance. */
  assistance: string;
  needed_by: string | null;
  estimated_cost: number | string | bigint | null;
  requested_on: string;
  eligible: number;
  eligibility: string;
  /** JSON array: least developed, landlocked developing, small island developing. */
  priority: string;
  status: string;
  created_at: string;
  created_by: string;
}

export interface RequestStepsTable {
  id: Generated<number>;
  request_id: number;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  at: string;
  by_actor: string;
  by_role: string | null;
}

export interface AssistanceOffersTable {
  id: Generated<number>;
  donor_id: string | null;
  partner_id: string | null;
  theme: string | null;
  region: string | null;
  instrument_id: string | null;
  amount: number | string | bigint | null;
  in_kind: string | null;
  description: string;
  status: string;
  created_at: string;
  created_by: string;
}

export interface ProjectsTable {
  id: Generated<number>;
  request_id: number;
  participant_id: string;
  title: string;
  budget: number | string | bigint;
  starts_on: string;
  ends_on: string;
  implementing_partner: string;
  beneficiaries: string;
  offer_id: number | null;
  published: number;
  status: string;
  created_at: string;
  created_by: string;
}

export interface ProjectActivitiesTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  created_by: string;
}

export interface ProjectResultsTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  indicator: string;
  unit: string;
  baseline: string;
  target: string;
  created_at: string;
  created_by: string;
}

export interface ResultMeasurementsTable {
  id: Generated<number>;
  result_id: number;
  period: string;
  actual: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface ProjectOutcomesTable {
  id: Generated<number>;
  project_id: number;
  result_id: number | null;
  kind: string;
  happened_on: string;
  citation: string | null;
  instrument_id: string | null;
  article: string | null;
  action_id: number | null;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the assistance tables join the Database interface above.
export interface Database {
  provisions: ProvisionsTable;
  assessment_entries: AssessmentEntriesTable;
  assessment_publications: AssessmentPublicationsTable;
  assistance_requests: AssistanceRequestsTable;
  request_steps: RequestStepsTable;
  assistance_offers: AssistanceOffersTable;
  projects: ProjectsTable;
  project_activities: ProjectActivitiesTable;
  project_results: ProjectResultsTable;
  result_measurements: ResultMeasurementsTable;
  project_outcomes: ProjectOutcomesTable;
}

// ---- reference-data updates (migration 012) -----------------------------------------------------------

/** One reference-data update applied to this database (src/reference/reference-updates.ts). */
export interface ReferenceUpdatesTable {
  id: string;
  title: string;
  applied_at: string;
  applied_by: string;
  /** What the update did (rows recorded, already present, skipped with reasons); written when it ends. */
  summary_json: string | null;
}

// Declaration merging: the reference-updates table joins the Database interface above.
export interface Database {
  reference_updates: ReferenceUpdatesTable;
}

// ---- events (migration 013) ------------------------------------------------------------------------------

export interface EventsTable {
  id: Generated<number>;
  kind: string;
  title: string;
  status: string;
  status_reason: string | null;
  start_date: string;
  end_date: string;
  venue_city: string | null;
  venue_country: string | null;
  online: number;
  /** JSON array of organisations organising the event with the Secretariat. */
  co_organisers: string;
  /** JSON array of language codes (ar, zh, en, fr, ru, es). */
  languages: string;
  interpretation: number;
  public: number;
  registration_deadline: string | null;
  description: string;
  /** What the source says of the participants, for events loaded from reference data. */
  participants_note: string | null;
  source: string | null;
  source_note: string | null;
  import_key: string | null;
  revision: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface EventHostsTable {
  event_id: number;
  participant_id: string;
}

export interface EventTargetsTable {
  event_id: number;
  kind: string;
  value: string;
}

export interface EventInstrumentsTable {
  event_id: number;
  instrument_id: string;
}

export interface EventAgendaItemsTable {
  event_id: number;
  position: number;
  title: string;
  instrument_id: string | null;
  /** JSON array of article numbers ("5", "34(2)"). */
  articles: string;
}

export interface EventRevisionsTable {
  id: Generated<number>;
  event_id: number;
  revision: number;
  change: string;
  reason: string | null;
  snapshot_json: string;
  recorded_at: string;
  recorded_by: string;
}

export interface EventInvitationsTable {
  id: Generated<number>;
  event_id: number;
  participant_id: string;
  reference: string;
  addressee: string;
  language: string;
  sent_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface DocumentTemplatesTable {
  id: Generated<number>;
  kind: string;
  language: string;
  body: string;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the events tables join the Database interface above.
export interface Database {
  events: EventsTable;
  event_hosts: EventHostsTable;
  event_targets: EventTargetsTable;
  event_instruments: EventInstrumentsTable;
  event_agenda_items: EventAgendaItemsTable;
  event_revisions: EventRevisionsTable;
  event_invitations: EventInvitationsTable;
  document_templates: DocumentTemplatesTable;
}

/** The store, or a transaction open on it: what every repository function takes first. */
export type Db = Kysely<Database> | Transaction<Database>;

// ---- event documents, outcomes and commitments (migration 015) -----------------------------------------

export interface EventDocumentsTable {
  id: Generated<number>;
  event_id: number;
  /** One of the six UN languages (ar, zh, en, fr, ru, es). */
  language: string;
  kind: string;
  title: string;
  /** The UN document symbol, where it has one (CTOC/COP/2005/2). */
  symbol: string | null;
  /** Where the document is published: documents are referenced, not uploaded. */
  url: string;
  recorded_at: string;
  recorded_by: string;
}

export interface EventOutcomesTable {
  id: Generated<number>;
  event_id: number;
  kind: string;
  title: string;
  text: string;
  adopted_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface CommitmentsTable {
  id: Generated<number>;
  event_id: number;
  participant_id: string;
  instrument_id: string;
  what: string;
  text: string;
  /** The due date as given (YYYY, YYYY-MM or YYYY-MM-DD), with the days it stands for; null: no date. */
  due_text: string | null;
  due_earliest: string | null;
  due_latest: string | null;
  /** open | met | withdrawn; overdue is computed as at a day, never stored. */
  status: string;
  met_by_action_id: number | null;
  withdrawn_reason: string | null;
  revision: number;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
  updated_by: string;
}

export interface CommitmentHistoryTable {
  id: Generated<number>;
  commitment_id: number;
  revision: number;
  change: string;
  status: string;
  met_by_action_id: number | null;
  reason: string | null;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the outcome tables join the Database interface above.
export interface Database {
  event_documents: EventDocumentsTable;
  event_outcomes: EventOutcomesTable;
  commitments: CommitmentsTable;
  commitment_history: CommitmentHistoryTable;
}

// ---------------------------------------------------------------------------------------------------------
// Delegations to events (migration 014). Personal data (names, title, function, e-mail, the note verbale's
// bytes and file name) sits in nullable columns that erasure clears; the log holds ids, never names.

export interface EventDelegationsTable {
  id: Generated<number>;
  event_id: number;
  participant_id: string;
  status: string;
  note_pdf: Uint8Array | null;
  note_sha256: string;
  note_size: number;
  note_filename: string | null;
  submitted_at: string;
  submitted_by: string;
  updated_at: string;
  erased_at: string | null;
}

export interface EventDelegatesTable {
  id: Generated<number>;
  delegation_id: number;
  event_id: number;
  position: string;
  category: string;
  title: string | null;
  given_name: string | null;
  family_name: string | null;
  /** Given and family name folded (case, spacing): the same person is not registered twice. */
  name_key: string | null;
  function: string | null;
  email: string | null;
  status: string;
  reason: string | null;
  status_since: string;
  funded: number;
  erased_at: string | null;
}

export interface EventDelegationLogTable {
  id: Generated<number>;
  event_id: number;
  delegation_id: number;
  delegate_id: number | null;
  change: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface EventCapacitiesTable {
  event_id: number;
  overall: number | null;
  delegate: number | null;
  adviser: number | null;
  expert: number | null;
  observer: number | null;
  press: number | null;
  updated_at: string;
  updated_by: string;
}

// Declaration merging: the delegations tables join the Database interface above.
export interface Database {
  event_delegations: EventDelegationsTable;
  event_delegates: EventDelegatesTable;
  event_delegation_log: EventDelegationLogTable;
  event_capacities: EventCapacitiesTable;
}

// ---- funded participation in events (migration 016) ------------------------------------------------------

export interface EventBudgetsTable {
  id: Generated<number>;
  event_id: number;
  currency: string;
  /** Minor units of `currency`; the latest row of an event is its budget. */
  amount: number | string | bigint;
  recorded_at: string;
  recorded_by: string;
}

export interface EventFundedCostsTable {
  id: Generated<number>;
  event_id: number;
  delegate_id: number;
  /** travel | dsa (daily subsistence allowance). */
  kind: string;
  allocation_id: number;
  transaction_id: number;
  /** US dollar minor units: the expenditure, and the programme support costs charged on it. */
  amount: number | string | bigint;
  support_costs: number | string | bigint;
  booked_on: string;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the funding tables join the Database interface above.
export interface Database {
  event_budgets: EventBudgetsTable;
  event_funded_costs: EventFundedCostsTable;
}

// ---- the report to the Commission (migration 017) ---------------------------------------------------------

export interface ReportsTable {
  id: Generated<number>;
  /** draft | frozen; a frozen row is never changed again (a trigger on both stores). */
  status: string;
  head_version: number;
  started_from: number | null;
  created_at: string;
  created_by: string;
  frozen_at: string | null;
  frozen_by: string | null;
  frozen_version: number | null;
  fingerprint: string | null;
}

export interface ReportVersionsTable {
  id: Generated<number>;
  report_id: number;
  version: number;
  /** The draft as saved (JSON: src/reports/domain/draft.ts, ReportDraft). */
  content: string;
  saved_at: string;
  saved_by: string;
}

export interface ReportFilesTable {
  id: Generated<number>;
  report_id: number;
  locale: string;
  format: string;
  bytes: Uint8Array;
  sha256: string;
  size: number;
  fingerprint: string;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the report tables join the Database interface above.
export interface Database {
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  report_files: ReportFilesTable;
}

// ---- depositary notifications (migration 019) -------------------------------------------------------------

/** The last C.N. number Palermo allocated in a year (src/notifications/repository.ts, nextCnNumber). */
export interface NotificationNumbersTable {
  year: number;
  last_number: number;
}

/** One depositary notification, append-only (a trigger on both stores); its text is rendered from the row. */
export interface NotificationsTable {
  id: Generated<number>;
  /** A UUID, the Atom entry's id (`urn:uuid:…`): the same on every host and after a restore. */
  uid: string;
  /** 'action' | 'corrigendum' */
  category: string;
  /** The action announced; for a corrigendum, the action corrected. */
  action_id: number;
  replacement_action_id: number | null;
  corrects_id: number | null;
  correction_reason: string | null;
  kind: string;
  instrument_id: string;
  participant_id: string;
  participant_name: string;
  action_date: string | null;
  article: string | null;
  territory: string | null;
  target_participant_id: string | null;
  target_kind: string | null;
  target_date: string | null;
  reference: string | null;
  /** 'depositary' | 'palermo' | 'none' */
  reference_source: string;
  cn_year: number | null;
  cn_number: number | null;
  issued_on: string | null;
  template_version: number;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the notification tables join the Database interface above.
export interface Database {
  notification_numbers: NotificationNumbersTable;
  notifications: NotificationsTable;
}

// ---- the obligations calendar (migration 020) ---------------------------------------------------------

/** From which day the Secretariat keeps a State's notifications complete; the newest row is in force. */
export interface NotificationCompletenessTable {
  id: Generated<number>;
  participant_id: string;
  /** `YYYY-MM-DD`, or null: withdrawn, nothing is kept complete. */
  complete_since: string | null;
  reason: string;
  recorded_at: string;
  recorded_by: string;
}

// Declaration merging: the obligations table joins the Database interface above.
export interface Database {
  notification_completeness: NotificationCompletenessTable;
}
