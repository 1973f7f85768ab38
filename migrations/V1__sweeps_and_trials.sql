-- Sweeps, their planned trials, and the metrics trials report.
-- Keys are designed so that a trial can never be planned twice within a sweep and a metric never
-- counted twice for one attempt (see DESIGN.md, "How a sweep flows", steps 2 and 5).

create sequence sweep_id_seq increment by 50;
create sequence trial_id_seq increment by 50;

create table sweep (
    id          bigint primary key default nextval('sweep_id_seq'),
    name        varchar(200) not null,
    spec        jsonb        not null,
    state       varchar(16)  not null
        check (state in ('RUNNING', 'PAUSED', 'SUCCEEDED', 'CANCELLED')),
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    finished_at timestamptz,
    version     bigint       not null default 0
);
-- The sweep list is read newest first, paged.
create index sweep_created_idx on sweep (created_at desc, id desc);

create table trial (
    id             bigint primary key default nextval('trial_id_seq'),
    sweep_id       bigint       not null references sweep (id) on delete cascade,
    variant        varchar(16)  not null check (variant in ('clip', 'symile', 'gated-symile')),
    params         jsonb        not null,
    -- SHA-256 (hex) of the canonical JSON of params: identifies a configuration across seeds.
    params_hash    varchar(64)  not null,
    condition      jsonb        not null,
    condition_hash varchar(64)  not null,
    seed           bigint       not null,
    state          varchar(16)  not null
        check (state in ('PLANNED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PRUNED', 'CANCELLED')),
    attempt        integer      not null default 0 check (attempt >= 0),
    node           varchar(200),
    device         varchar(32),
    -- The selected epoch's objective, copied out of final_metric so summaries are one GROUP BY.
    objective      double precision,
    queued_at      timestamptz,
    started_at     timestamptz,
    finished_at    timestamptz,
    heartbeat_at   timestamptz,
    error          text,
    created_at     timestamptz  not null default now(),
    constraint trial_unique_in_sweep unique (sweep_id, variant, params_hash, condition_hash, seed)
);
-- Dashboard reads: trials of a sweep by state; per-config summaries; stale-heartbeat scans.
create index trial_sweep_state_idx on trial (sweep_id, state);
create index trial_sweep_config_idx on trial (sweep_id, variant, params_hash, condition_hash);
create index trial_running_heartbeat_idx on trial (heartbeat_at) where state = 'RUNNING';

-- Per-epoch metrics, one row per (trial, attempt, epoch, metric). The attempt is part of the key so a
-- retried trial never mixes its curves with the failed attempt's.
create table epoch_metric (
    trial_id bigint           not null references trial (id) on delete cascade,
    attempt  integer          not null,
    epoch    integer          not null check (epoch >= 0),
    name     varchar(64)      not null,
    value    double precision not null,
    primary key (trial_id, attempt, epoch, name)
);

-- Final metrics of a trial's successful attempt (test top-1 at the selected epoch, selected epoch, ...).
create table final_metric (
    trial_id bigint           not null references trial (id) on delete cascade,
    name     varchar(64)      not null,
    value    double precision not null,
    primary key (trial_id, name)
);

-- Every state change of a trial, for the trial page's history and for audits of retries.
create table trial_transition (
    id         bigserial primary key,
    trial_id   bigint      not null references trial (id) on delete cascade,
    attempt    integer     not null,
    from_state varchar(16),
    to_state   varchar(16) not null,
    at         timestamptz not null default now(),
    node       varchar(200),
    note       text
);
create index trial_transition_trial_idx on trial_transition (trial_id, at);
