-- StoreBooks state store, schema 1.
-- One script for SQLite and PostgreSQL (see the Storage README): {id}, {time}, {json}, {bytes} and {int} are column types the
-- dialect fills in (SQLite: TEXT, TEXT, TEXT, BLOB, INTEGER; PostgreSQL: uuid, timestamptz, jsonb, bytea, bigint), and a line
-- starting "-- postgres:" or "-- sqlite:" is for that dialect only. In SQLite times are UTC ISO-8601 text with 7 fractional
-- digits ("2025-10-02T20:09:34.1234567Z"): fixed width, so text order is time order.

CREATE TABLE connections (
    id              {id} PRIMARY KEY,
    name            TEXT NOT NULL,
    source_kind     TEXT NOT NULL,
    source_settings {json} NOT NULL,          -- JSON object
    qbo_realm_id    TEXT,
    qbo_base_url    TEXT,
    settings        {json} NOT NULL,          -- JSON object
    created_at      {time} NOT NULL,
    updated_at      {time} NOT NULL,
    CONSTRAINT connections_name_unique UNIQUE (name)
);

-- One encrypted secret per connection and system ("quickbooks", "shopify"); version for optimistic updates.
CREATE TABLE credentials (
    connection_id {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    system        TEXT NOT NULL,
    secret        {bytes} NOT NULL,            -- format byte, AES-GCM nonce, tag, ciphertext
    version       {int} NOT NULL,
    updated_at    {time} NOT NULL,
    PRIMARY KEY (connection_id, system)
);

-- Singer-style bookmarks: how far each stream of a connection has safely been read.
CREATE TABLE cursors (
    connection_id {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    stream        TEXT NOT NULL,
    value         {time} NOT NULL,
    updated_at    {time} NOT NULL,
    PRIMARY KEY (connection_id, stream)
);

-- Which store record became which QuickBooks record; reserved before each QuickBooks write.
CREATE TABLE links (
    id             {id} PRIMARY KEY,
    connection_id  {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,           -- item, customer, sale, payment, refund
    source_id      TEXT NOT NULL,
    state          TEXT NOT NULL,           -- pending, done, failed, waiting, skipped
    qbo_id         TEXT,
    qbo_sync_token TEXT,
    attempt        {int} NOT NULL,
    fingerprint    TEXT,
    created_with   TEXT,
    message        TEXT,
    updated_at     {time} NOT NULL,
    CONSTRAINT links_record_unique UNIQUE (connection_id, kind, source_id)
);

CREATE INDEX links_by_state ON links (connection_id, state, updated_at);

-- Webhook deliveries already seen (Shopify X-Shopify-Event-Id), to drop duplicates; purged after a few days.
CREATE TABLE webhook_inbox (
    connection_id {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    provider      TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    topic         TEXT,
    received_at   {time} NOT NULL,
-- postgres:     seq           bigint GENERATED ALWAYS AS IDENTITY, -- arrival order (SQLite's rowid)
    CONSTRAINT webhook_inbox_event_unique UNIQUE (connection_id, provider, event_id)
);

CREATE INDEX webhook_inbox_by_age ON webhook_inbox (received_at);

CREATE TABLE sync_runs (
    id            {id} PRIMARY KEY,
    connection_id {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    reason        TEXT NOT NULL,            -- manual, schedule, webhook, retry, demo
    started_at    {time} NOT NULL,
    finished_at   {time},
    outcome       TEXT NOT NULL,            -- running, succeeded, needs_attention, failed
    counts        {json} NOT NULL,            -- JSON object of name -> count
    error         TEXT
);

CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at);

CREATE TABLE sync_issues (
    id            {id} PRIMARY KEY,
    connection_id {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    run_id        {id},
    kind          TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    reference     TEXT NOT NULL,
    message       TEXT NOT NULL,
    raised_at     {time} NOT NULL,
    resolved_at   {time}
);

-- At most one open issue per record.
CREATE UNIQUE INDEX sync_issues_one_open ON sync_issues (connection_id, kind, source_id) WHERE resolved_at IS NULL;

CREATE INDEX sync_issues_by_connection ON sync_issues (connection_id, resolved_at);
