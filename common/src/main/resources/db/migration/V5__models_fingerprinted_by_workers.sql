-- The gateway registers models from their config alone (it no longer loads libtorch); the first worker that loads a
-- model records its fingerprint and configuration summary (issue 21). Until then both are null.
alter table models
    alter column fingerprint drop not null,
    alter column config_summary drop not null;
