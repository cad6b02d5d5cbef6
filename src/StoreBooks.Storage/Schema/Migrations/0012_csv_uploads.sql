-- StoreBooks state store, schema 12: the CSV exports merchants upload in the dashboard, kept with their connection so every
-- process of hosted mode can sync it (each writes its own copy of the files into its home's uploads folder before reading them).
CREATE TABLE csv_uploads (
    connection_id {id} NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    file          TEXT NOT NULL,         -- products.csv, orders.csv or payouts.csv
    content       {bytes} NOT NULL,
    saved_at      {time} NOT NULL,
    PRIMARY KEY (connection_id, file)
);
