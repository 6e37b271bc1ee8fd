-- Contracts (docs/domain.md "Contracts"): the contract itself with its own kal, its members with their role and
-- access levels, and its hands (the participants hired, with their terms). The ledger of a contract is not here:
-- its transactions are events of type 4 in the contract's kal (billable 'Contract', benefitable 'ContractHand'),
-- and bills and time logs come with the ledger; nothing below needs to change for them.

-- A work agreement. Who owns it is a membership (role 1 in `contract_users`), not a column, so that a contract
-- can have several owners and ownership moves without rewriting the contract. `deleted_at` is set while it is
-- archived (`deleteContract`); `restoreContract` clears it.
CREATE TABLE contracts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kal_id      bigint NOT NULL CONSTRAINT contracts_kal_id_key UNIQUE REFERENCES kals (id),
    parent_id   bigint REFERENCES contracts (id),
    old_id      text,
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 255),
    description text,
    -- docs/domain.md "Contract status": 100 pending, 200 active, 444 on hold, 555 completed, 777 cancelled.
    status_id   smallint NOT NULL DEFAULT 100 CONSTRAINT contracts_status_id_check CHECK (status_id IN (100, 200, 444, 555, 777)),
    start       timestamptz,
    "end"       timestamptz,
    timezone    text,
    -- The budget in whole units of `currency` (the spec's integer); arithmetic on it happens in numeric.
    amount      bigint CHECK (amount >= 0),
    currency    text NOT NULL CHECK (length(currency) BETWEEN 1 AND 10),
    credit      boolean NOT NULL DEFAULT false,
    private     boolean NOT NULL DEFAULT true,
    -- Who sees the amounts: 0 members by their read level, 1 the owners and the benefitable hand, 2 the owners.
    privacy     smallint NOT NULL DEFAULT 0 CONSTRAINT contracts_privacy_check CHECK (privacy IN (0, 1, 2)),
    -- Stored resolved (`ContractSettings`: every field present).
    settings    jsonb NOT NULL DEFAULT '{"trackable": false, "tags": []}',
    files       bigint[] NOT NULL DEFAULT '{}',
    data        jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT contracts_bounds CHECK (start IS NULL OR "end" IS NULL OR start < "end"),
    CONSTRAINT contracts_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX contracts_parent ON contracts (parent_id) WHERE parent_id IS NOT NULL;

-- Every contract's kal (type 2, owned by the contract), made in the same statement as the contract so that none
-- is ever without one, as users' and agents' default kals are. It is private: only the contract's members see it.
CREATE FUNCTION contracts_kal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kal_id IS NULL THEN
        INSERT INTO kals (user_id, owner_type, type_id, label, slug, timezone, private)
        VALUES (NEW.id, 'Contract', 2, NEW.label, 'contract', NEW.timezone, true)
        RETURNING id INTO NEW.kal_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER contracts_kal BEFORE INSERT ON contracts FOR EACH ROW EXECUTE FUNCTION contracts_kal();

-- A user's membership: their role and their cumulative read and write levels (docs/domain.md "Roles and access
-- levels"). One row per user and contract; the primary key is what makes a second add of the same user a 422.
CREATE TABLE contract_users (
    contract_id bigint NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id     smallint NOT NULL CONSTRAINT contract_users_role_id_check CHECK (role_id BETWEEN 1 AND 6),
    read        smallint NOT NULL CONSTRAINT contract_users_read_check CHECK (read BETWEEN 0 AND 5),
    write       smallint NOT NULL CONSTRAINT contract_users_write_check CHECK (write BETWEEN 0 AND 5),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, user_id)
);
-- A user's contracts (listContracts, listArchivedContracts).
CREATE INDEX contract_users_user ON contract_users (user_id);
-- A contract's owners (the last owner cannot leave).
CREATE INDEX contract_users_owners ON contract_users (contract_id) WHERE role_id = 1;

-- A participant of a contract (a "contract hand"): a user hired on terms. Transactions name a hand as their
-- benefitable (`events.benefitable_type = 'ContractHand'`), so a hand that may carry money is never deleted,
-- only soft-deleted with its contract; a pending hand (never accepted, so never paid) may be deleted outright.
-- A hand's currency is its contract's (a charge is priced in one currency).
CREATE TABLE contract_hands (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id     bigint NOT NULL REFERENCES contracts (id),
    user_id         bigint NOT NULL REFERENCES users (id),
    -- The hand's work schedule (type 2).
    schedule_id     bigint REFERENCES schedules (id),
    old_contract_id text,
    role            text CHECK (length(role) BETWEEN 1 AND 100),
    -- The hourly rate in whole units of `currency` (the spec's integer, like `schedules.price`); a charge is
    -- priced from it in numeric (docs/domain.md "Money in JSON").
    price           bigint CHECK (price >= 0),
    -- Most minutes a week that may be charged; null for no limit.
    "limit"         integer CHECK ("limit" BETWEEN 0 AND 10080),
    currency        text NOT NULL,
    -- docs/domain.md "Hand status": 100 pending, 200 accepted, 400 rejected.
    status_id       smallint NOT NULL DEFAULT 100 CONSTRAINT contract_hands_status_id_check CHECK (status_id IN (100, 200, 400)),
    credit          boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
-- A contract's hands (getContract, listContractUsers) and a user's hands (the hand routes, time logs).
CREATE INDEX contract_hands_contract ON contract_hands (contract_id, user_id);
CREATE INDEX contract_hands_user ON contract_hands (user_id) WHERE deleted_at IS NULL;
-- One open invitation per user and contract.
CREATE UNIQUE INDEX contract_hands_pending_key ON contract_hands (contract_id, user_id)
    WHERE status_id = 100 AND deleted_at IS NULL;

-- The transactions of a contract's kal (its totals, and the ledger's lists to come).
CREATE INDEX events_kal_transactions ON events (kal_id) WHERE type_id = 4 AND deleted_at IS NULL;
