-- `Idempotency-Key` answers (IdempotencyKeys.swift): one row per key and scope (operation and sender), claimed
-- before the operation runs (`answer` null) and holding its answer after; kept until `expires_at`.
CREATE TABLE idempotency_keys (
    scope       text NOT NULL,
    key         text NOT NULL,
    fingerprint text NOT NULL,
    answer      jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
