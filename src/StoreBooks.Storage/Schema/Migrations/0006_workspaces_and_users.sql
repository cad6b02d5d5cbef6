-- StoreBooks state store, schema 6: workspaces and the dashboard's users. Every connection belongs to a workspace; a home that
-- had connections before gets one workspace, and they all go to it. Hosted mode keeps many workspaces in one database: every
-- read of the dashboard names its workspace. $new_id and $now are bound by the migrator (a fresh id, the migration's time).
-- (In PostgreSQL connections.workspace_id is NOT NULL; SQLite cannot add a NOT NULL column with a foreign key, and its store
-- always writes one.)
CREATE TABLE workspaces (
    id         {id} PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at {time} NOT NULL
);

INSERT INTO workspaces (id, name, created_at) VALUES ($new_id, 'StoreBooks', $now);

ALTER TABLE connections ADD COLUMN workspace_id {id} REFERENCES workspaces (id);

UPDATE connections SET workspace_id = $new_id;

-- postgres: ALTER TABLE connections ALTER COLUMN workspace_id SET NOT NULL;

CREATE INDEX connections_by_workspace ON connections (workspace_id, name);

-- An email belongs to one user (normalized_email is the trimmed upper-case form), a user to one workspace.
CREATE TABLE users (
    id               {id} PRIMARY KEY,
    workspace_id     {id} NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email            TEXT NOT NULL,
    normalized_email TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL,         -- owner, member
    security_stamp   TEXT NOT NULL,
    created_at       {time} NOT NULL,
    updated_at       {time} NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (normalized_email)
);

CREATE INDEX users_by_workspace ON users (workspace_id);
