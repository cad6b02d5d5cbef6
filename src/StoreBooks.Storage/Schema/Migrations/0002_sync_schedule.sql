-- StoreBooks state store, schema 2: when each connection syncs next, and whether a sync was asked for.
-- A request (a webhook, the dashboard) adds one to `requests`; a run's start copies `requests` into `requests_seen`.
-- A connection is due when `requests > requests_seen` (asked for since its last run started) or `next_sync_at <= now`;
-- counting instead of comparing times keeps "one more run" exact when a clock is coarse or two machines' clocks differ.

CREATE TABLE sync_schedule (
    connection_id     {id} PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    next_sync_at      {time},                  -- null: only when asked
    requests          {int} NOT NULL,
    requests_seen     {int} NOT NULL,
    sync_requested_at {time},
    request_reason    TEXT,                  -- webhook, manual
    last_started_at   {time},
    last_finished_at  {time},
    updated_at        {time} NOT NULL
);

CREATE INDEX sync_schedule_by_next ON sync_schedule (next_sync_at);

CREATE INDEX webhook_inbox_by_connection ON webhook_inbox (connection_id, received_at);
