-- StoreBooks state store, schema 5: QuickBooks batch requests saved before they are sent (items exactly as sent, their
-- requestid and the link each item writes), so that one left open by a crash or a lost reply is sent again as it was.
-- A batch is deleted once every answer is recorded in its links.
CREATE TABLE qbo_batches (
    id            {id} PRIMARY KEY,
    connection_id {id} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    request_id    TEXT NOT NULL,
    items         TEXT NOT NULL,          -- JSON array of BatchItemRequest items
    members       {json} NOT NULL,          -- JSON array of {bId, linkId, kind, sourceId, attempt, entity, fingerprint}
    created_at    {time} NOT NULL
);

CREATE INDEX qbo_batches_by_connection ON qbo_batches (connection_id, created_at);
