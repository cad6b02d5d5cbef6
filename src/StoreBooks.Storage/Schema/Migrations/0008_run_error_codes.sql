-- StoreBooks state store, schema 8: a run's error keeps its code and arguments beside its English text, so the dashboard can
-- show it in the reader's language. Runs that failed before (no code) keep showing their English text.
ALTER TABLE sync_runs ADD COLUMN error_code TEXT;

ALTER TABLE sync_runs ADD COLUMN error_args {json};             -- JSON object: argument name -> {text | number, format | date, format | message | list}
