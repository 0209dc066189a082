import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** Kysely table types, one interface per table, matching migrations/ exactly. */

export interface AuditEventsTable {
  seq: number;
  occurred_at: Date;
  actor_kind: "user" | "system" | "anonymous";
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** Which of the audit chains (0013); events before it are chain 0. */
  chain: number;
  /** Place in its chain; null for events before 0013, whose place in chain 0 is their seq. */
  chain_seq: number | null;
}

/** The head of each audit chain (0013): place and hash of its last event. */
export interface AuditChainsTable {
  chain: number;
  seq: number;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export type JobStatus = "queued" | "running" | "succeeded" | "dead";

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: ColumnType<unknown, string | undefined, string>;
  idempotency_key: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  run_at: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  job_name: string;
  payload: ColumnType<unknown, string | undefined, string>;
  next_run_at: Date;
  last_run_at: Date | null;
  is_enabled: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  declared_at: ColumnType<Date, Date | undefined, never>;
  declared_by: string | null;
}

export interface CalendarOverridesTable {
  id: Generated<number>;
  /** YYYY-MM-DD (DATE is read as a string on both databases, see db.ts). */
  day: string;
  region_code: string;
  is_workday: boolean;
  name: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, Date | undefined, never>;
}

export interface Database {
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_chains: AuditChainsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  calendar_years: CalendarYearsTable;
  calendar_overrides: CalendarOverridesTable;
  schema_migrations: SchemaMigrationsTable;
}

export type JobRow = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type CalendarOverrideRow = Selectable<CalendarOverridesTable>;

export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

export interface FunctionalLinesTable {
  code: string;
  name: string;
}

export type AgencyKind =
  "service_admin" | "line_department" | "implementing" | "justice" | "staffing" | "public_utility";

