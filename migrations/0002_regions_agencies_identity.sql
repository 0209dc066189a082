-- Regions, agencies and venues, identity (users, roles, sessions, login throttling).

-- Administrative divisions, NBS statistical codes: 2 digits 自治区, 4 地/州/市, 6 县/市/区,
-- 9 乡/镇/街道, 12 村/社区. A code's ancestors are its prefixes.
create table regions (
  code         text primary key check (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  name         text not null,
  level        smallint not null check (level between 1 and 5),
  parent_code  text references regions (code),
  check ((level = 1) = (parent_code is null))
);
create index regions_parent_idx on regions (parent_code, code);
create index regions_name_idx on regions (name);

-- Functional lines (条线): the same line at every level gives the 对口 department.
create table functional_lines (
  code  text primary key,
  name  text not null unique
);

create table agencies (
  id                bigserial primary key,
  credit_code       text not null unique check (length(credit_code) = 18),
  name              text not null,
  region_code       text not null references regions (code),
  kind              text not null check (kind in ('service_admin', 'line_department', 'implementing', 'justice', 'staffing', 'public_utility')),
  line_code         text references functional_lines (code),
  parent_agency_id  bigint references agencies (id),
  phone             text,
  address           text,
  is_active         boolean not null default true,
  created_at        timestamptz not null default now(),
  unique (region_code, name)
);
create index agencies_line_idx on agencies (line_code, region_code);
create index agencies_region_idx on agencies (region_code);

-- Service venues: 政务服务中心 (county and above), 便民服务中心 (township), 便民服务站 (village).
create table venues (
  id           bigserial primary key,
  agency_id    bigint not null references agencies (id),
  region_code  text not null references regions (code),
  name         text not null,
  kind         text not null check (kind in ('service_center', 'convenience_center', 'convenience_station')),
  address      text,
  phone        text,
  unique (region_code, name)
);

-- Accounts. ID and phone numbers are stored SM4-GCM encrypted, with a keyed SM3 (HMAC) blind
-- index for exact lookup; they are never stored in clear.
create table users (
  id                   uuid primary key,
  kind                 text not null check (kind in ('person', 'enterprise', 'staff')),
  login_name           text unique,
  display_name         text not null,
  id_number_enc        text,
  id_number_bidx       text unique,
  phone_enc            text,
  phone_bidx           text,
  credit_code          text unique,
  agency_id            bigint references agencies (id),
  password_hash        text not null,
  is_active            boolean not null default true,
  password_changed_at  timestamptz not null default now(),
  created_at           timestamptz not null default now(),
  check (kind <> 'person' or (id_number_bidx is not null and id_number_enc is not null)),
  check (kind <> 'enterprise' or credit_code is not null),
  check (kind <> 'staff' or (agency_id is not null and login_name is not null))
);
create index users_agency_idx on users (agency_id);
create index users_phone_bidx_idx on users (phone_bidx);

-- Roles granted per agency; region_code is the scope: the agency's own region for acting roles,
-- a subtree for management roles.
create table role_grants (
  id           bigserial primary key,
  user_id      uuid not null references users (id) on delete cascade,
  role         text not null check (role in ('window_clerk', 'reviewer', 'approver', 'catalog_editor', 'catalog_reviewer', 'supervisor', 'admin')),
  agency_id    bigint not null references agencies (id),
  region_code  text not null references regions (code),
  granted_at   timestamptz not null default now(),
  granted_by   text,
  unique (user_id, role, agency_id)
);

-- Server-side sessions: the id is the SM3 digest of the token; the token is only in the cookie.
create table sessions (
  id            text primary key,
  user_id       uuid not null references users (id) on delete cascade,
  kind          text not null check (kind in ('cookie', 'bearer')),
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  last_seen_at  timestamptz not null default now(),
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
create index sessions_user_idx on sessions (user_id);

-- Failed logins per account and per IP, in the database so that every instance sees them.
create table login_throttle (
  key                text primary key,
  failures           integer not null,
  window_started_at  timestamptz not null,
  locked_until       timestamptz
);

-- Small platform facts (e.g. when the demo seed ran).
create table platform_meta (
  key         text primary key,
  value       jsonb not null,
  updated_at  timestamptz not null default now()
);
