-- Datasets uploaded to a project. The file lives under SYMSWEEP_HOME/datasets, named by the id
-- (<id>.npz), never by the user's name; it is written (temp name, fsync, rename) before its row is
-- inserted, so a row always has its file, and a file without a row is an orphan removed at start.
create table dataset (
    id          bigserial    primary key,
    project_id  bigint       not null references project (id),
    name        text         not null,
    -- The stored .npz's size, and the arrays it holds: [{"name", "dtype", "shape": [rows, cols]}].
    bytes       bigint       not null,
    data_bytes  bigint       not null,
    rows        bigint       not null,
    arrays      jsonb        not null,
    uploaded_by bigint       references account (id) on delete set null,
    uploaded_at timestamptz  not null default now()
);
create unique index dataset_project_name_idx on dataset (project_id, lower(name));
