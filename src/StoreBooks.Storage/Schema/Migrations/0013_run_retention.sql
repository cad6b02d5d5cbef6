-- StoreBooks state store, schema 13: runs and resolved issues are forgotten after the retention serve is given
-- (--keep-runs-days); these indexes let the hourly purge find the old rows without reading the whole log.
CREATE INDEX sync_runs_by_age ON sync_runs (started_at);
CREATE INDEX sync_issues_by_resolution ON sync_issues (resolved_at);
