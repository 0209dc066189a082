-- E-seals (SM2), signed documents, e-license types and instances, objections (SPEC §8, appendix A).

-- The platform root key certifies agency seal keys; its private key is SM4-GCM ciphertext.
create table platform_root_keys (
  id               serial primary key,
  public_key       text not null,
  private_key_enc  text not null,
  is_active        boolean not null default true,
  created_at       timestamptz not null
);
create unique index platform_root_keys_active_idx on platform_root_keys (is_active) where is_active;

-- One active seal per agency; rotation retires the old one (kept to verify what it signed).
create table agency_seals (
  id               bigserial primary key,
  agency_id        bigint not null references agencies (id),
  seal_code        text not null unique,
  name             text not null,
  public_key       text not null,
  private_key_enc  text not null,
  svg              text not null,
  png              bytea not null,
  valid_from       timestamptz not null,
  valid_to         timestamptz not null,
  status           text not null check (status in ('active', 'retired')),
  root_key_id      integer not null references platform_root_keys (id),
  certificate      jsonb not null,
  root_signature   text not null,
  created_at       timestamptz not null,
  retired_at       timestamptz
);
create unique index agency_seals_active_idx on agency_seals (agency_id) where status = 'active';

-- A notice or decision of a case, rendered as PDF and signed (SM2 over the SM3 of its canonical content).
create table signed_documents (
  id               uuid primary key,
  case_id          uuid not null references cases (id),
  notice_id        bigint not null unique references case_notices (id),
  agency_id        bigint not null references agencies (id),
  seal_id          bigint not null references agency_seals (id),
  kind             text not null,
  title            text not null,
  content          jsonb not null,
  content_sm3      text not null,
  signature        text not null,
  signed_at        timestamptz not null,
  pdf              bytea not null,
  pdf_sm3          text not null
);
create index signed_documents_case_idx on signed_documents (case_id);

create table license_types (
  id                  serial primary key,
  key                 text not null unique check (key ~ '^[a-z][a-z0-9_]{1,59}$'),
  type_code           text not null unique check (length(type_code) = 21),
  name                text not null,
  issuing_line_code   text,
  holder_kind         text not null check (holder_kind in ('person', 'enterprise', 'either')),
  field_schema        jsonb not null,
  validity_years      integer check (validity_years is null or validity_years between 1 and 100),
  created_at          timestamptz not null
);

create table license_number_counters (
  issuer_agency_id  bigint not null references agencies (id),
  type_id           integer not null references license_types (id),
  year              integer not null,
  last_seq          integer not null,
  primary key (issuer_agency_id, type_id, year)
);

create table licenses (
  id                 uuid primary key,
  identifier         text not null unique,
  type_id            integer not null references license_types (id),
  license_number     text not null,
  version            integer not null check (version between 1 and 999),
  issuer_agency_id   bigint not null references agencies (id),
  seal_id            bigint not null references agency_seals (id),
  case_id            uuid references cases (id),
  holder_kind        text not null check (holder_kind in ('person', 'enterprise')),
  holder_name        text not null,
  holder_code_enc    text not null,
  holder_bidx        text not null,
  holder_user_id     uuid references users (id),
  fields             jsonb not null,
  valid_from         date not null,
  valid_to           date,
  status             text not null check (status in ('valid', 'revoked')),
  revoked_at         timestamptz,
  revocation_reason  text,
  supersedes_id      uuid references licenses (id),
  content_sm3        text not null,
  signature          text not null,
  issued_at          timestamptz not null
);
create index licenses_holder_idx on licenses (holder_bidx, type_id);
create unique index licenses_case_idx on licenses (case_id) where case_id is not null and supersedes_id is null;

-- 异议: a holder disputes a license's content; the issuer corrects (a new version) or rejects with reasons.
create table license_objections (
  id               bigserial primary key,
  license_id       uuid not null references licenses (id),
  filed_by         uuid not null references users (id),
  reason           text not null,
  requested_fields jsonb,
  status           text not null check (status in ('open', 'corrected', 'rejected')),
  resolution       text,
  resolved_by      uuid references users (id),
  corrected_license_id uuid references licenses (id),
  filed_at         timestamptz not null,
  resolved_at      timestamptz
);
create index license_objections_license_idx on license_objections (license_id);
