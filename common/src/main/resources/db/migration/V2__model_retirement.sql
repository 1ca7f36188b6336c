-- A model that the registering gateway no longer serves is retired, not deleted: its directions, jobs and
-- results stay readable, and new jobs for it are refused. Configuring it again brings it back.
alter table models add column retired_at timestamptz;