export interface AgenciesTable {
  id: Generated<number>;
  credit_code: string;
  name: string;
  region_code: string;
  kind: AgencyKind;
  line_code: string | null;
  parent_agency_id: number | null;
  phone: string | null;
  address: string | null;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type VenueKind = "service_center" | "convenience_center" | "convenience_station";

export interface VenuesTable {
  id: Generated<number>;
  agency_id: number;
  region_code: string;
  name: string;
  kind: VenueKind;
  address: string | null;
  phone: string | null;
}

export type UserKind = "person" | "enterprise" | "staff";

export interface UsersTable {
  id: string;
  kind: UserKind;
  login_name: string | null;
  display_name: string;
  id_number_enc: string | null;
  id_number_bidx: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  credit_code: string | null;
  agency_id: number | null;
  password_hash: string;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type Role =
  "window_clerk" | "reviewer" | "approver" | "catalog_editor" | "catalog_reviewer" | "supervisor" | "admin";

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: string;
  role: Role;
  agency_id: number;
  region_code: string;
  granted_at: ColumnType<Date, Date | undefined, never>;
  granted_by: string | null;
}

export type SessionKind = "cookie" | "bearer";

export interface SessionsTable {
  id: string;
  user_id: string;
  kind: SessionKind;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export interface PlatformMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  regions: RegionsTable;
  functional_lines: FunctionalLinesTable;
  agencies: AgenciesTable;
  venues: VenuesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  platform_meta: PlatformMetaTable;
}

export type RegionRow = Selectable<RegionsTable>;
export type AgencyRow = Selectable<AgenciesTable>;
export type UserRow = Selectable<UsersTable>;
export type RoleGrantRow = Selectable<RoleGrantsTable>;

export type CatalogLayer = "power" | "basic" | "spec" | "guide" | "bundle";
export type VersionStatus = "draft" | "in_review" | "published" | "superseded" | "abolished";

export interface CatalogEntriesTable {
  id: Generated<number>;
  layer: CatalogLayer;
  code: string;
  basic_code: string | null;
  agency_id: number | null;
  region_code: string;
  line_code: string | null;
  exercise_level: string | null;
  name: string;
  item_type: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<
    "draft" | "active" | "abolished",
    "draft" | "active" | "abolished" | undefined,
    "draft" | "active" | "abolished"
  >;
  current_version_id: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CatalogVersionsTable {
  id: Generated<number>;
  entry_id: number;
  version_no: number;
  status: VersionStatus;
  content: ColumnType<unknown, string, string>;
  content_digest: string;
  effective_from: string | null;
  effective_to: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  published_at: Date | null;
}

export type ChangeKind = "add" | "modify" | "split" | "abolish";
export type ChangeStatus = "submitted" | "rejected" | "approved" | "withdrawn";
export type SignoffKind = "justice" | "staffing" | "service_admin";

export interface ChangeRequestsTable {
  id: Generated<number>;
  entry_id: number;
  version_id: number | null;
  layer: CatalogLayer;
  kind: ChangeKind;
  trigger_situation: number;
  trigger_date: string;
  reason: string;
  basis_documents: ColumnType<unknown, string | undefined, string>;
  opinions: ColumnType<unknown, string | undefined, string>;
  touches_functions: boolean;
  status: ChangeStatus;
  round: ColumnType<number, number | undefined, number>;
  filing_agency_id: number;
  region_code: string;
  filed_on: string;
  filing_due: string;
  is_late_filing: boolean;
  review_due: string;
  extended_review_due: string | null;
  extension_reason: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  decision_comment: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ChangeRequestSignoffsTable {
  id: Generated<number>;
  change_request_id: number;
  kind: SignoffKind;
  agency_id: number;
  signed_by: string;
  is_approved: boolean;
  comment: string | null;
  signed_at: ColumnType<Date, Date | undefined, never>;
  round: number;
}

export interface ChangeRequestEventsTable {
  id: Generated<number>;
  change_request_id: number;
  action: string;
  actor_id: string | null;
  comment: string | null;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface CatalogObligationsTable {
  id: Generated<number>;
  source_version_id: number;
  entry_id: number;
  layer: CatalogLayer;
  due_date: string;
  fulfilled_at: Date | null;
  fulfilled_version_id: number | null;
}

export interface Database {
  catalog_entries: CatalogEntriesTable;
  catalog_versions: CatalogVersionsTable;
  change_requests: ChangeRequestsTable;
  change_request_signoffs: ChangeRequestSignoffsTable;
  change_request_events: ChangeRequestEventsTable;
  catalog_obligations: CatalogObligationsTable;
}

export type CatalogEntryRow = Selectable<CatalogEntriesTable>;
export type CatalogVersionRow = Selectable<CatalogVersionsTable>;
export type ChangeRequestRow = Selectable<ChangeRequestsTable>;

export type CaseStatus =
  | "submitted"
  | "accepted"
  | "under_review"
  | "suspended"
  | "approved"
  | "denied"
  | "delivered"
  | "withdrawn"
  | "not_accepted"
  | "revoked";
export type AcceptanceOutcome =
  "accepted" | "corrected_then_accepted" | "tolerance" | "not_ours" | "not_catalogued";
export type CaseChannel = "online" | "window" | "kiosk" | "assisted";
export type WarningLevel = "normal" | "yellow" | "red";

export interface CaseNumberCountersTable {
  region_code: string;
  day: string;
  last_seq: number;
}

export interface CasesTable {
  id: string;
  case_number: string;
  guide_entry_id: number;
  guide_version_id: number;
  guide_code: string;
  item_name: string;
  agency_id: number;
  handling_region_code: string;
  receiving_region_code: string;
  applicant_id: string;
  channel: CaseChannel;
  received_by: string | null;
  status: CaseStatus;
  acceptance_outcome: AcceptanceOutcome | null;
  case_kind: "1" | "2";
  form_data_enc: string;
  idempotency_key: string | null;
  submitted_at: Date;
  accepted_on: string | null;
  legal_limit_days: number | null;
  promised_limit_days: number;
  extension_days: ColumnType<number, number | undefined, number>;
  paused_workdays: ColumnType<number, number | undefined, number>;
  paused_since: string | null;
  suspension_reason: string | null;
  legal_due: string | null;
  promised_due: string | null;
  warning_level: ColumnType<WarningLevel, WarningLevel | undefined, WarningLevel>;
  tolerance_due: string | null;
  tolerance_missing: ColumnType<unknown, string | null | undefined, string | null>;
  decision: "approve" | "deny" | null;
  decision_reason: string | null;
  decided_at: Date | null;
  delivered_at: Date | null;
  lock_version: ColumnType<number, number | undefined, number>;
  is_commitment: ColumnType<boolean, boolean | undefined, boolean>;
  /** 0009: the parent case (one application of a bundle) this sub-case belongs to. */
  parent_case_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CasePostChecksTable {
  id: Generated<number>;
  case_id: string;
  due_date: string;
  status: "pending" | "passed" | "failed";
  findings: string | null;
  checked_by: string | null;
  checked_at: Date | null;
}

export interface CasePaymentsTable {
  id: Generated<number>;
  case_id: string;
  amount_fen: number;
  items: ColumnType<unknown, string, string>;
  status: "pending" | "paid";
  provider: string | null;
  provider_ref: string | null;
  receipt_number: string | null;
  created_at: Date;
  paid_at: Date | null;
}

export interface CaseMaterialsTable {
  id: Generated<number>;
  case_id: string;
  material_key: string;
  name: string;
  source: "upload" | "license" | "shared_data";
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sm3: string | null;
  data: Buffer | null;
  reference: string | null;
  is_supplement: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  comment: string | null;
  at: Date;
}

export interface CaseNoticesTable {
  id: Generated<number>;
  case_id: string;
  kind: string;
  title: string;
  content: ColumnType<unknown, string, string>;
  agency_id: number;
  issued_at: Date;
}

export interface Database {
  case_number_counters: CaseNumberCountersTable;
  cases: CasesTable;
  case_materials: CaseMaterialsTable;
  case_events: CaseEventsTable;
  case_notices: CaseNoticesTable;
  case_post_checks: CasePostChecksTable;
  case_payments: CasePaymentsTable;
}

export type CaseRow = Selectable<CasesTable>;

export interface EvaluationsTable {
  id: Generated<number>;
  /** The rated case, or null for a window visit (0011). */
  case_id: string | null;
  rater_id: string;
  channel: "online" | "window";
  level: number;
  indicators: ColumnType<unknown, string, string>;
  comment: string | null;
  guide_code: string | null;
  /** The rated window visit without a case (0011). */
  visit_id: ColumnType<string | null, string | null | undefined, string | null>;
  agency_id: number;
  region_code: string;
  staff_id: string | null;
  created_at: Date;
}

export type RectificationStatus = "open" | "reported" | "appealed" | "closed";

export interface RectificationTasksTable {
  id: Generated<number>;
  evaluation_id: number;
  agency_id: number;
  region_code: string;
  due_date: string;
  status: RectificationStatus;
  verification: string | null;
  rectification: string | null;
  callback_note: string | null;
  reported_at: Date | null;
  appeal_reason: string | null;
  appealed_at: Date | null;
  recheck_result: string | null;
  rechecked_at: Date | null;
  is_escalated: ColumnType<boolean, boolean | undefined, boolean>;
  lock_version: ColumnType<number, number | undefined, number>;
}

export interface Database {
  evaluations: EvaluationsTable;
  rectification_tasks: RectificationTasksTable;
}

export type EvaluationRow = Selectable<EvaluationsTable>;
export type RectificationRow = Selectable<RectificationTasksTable>;

export type ComplaintStatus = "received" | "dispatched" | "replied" | "closed";

export interface ComplaintsTable {
  id: string;
  number: string;
  channel: "portal" | "hotline" | "hall";
  category: "service_attitude" | "efficiency" | "unable_to_handle" | "guide_error" | "integrity" | "other";
  complainant_id: string | null;
  contact_enc: string | null;
  content: string;
  related_case_id: string | null;
  related_guide: string | null;
  suggested_agency_id: number | null;
  agency_id: number | null;
  region_code: string;
  status: ComplaintStatus;
  due_date: string | null;
  reply: string | null;
  replied_at: Date | null;
  satisfaction: number | null;
  reopen_count: ColumnType<number, number | undefined, number>;
  received_by: string | null;
  created_at: Date;
  lock_version: ColumnType<number, number | undefined, number>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

export interface Database {
  complaints: ComplaintsTable;
  rate_limits: RateLimitsTable;
}

export type ComplaintRow = Selectable<ComplaintsTable>;

// --- credentials (e-seals, signed documents, e-licenses) ---

export interface PlatformRootKeysTable {
  id: Generated<number>;
  public_key: string;
  private_key_enc: string;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
}

export interface AgencySealsTable {
  id: Generated<number>;
  agency_id: number;
  seal_code: string;
  name: string;
  public_key: string;
  private_key_enc: string;
  svg: string;
  png: Buffer;
  valid_from: Date;
  valid_to: Date;
  status: "active" | "retired";
  root_key_id: number;
  certificate: ColumnType<unknown, string, string>;
  root_signature: string;
  created_at: Date;
  retired_at: Date | null;
}

export interface SignedDocumentsTable {
  id: string;
  case_id: string;
  notice_id: number;
  agency_id: number;
  seal_id: number;
  kind: string;
  title: string;
  content: ColumnType<unknown, string, string>;
  content_sm3: string;
  signature: string;
  signed_at: Date;
  pdf: Buffer;
  pdf_sm3: string;
}

export interface LicenseTypesTable {
  id: Generated<number>;
  key: string;
  type_code: string;
  name: string;
  issuing_line_code: string | null;
  holder_kind: "person" | "enterprise" | "either";
  field_schema: ColumnType<unknown, string, string>;
  validity_years: number | null;
  created_at: Date;
}

export interface LicenseNumberCountersTable {
  issuer_agency_id: number;
  type_id: number;
  year: number;
  last_seq: number;
}

export interface LicensesTable {
  id: string;
  identifier: string;
  type_id: number;
  license_number: string;
  version: number;
  issuer_agency_id: number;
  seal_id: number;
  case_id: string | null;
  holder_kind: "person" | "enterprise";
  holder_name: string;
  holder_code_enc: string;
  holder_bidx: string;
  holder_user_id: string | null;
  fields: ColumnType<unknown, string, string>;
  valid_from: string;
  valid_to: string | null;
  status: "valid" | "revoked";
  revoked_at: Date | null;
  revocation_reason: string | null;
  supersedes_id: string | null;
  content_sm3: string;
  signature: string;
  issued_at: Date;
}

export interface LicenseObjectionsTable {
  id: Generated<number>;
  license_id: string;
  filed_by: string;
  reason: string;
  requested_fields: ColumnType<unknown, string | null, string | null>;
  status: "open" | "corrected" | "rejected";
  resolution: string | null;
  resolved_by: string | null;
  corrected_license_id: string | null;
  filed_at: Date;
  resolved_at: Date | null;
}

export interface Database {
  platform_root_keys: PlatformRootKeysTable;
  agency_seals: AgencySealsTable;
  signed_documents: SignedDocumentsTable;
  license_types: LicenseTypesTable;
  license_number_counters: LicenseNumberCountersTable;
  licenses: LicensesTable;
  license_objections: LicenseObjectionsTable;
}

export type AgencySealRow = Selectable<AgencySealsTable>;
export type LicenseRow = Selectable<LicensesTable>;
export type LicenseTypeRow = Selectable<LicenseTypesTable>;
export type SignedDocumentRow = Selectable<SignedDocumentsTable>;
// Bundles and parent cases (0009_bundles.sql).

export interface BundleItemPinsTable {
  bundle_version_id: number;
  item_key: string;
  guide_entry_id: number;
  guide_version_id: number;
}

export type ParentCaseStatus =
  "submitted" | "in_progress" | "ready" | "completed" | "partially_completed" | "failed" | "withdrawn";

export interface ParentCasesTable {
  id: string;
  case_number: string;
  kind: "bundle";
  ref_code: string;
  ref_version_id: number | null;
  title: string;
  applicant_id: string;
  receiving_region_code: string;
  lead_agency_id: number | null;
  channel: CaseChannel;
  status: ParentCaseStatus;
  promised_due: string | null;
  submitted_at: Date;
  completed_at: Date | null;
  idempotency_key: string | null;
}

export interface CaseWaitsTable {
  case_id: string;
  waits_for_case_id: string;
}

export interface Database {
  bundle_item_pins: BundleItemPinsTable;
  case_waits: CaseWaitsTable;
  parent_cases: ParentCasesTable;
}

export type ParentCaseRow = Selectable<ParentCasesTable>;

// --- halls & search (migration 0010) ---

export type WindowKind =
  "comprehensive" | "cross_province" | "in_region" | "one_thing" | "assisted" | "complaint";
export type AppointmentStatus = "booked" | "cancelled" | "checked_in" | "no_show";
export type TicketStatus = "waiting" | "called" | "done" | "skipped";

export interface HallSettingsTable {
  venue_id: number;
  periods: ColumnType<{ start: string; end: string }[], string, string>;
  slot_minutes: number;
  capacity_per_window: number;
  booking_days_ahead: ColumnType<number, number | undefined, number>;
  updated_at: Date;
}

export interface HallWindowsTable {
  id: Generated<number>;
  venue_id: number;
  number: string;
  kind: WindowKind;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
}

export interface HallWindowItemsTable {
  window_id: number;
  guide_code: string;
}

export interface HallDelegationsTable {
  id: Generated<number>;
  venue_id: number;
  guide_code: string;
  basis: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface AppointmentSlotCountsTable {
  venue_id: number;
  guide_code: string;
  slot_date: string;
  slot_start: string;
  booked: ColumnType<number, number | undefined, number>;
}

/** 预约时段调整 (migration 0018): one generated slot of one day moved, resized or closed. */
export interface AppointmentSlotOverridesTable {
  venue_id: number;
  slot_date: string;
  regular_start: string;
  start_time: string;
  end_time: string;
  capacity_per_window: number | null;
  is_closed: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Date;
}

export interface AppointmentsTable {
  id: string;
  venue_id: number;
  guide_code: string;
  applicant_id: string;
  slot_date: string;
  slot_start: string;
  slot_end: string;
  status: AppointmentStatus;
  created_at: Date;
  cancelled_at: Date | null;
  reminded_at: Date | null;
  checked_in_at: Date | null;
}

export interface QueueCountersTable {
  venue_id: number;
  service_date: string;
  last_seq: number;
}

export interface QueueTicketsTable {
  id: string;
  venue_id: number;
  service_date: string;
  seq: number;
  number: string;
  source: "appointment" | "walk_in";
  appointment_id: string | null;
  applicant_id: string | null;
  guide_code: string | null;
  window_kind: WindowKind;
  priority_group: string | null;
  status: TicketStatus;
  window_id: number | null;
  issued_at: Date;
  called_at: Date | null;
  finished_at: Date | null;
}

export interface SearchTermsTable {
  id: Generated<number>;
  kind: "item" | "faq" | "bundle";
  key: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  ref: string | null;
  tokens: string[];
  pinyin: string;
  initials: string;
  popularity: ColumnType<number, number | undefined, number>;
}

export interface SearchMetaTable {
  id: number;
  generation: number;
}

export interface SearchGuidesTable {
  entry_id: number;
  code: string;
  term_id: number;
  name: string;
  agency_id: number | null;
  agency_name: string;
  region_code: string;
  item_type: string;
  line_code: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  popularity: ColumnType<number, number | undefined, number>;
}

export interface ItemFaqsTable {
  id: Generated<number>;
  basic_code: string;
  question: string;
  answer: string;
  created_by: string | null;
  created_at: Date;
}

export interface InstantApprovalRulesTable {
  guide_code: string;
  rules: ColumnType<unknown, string, string>;
  is_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  updated_at: Date;
}

export interface InstantApprovalsTable {
  case_id: string;
  guide_code: string;
  outcome: "approved" | "referred";
  checks: ColumnType<unknown, string, string>;
  decided_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface Database {
  hall_settings: HallSettingsTable;
  hall_windows: HallWindowsTable;
  hall_window_items: HallWindowItemsTable;
  hall_delegations: HallDelegationsTable;
  appointment_slot_counts: AppointmentSlotCountsTable;
  appointments: AppointmentsTable;
  appointment_slot_overrides: AppointmentSlotOverridesTable;
  queue_counters: QueueCountersTable;
  queue_tickets: QueueTicketsTable;
  search_terms: SearchTermsTable;
  search_guides: SearchGuidesTable;
  search_meta: SearchMetaTable;
  item_faqs: ItemFaqsTable;
  instant_approval_rules: InstantApprovalRulesTable;
  instant_approvals: InstantApprovalsTable;
}
// ---- notifications (0011) ----

export type NotificationObjectType = "case" | "change_request" | "rectification" | "complaint";

export interface NotificationTriggersTable {
  object_type: NotificationObjectType;
  object_id: string;
  level: string;
  agency_id: number | null;
  region_code: string;
  subject: string;
  created_at: Date;
}

export interface NotificationsTable {
  id: Generated<number>;
  recipient_id: string;
  object_type: NotificationObjectType;
  object_id: string;
  level: string;
  agency_id: number | null;
  region_code: string;
  subject: string;
  created_at: Date;
  read_at: Date | null;
  delivered_at: Date | null;
}

export interface WindowVisitsTable {
  id: string;
  visitor_id: string;
  staff_id: string;
  agency_id: number;
  region_code: string;
  purpose: string;
  guide_code: string | null;
  created_at: Date;
}

export interface Database {
  window_visits: WindowVisitsTable;
  notification_triggers: NotificationTriggersTable;
  notifications: NotificationsTable;
}

export type NotificationRow = Selectable<NotificationsTable>;
