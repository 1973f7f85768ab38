-- What scheduling needs to read fast, without re-parsing a sweep's spec on every trial completion.
alter table sweep add column max_parallel integer not null default 1 check (max_parallel >= 1);
alter table sweep add column retries integer not null default 2 check (retries >= 0);

-- Failed attempts count against the sweep's retry limit; attempts lost to a crashed node do not.
alter table trial add column failures integer not null default 0 check (failures >= 0);
-- PLANNED trials are dispatched in plan order.
create index trial_sweep_planned_idx on trial (sweep_id, id) where state = 'PLANNED';
-- Trial pages of a sweep, newest plan order first, filtered by state or variant.
create index trial_sweep_id_idx on trial (sweep_id, id);
-- Summaries read only the objective of succeeded trials, grouped by configuration and condition.
create index trial_sweep_done_idx on trial (sweep_id, variant, params_hash, condition_hash)
    include (objective) where state = 'SUCCEEDED';
drop index trial_sweep_config_idx;
