-- What registerUser stores beyond the identity: the shared skill catalogue and an optional password.

-- Skills are shared: a registration naming "tax law" reuses the skill "Tax law" (labels compare without case),
-- so that specialist searches can filter on one id.
CREATE TABLE skills (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label      citext NOT NULL CONSTRAINT skills_label_key UNIQUE CHECK (length(label) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A user's own password, when they set one (accounts log in by code otherwise): PBKDF2-HMAC-SHA256 in the form
-- pbkdf2_sha256$<iterations>$<salt, base64>$<hash, base64> (docs/identity.md).
ALTER TABLE users ADD COLUMN password_hash text
    CONSTRAINT users_password_hash_format CHECK (password_hash ~ '^pbkdf2_sha256\$[0-9]+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$');
