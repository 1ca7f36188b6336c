-- A running job's worker beats on its row; a job whose beats stopped is re-queued or failed by the gateway,
-- never left RUNNING. A retried attempt leaves its reason on the row, so that the retry is visible.
alter table jobs add column heartbeat_at timestamptz;
alter table jobs add column last_failure_code varchar(50);
alter table jobs add column last_failure_message text;
create index jobs_running_by_heartbeat on jobs (heartbeat_at) where state = 'RUNNING';
