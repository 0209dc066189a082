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
