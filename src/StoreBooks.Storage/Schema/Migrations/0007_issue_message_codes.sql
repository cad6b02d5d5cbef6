-- StoreBooks state store, schema 7: an issue's message keeps its code and arguments beside its English text, so the dashboard
-- can show it in the reader's language. Issues raised before (no code) keep showing their English text.
ALTER TABLE sync_issues ADD COLUMN message_code TEXT;

ALTER TABLE sync_issues ADD COLUMN message_args {json};          -- JSON object: argument name -> {text | number, format | message | list}
