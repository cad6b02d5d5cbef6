-- StoreBooks state store, schema 9: a link's warnings keep their codes and arguments beside their English texts, so the dashboard
-- can show them in the reader's language. Warnings kept before (no code) keep showing their English text.
ALTER TABLE links ADD COLUMN warning_codes {json};       -- JSON array, one per warning: {"code": ..., "args": {...}}, or null
