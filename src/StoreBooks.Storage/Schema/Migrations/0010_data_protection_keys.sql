-- The Data Protection key ring of hosted mode: one row per element Data Protection stores (a data key, or a revocation), its
-- XML with the master key encrypted by the operator's key (Secrets/KeyRing/KeyRingXml). A home on one machine keeps its key
-- in secret.key and leaves this table empty.
CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,         -- Data Protection's friendly name: key-<guid>, revocation-<time>
    xml        TEXT NOT NULL,
    created_at {time} NOT NULL
);
