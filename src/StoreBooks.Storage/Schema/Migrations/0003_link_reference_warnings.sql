-- StoreBooks state store, schema 3: what the merchant calls a linked record ("order #1043"), to list and find it by name,
-- and the warnings of its last post (a JSON array of messages: what StoreBooks changed to fit QuickBooks).
ALTER TABLE links ADD COLUMN reference TEXT;
ALTER TABLE links ADD COLUMN warnings {json};

CREATE INDEX links_by_reference ON links (connection_id, kind, reference);
