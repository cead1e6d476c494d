-- The audit log: append-only, each event chained to the one before by a SHA-256 hash, so that editing or deleting
-- any event is detected. The single head row holds the end of the chain (and where pruning left its start).
CREATE TABLE identity_audit_event (
    seq         BIGINT        NOT NULL PRIMARY KEY,
    occurred_at BIGINT        NOT NULL,
    actor       VARCHAR(100),
    client_ip   VARCHAR(64),
    action      VARCHAR(64)   NOT NULL,
    target      VARCHAR(200),
    outcome     VARCHAR(16)   NOT NULL,
    details     TEXT,
    prev_hash   CHAR(64)      NOT NULL,
    hash        CHAR(64)      NOT NULL
);
CREATE INDEX identity_audit_event_occurred ON identity_audit_event (occurred_at);
CREATE INDEX identity_audit_event_action ON identity_audit_event (action, occurred_at);
CREATE INDEX identity_audit_event_actor ON identity_audit_event (actor, occurred_at);

CREATE TABLE identity_audit_head (
    id          INT      NOT NULL PRIMARY KEY,
    last_seq    BIGINT   NOT NULL,
    last_hash   CHAR(64) NOT NULL,
    anchor_seq  BIGINT   NOT NULL,
    anchor_hash CHAR(64) NOT NULL
);
INSERT INTO identity_audit_head (id, last_seq, last_hash, anchor_seq, anchor_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
        0, '0000000000000000000000000000000000000000000000000000000000000000');
