-- 告知承诺 post-checks and fees (条例 21) for cases.

alter table cases add column is_commitment boolean not null default false;

create table case_post_checks (
  id          bigserial primary key,
  case_id     uuid not null unique references cases (id),
  due_date    date not null,
  status      text not null check (status in ('pending', 'passed', 'failed')),
  findings    text,
  checked_by  text,
  checked_at  timestamptz
);
create index case_post_checks_due_idx on case_post_checks (due_date) where status = 'pending';

create table case_payments (
  id              bigserial primary key,
  case_id         uuid not null unique references cases (id),
  amount_fen      integer not null check (amount_fen > 0),
  items           jsonb not null,
  status          text not null check (status in ('pending', 'paid')),
  provider        text,
  provider_ref    text,
  receipt_number  text unique,
  created_at      timestamptz not null,
  paid_at         timestamptz
);
