-- Accounts, teams, projects and what grants access to them. Every sweep belongs to a project of a team;
-- sweeps stored before this migration move into the team and project named 'default', nothing deleted.

create table account (
    id            bigserial primary key,
    username      varchar(64)  not null,
    -- Argon2id in PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash); never the password.
    password_hash varchar(255) not null,
    -- Site administrators create accounts; team roles are in membership.
    site_admin    boolean      not null default false,
    failed_logins integer      not null default 0,
    locked_until  timestamptz,
    last_login_at timestamptz,
    created_at    timestamptz  not null default now()
);
-- User names are unique without regard to case, so 'Ada' cannot impersonate 'ada'.
create unique index account_username_idx on account (lower(username));

create table team (
    id         bigserial primary key,
    name       varchar(100) not null,
    created_at timestamptz  not null default now()
);
create unique index team_name_idx on team (lower(name));

create table membership (
    team_id    bigint      not null references team (id) on delete cascade,
    account_id bigint      not null references account (id) on delete cascade,
    role       varchar(16) not null check (role in ('viewer', 'editor', 'admin')),
    created_at timestamptz not null default now(),
    primary key (team_id, account_id)
);
create index membership_account_idx on membership (account_id);

create table project (
    id         bigserial primary key,
    team_id    bigint       not null references team (id) on delete cascade,
    name       varchar(100) not null,
    created_at timestamptz  not null default now()
);
create unique index project_name_idx on project (team_id, lower(name));

insert into team (name) values ('default');
insert into project (team_id, name) select id, 'default' from team where name = 'default';

alter table sweep add column project_id bigint references project (id);
alter table sweep add column created_by bigint references account (id) on delete set null;
update sweep set project_id = (select p.id from project p join team t on t.id = p.team_id
                               where t.name = 'default' and p.name = 'default');
alter table sweep alter column project_id set not null;
create index sweep_project_idx on sweep (project_id, created_at desc, id desc);

-- Personal API tokens: only a SHA-256 of the token is kept (tokens are 256-bit random, so a fast hash
-- is enough); the token itself is shown once, at creation.
create table api_token (
    id           bigserial primary key,
    account_id   bigint       not null references account (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   bytea        not null unique,
    scope        varchar(8)   not null check (scope in ('read', 'write')),
    created_at   timestamptz  not null default now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_account_idx on api_token (account_id);

-- Browser sessions: the cookie carries a random id, of which only the hash is stored.
create table web_session (
    id_hash      bytea       primary key,
    account_id   bigint      not null references account (id) on delete cascade,
    csrf_token   varchar(64) not null,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at   timestamptz not null
);
create index web_session_account_idx on web_session (account_id);

-- Read-only links to one sweep for people without an account.
create table share_link (
    id         bigserial primary key,
    sweep_id   bigint       not null references sweep (id) on delete cascade,
    token_hash bytea        not null unique,
    label      varchar(100),
    created_by bigint       references account (id) on delete set null,
    created_at timestamptz  not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz
);
create index share_link_sweep_idx on share_link (sweep_id);

-- Who did what, when. Kept when the sweep it names is deleted (no foreign key on target_id).
create table audit_event (
    id          bigserial primary key,
    at          timestamptz  not null default now(),
    account_id  bigint       references account (id) on delete set null,
    actor       varchar(100) not null,
    action      varchar(32)  not null,
    target_type varchar(16)  not null,
    target_id   bigint,
    team_id     bigint       references team (id) on delete cascade,
    detail      text
);
create index audit_event_team_idx on audit_event (team_id, at desc, id desc);
create index audit_event_target_idx on audit_event (target_type, target_id, at desc);
