-- Identity: people, agents and their wallets, and every credential that proves who is calling.
-- No secret is stored in clear: API keys and user tokens as SHA-256 (hex), one-time codes as HMAC-SHA256 under
-- the server secret (hex), mail bodies (which carry codes) sealed with AES-256-GCM. See docs/identity.md.

CREATE TABLE users (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email             citext NOT NULL CONSTRAINT users_email_key UNIQUE,
    name              text,
    phone             text,
    timezone          text,
    currency          text,
    birthdate         timestamptz,
    birthtime         text,
    birthcity         text,
    city              text,
    education         text,
    about             text,
    ava_id            bigint,
    cv_id             bigint,
    skills            jsonb NOT NULL DEFAULT '[]',
    languages         jsonb NOT NULL DEFAULT '[]',
    links             jsonb NOT NULL DEFAULT '[]',
    tovarisch         boolean NOT NULL DEFAULT false,
    terms_accepted_at timestamptz,
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL,
    email             citext NOT NULL CONSTRAINT agents_email_key UNIQUE,
    -- docs/domain.md "Agent status": operators move agents between the last three.
    status            text NOT NULL DEFAULT 'pending_deposit'
                      CONSTRAINT agents_status_check CHECK (status IN ('pending_deposit', 'active', 'suspended', 'banned')),
    email_verified_at timestamptz,
    -- The agent's own kal; the kal tables come with the Kal migration, which adds the foreign key.
    kal_id            bigint,
    avatar            text,
    owner_email       citext,
    description       text,
    website_url       text,
    callback_url      text,
    version           text,
    last_updated_at   timestamptz,
    last_accessed_at  timestamptz,
    limitations       text,
    sla               text,
    license           text,
    privacy_url       text,
    skills            jsonb NOT NULL DEFAULT '[]',
    languages         jsonb NOT NULL DEFAULT '[]',
    tags              jsonb NOT NULL DEFAULT '[]',
    links             jsonb NOT NULL DEFAULT '[]',
    input_formats     jsonb NOT NULL DEFAULT '[]',
    example_requests  jsonb NOT NULL DEFAULT '[]',
    example_responses jsonb NOT NULL DEFAULT '[]',
    env_requirements  jsonb NOT NULL DEFAULT '[]',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- One wallet per agent and currency. The balance is not stored: it is the sum of the wallet's transactions.
CREATE TABLE wallets (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id        bigint NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    currency        text NOT NULL CONSTRAINT wallets_currency_check CHECK (currency IN ('BTC', 'ETH', 'USDT', 'USDC')),
    deposit_address text NOT NULL CONSTRAINT wallets_deposit_address_key UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallets_agent_currency_key UNIQUE (agent_id, currency)
);

-- An agent's API keys: the SHA-256 of the whole key and the visible prefix. At most one live key per agent;
-- regenerating revokes the old row and inserts a new one in one transaction.
CREATE TABLE agent_api_keys (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id   bigint NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    key_hash   text NOT NULL CONSTRAINT agent_api_keys_key_hash_key UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    prefix     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE UNIQUE INDEX agent_api_keys_one_live_key ON agent_api_keys (agent_id) WHERE revoked_at IS NULL;

-- People's bearer tokens: SHA-256 of the token, an expiry, revocation by logout.
CREATE TABLE user_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   text NOT NULL CONSTRAINT user_tokens_token_hash_key UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX user_tokens_user ON user_tokens (user_id);

-- One-time codes: one row per (purpose, subject), replaced by every new code. `attempts` counts guesses at the
-- current code (reset by a new code); `failures` counts the subject's guesses since `failures_since` and is
-- not reset by a new code, only by a success or by its window passing.
CREATE TABLE one_time_codes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purpose        text NOT NULL CONSTRAINT one_time_codes_purpose_check CHECK (purpose IN ('login', 'email_change', 'agent_email')),
    subject        text NOT NULL,
    address        citext NOT NULL,
    code_hmac      text NOT NULL CHECK (code_hmac ~ '^[0-9a-f]{64}$'),
    attempts       integer NOT NULL DEFAULT 0,
    failures       integer NOT NULL DEFAULT 0,
    failures_since timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    CONSTRAINT one_time_codes_purpose_subject_key UNIQUE (purpose, subject)
);

-- The transactional outbox: a mail is written in the transaction that creates what it carries, and the
-- delivery worker marks it sent only after the SMTP server accepted it. The body is sealed (AES-256-GCM).
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient       citext NOT NULL,
    subject         text NOT NULL,
    sealed_body     text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Fixed-window counters for rate limits, shared by every connection and server.
CREATE TABLE rate_limits (
    key          text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL
);
