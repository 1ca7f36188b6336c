-- Locus registry: models, uploaded images, jobs, the direction library, and the outboxes
-- that carry job messages and webhooks out of the database transaction.

create table models (
    id             varchar(100) primary key,
    name           varchar(200) not null,
    fingerprint    varchar(80)  not null,
    model_class    varchar(100) not null,
    sample_size    integer      not null check (sample_size > 0),
    in_channels    integer      not null check (in_channels > 0),
    config_summary text         not null,
    registered_at  timestamptz  not null
);

-- Images are addressed by the sha256 of their bytes: uploading the same file twice is one row.
create table images (
    id           char(64)    primary key,
    content_type varchar(50) not null,
    width        integer     not null check (width > 0),
    height       integer     not null check (height > 0),
    size_bytes   bigint      not null check (size_bytes > 0),
    created_at   timestamptz not null
);

create table jobs (
    id               uuid         primary key,
    type             varchar(20)  not null check (type in ('DISCOVERY', 'EDIT')),
    state            varchar(20)  not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
    model_id         varchar(100) not null references models (id),
    request          text         not null,
    webhook_url      text,
    phase            varchar(50),
    step             integer,
    total_steps      integer,
    cancel_requested boolean      not null default false,
    attempts         integer      not null default 0,
    worker           varchar(200),
    error_code       varchar(50),
    error_message    text,
    result           text,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz  not null,
    -- a finished job has exactly one outcome
    check ((state = 'SUCCEEDED') = (result is not null)),
    check ((state = 'FAILED') = (error_code is not null))
);
create index jobs_by_state on jobs (state, created_at);

-- Versions are numbered per name; the counter row is locked while a version is taken.
create table direction_names (
    name         varchar(100) primary key,
    last_version integer      not null check (last_version > 0)
);

create table direction_versions (
    id                uuid             primary key,
    name              varchar(100)     not null references direction_names (name),
    version           integer          not null check (version > 0),
    -- a redelivered discovery job must never yield a second version
    job_id            uuid             not null unique references jobs (id),
    model_id          varchar(100)     not null references models (id),
    model_fingerprint varchar(80)      not null,
    method            varchar(20)      not null,
    space             varchar(10)      not null check (space in ('x_t', 'h')),
    parameters        text             not null,
    timestep          double precision not null check (timestep > 0 and timestep <= 1),
    schedule          varchar(200)     not null,
    mask_hash         varchar(80)      not null,
    source_image_id   char(64)         not null references images (id),
    seed              bigint           not null,
    code_version      varchar(100)     not null,
    basis_sha256      char(64)         not null,
    basis_bytes       bigint           not null,
    preview_sha256    char(64),
    preview_strength  double precision,
    singular_values   text             not null,
    labels            text             not null,
    timings           text             not null,
    description       text,
    created_at        timestamptz      not null,
    deleted_at        timestamptz,
    unique (name, version)
);
create index direction_versions_by_model on direction_versions (model_id, method);

create table direction_tags (
    direction_version_id uuid         not null references direction_versions (id) on delete cascade,
    tag                  varchar(100) not null,
    primary key (direction_version_id, tag)
);
create index direction_tags_by_tag on direction_tags (tag);

create table direction_aliases (
    name       varchar(100) not null,
    alias      varchar(100) not null,
    version    integer      not null,
    updated_at timestamptz  not null,
    primary key (name, alias),
    foreign key (name, version) references direction_versions (name, version)
);

-- Which direction versions an edit job uses: deletion keeps versions that unfinished edits need.
create table edit_directions (
    job_id               uuid not null references jobs (id),
    direction_version_id uuid not null references direction_versions (id),
    primary key (job_id, direction_version_id)
);

-- Transactional outbox: the job row and its message commit together; a relay publishes them.
create table outbox (
    id           bigserial    primary key,
    topic        varchar(200) not null,
    message_key  varchar(100) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

create table idempotency_keys (
    scope        varchar(50)  not null,
    key          varchar(200) not null,
    request_hash char(64)     not null,
    resource_id  varchar(100) not null,
    created_at   timestamptz  not null,
    primary key (scope, key)
);

create table webhook_deliveries (
    id              bigserial   primary key,
    job_id          uuid        not null references jobs (id),
    url             text        not null,
    payload         text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text,
    created_at      timestamptz not null
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where delivered_at is null and failed_at is null;
