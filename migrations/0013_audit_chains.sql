-- Several audit chains instead of one (SPEC §15 throughput). A writer locked the single chain head
-- from its audit record to its commit, so every audited write of the platform committed one after
-- the other (one WAL flush each). Now a transaction takes whichever of 32 chain heads no other
-- transaction holds (FOR UPDATE SKIP LOCKED) and appends to that chain; each chain is hash-chained
-- with SM3 exactly as before and verifies on its own. Events keep a global order (`seq`, from a
-- sequence) and get their place in their chain (`chain`, `chain_seq`).
-- Events written before this migration stay untouched: they are chain 0, and their place in it is
-- their `seq` (`chain_seq` null); chain 0 continues after them.

create table audit_chains (
  chain  smallint primary key check (chain between 0 and 31),
  seq    bigint not null,   -- place of the chain's last event (0: empty)
  hash   text not null      -- hash of the chain's last event (64 zeros: empty)
);
insert into audit_chains (chain, seq, hash) select 0, seq, hash from audit_chain_head where id = 1;
insert into audit_chains (chain, seq, hash) select g, 0, repeat('0', 64) from generate_series(1, 31) as g;

create sequence audit_events_seq;
select setval('audit_events_seq', (select seq + 1 from audit_chain_head where id = 1), false);

alter table audit_events add column chain smallint not null default 0 check (chain between 0 and 31);
alter table audit_events add column chain_seq bigint;
create unique index audit_events_chain_idx on audit_events (chain, (coalesce(chain_seq, seq)));

-- The former single head, for its readers: the number of events (sum of the chains' places) and a
-- digest of all heads. Writers move audit_chains.
drop table audit_chain_head;
create view audit_chain_head as
  select 1::smallint as id,
         sum(seq)::bigint as seq,
         md5(string_agg(chain::text || ':' || hash, ',' order by chain)) as hash
  from audit_chains;
