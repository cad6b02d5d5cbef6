-- StoreBooks state store, schema 4: a webhook delivery's body hash, to know a signed body replayed under a fresh event id
-- (Shopify's and WooCommerce's ids travel in headers the signature does not cover). `body_sha256` is set on a delivery's first
-- event; `replay_of` names the event id of the earlier delivery with the same connection, provider, topic and body.
ALTER TABLE webhook_inbox ADD COLUMN body_sha256 TEXT;
ALTER TABLE webhook_inbox ADD COLUMN replay_of TEXT;

CREATE INDEX webhook_inbox_by_body ON webhook_inbox (connection_id, provider, body_sha256, received_at) WHERE body_sha256 IS NOT NULL;
