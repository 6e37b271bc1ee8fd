-- The agent API's money and directory (docs/domain.md "Agents", docs/deposit-addresses.md): deposit addresses
-- derived from the operator's extended public keys, the wallets' ledger, billed usage, and the directory's
-- search columns.

-- A wallet's address is the child `derivation_index` of the operator's key for its chain (`chain_key` names that
-- key by its fingerprint, so that a new key starts its own indexes and an old address stays explained). The
-- random addresses wallets were given before are not anyone's: they move to `retired_deposit_address`, and the
-- wallet gets a real one the next time its agent selects the currency.
ALTER TABLE wallets
    ADD COLUMN chain text CONSTRAINT wallets_chain_check CHECK (chain IN ('bitcoin', 'ethereum')),
    ADD COLUMN chain_key text,
    ADD COLUMN derivation_index integer CONSTRAINT wallets_derivation_index_check CHECK (derivation_index >= 0),
    ADD COLUMN retired_deposit_address text,
    ALTER COLUMN deposit_address DROP NOT NULL,
    ADD CONSTRAINT wallets_derived CHECK (
        (deposit_address IS NULL AND derivation_index IS NULL)
        OR (deposit_address IS NOT NULL AND chain IS NOT NULL AND chain_key IS NOT NULL AND derivation_index IS NOT NULL));
UPDATE wallets SET retired_deposit_address = deposit_address, deposit_address = NULL;
UPDATE wallets SET chain = CASE WHEN currency = 'BTC' THEN 'bitcoin' ELSE 'ethereum' END;
ALTER TABLE wallets ALTER COLUMN chain SET NOT NULL;
CREATE UNIQUE INDEX wallets_chain_index ON wallets (chain, chain_key, derivation_index)
    WHERE derivation_index IS NOT NULL;

-- The next child index of each key: taken under this row's lock, in the transaction that writes the wallet, so
-- two wallets never share an index and a rolled-back wallet gives its index back.
CREATE TABLE chain_key_indexes (
    chain      text NOT NULL,
    chain_key  text NOT NULL,
    next_index integer NOT NULL DEFAULT 0 CHECK (next_index >= 0),
    PRIMARY KEY (chain, chain_key)
);

-- Every movement of an agent's money. A wallet's balance is the sum of its confirmed deposits and refunds less
-- its confirmed charges; nothing else stores it. A deposit is known by its chain transaction per wallet, so a
-- replayed deposit finds its row instead of crediting again.
CREATE TABLE wallet_transactions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wallet_id     bigint NOT NULL REFERENCES wallets (id) ON DELETE CASCADE,
    agent_id      bigint NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    type          text NOT NULL CONSTRAINT wallet_transactions_type_check CHECK (type IN ('deposit', 'charge', 'refund')),
    status        text NOT NULL CONSTRAINT wallet_transactions_status_check CHECK (status IN ('pending', 'confirmed', 'failed')),
    amount        numeric NOT NULL CONSTRAINT wallet_transactions_amount_check CHECK (amount > 0),
    currency      text NOT NULL,
    -- The amount in US dollars when it was recorded (at the configured rate for BTC and ETH): what activation counts.
    usd_value     numeric NOT NULL CHECK (usd_value >= 0),
    usage_type    text CONSTRAINT wallet_transactions_usage_type_check
                  CHECK (usage_type IN ('api_search', 'api_user_view', 'api_schedule_create')),
    description   text,
    tx_hash       text,
    confirmations integer CHECK (confirmations >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallet_transactions_deposit_hash CHECK ((type = 'deposit') = (tx_hash IS NOT NULL)),
    CONSTRAINT wallet_transactions_charge_usage CHECK ((type = 'deposit') = (usage_type IS NULL))
);
CREATE UNIQUE INDEX wallet_transactions_deposit_key ON wallet_transactions (wallet_id, tx_hash) WHERE type = 'deposit';
CREATE INDEX wallet_transactions_agent ON wallet_transactions (agent_id, created_at DESC, id DESC);
CREATE INDEX wallet_transactions_wallet ON wallet_transactions (wallet_id) WHERE status = 'confirmed';

-- One row per billed call that was performed, free or charged: what `getAgentWalletUsage` counts and what the
-- monthly free allowance of profile views is counted on.
CREATE TABLE agent_usage (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id       bigint NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    usage_type     text NOT NULL CONSTRAINT agent_usage_type_check
                   CHECK (usage_type IN ('api_search', 'api_user_view', 'api_schedule_create')),
    free           boolean NOT NULL,
    -- The price in US dollars (0 when free), and the charge that paid it.
    price_usd      numeric NOT NULL CHECK (price_usd >= 0),
    transaction_id bigint REFERENCES wallet_transactions (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agent_usage_paid CHECK (free = (transaction_id IS NULL))
);
CREATE INDEX agent_usage_agent_month ON agent_usage (agent_id, usage_type, created_at);

-- The directory (`searchAgents`): words of the name, description, licence, tags, skills and languages, and the
-- list filters matched by containment on GIN indexes. The 'simple' configuration, as the specialist search.
CREATE FUNCTION agent_search_document(name text, description text, license text, tags jsonb, skills jsonb,
                                      languages jsonb)
RETURNS tsvector IMMUTABLE LANGUAGE sql AS $$
    SELECT to_tsvector('simple'::regconfig,
        coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(license, '') || ' '
        || coalesce(tags::text, '') || ' ' || coalesce(skills::text, '') || ' ' || coalesce(languages::text, ''))
$$;
ALTER TABLE agents ADD COLUMN search_document tsvector GENERATED ALWAYS AS
    (agent_search_document(name, description, license, tags, skills, languages)) STORED;
CREATE INDEX agents_search_document ON agents USING gin (search_document) WHERE status = 'active';
CREATE INDEX agents_tags ON agents USING gin (tags jsonb_path_ops) WHERE status = 'active';
CREATE INDEX agents_skills ON agents USING gin (skills jsonb_path_ops) WHERE status = 'active';
CREATE INDEX agents_languages ON agents USING gin (languages jsonb_path_ops) WHERE status = 'active';
CREATE INDEX agents_directory_accessed ON agents (last_accessed_at DESC NULLS LAST, id DESC) WHERE status = 'active';
