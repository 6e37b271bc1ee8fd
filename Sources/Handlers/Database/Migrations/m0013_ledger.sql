-- The contracts' ledger (docs/domain.md "Money: transactions and bills", "Time logs"). A contract's transactions
-- stay events of type 4 in its kal (m0011); this adds the bills that group its charges and the time logs that
-- turn tracked time into charges.

-- An invoice of a contract's charges. Its lines are the charges that name it (`events.bill_id`), so a charge is on
-- one bill at most by construction; `total` is their sum, fixed when the bill is made (charges on a bill are
-- frozen). Paying it (100 → 300) marks its charges paid and records one deposit per beneficiary.
CREATE TABLE bills (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id bigint NOT NULL REFERENCES contracts (id),
    -- Who made it.
    user_id     bigint NOT NULL REFERENCES users (id),
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 255),
    -- docs/domain.md "Bill status": 100 unpaid, 300 paid.
    status_id   smallint NOT NULL DEFAULT 100 CONSTRAINT bills_status_id_check CHECK (status_id IN (100, 300)),
    total       money_amount NOT NULL CHECK (total >= 0),
    currency    text NOT NULL,
    paid_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT bills_paid CHECK ((status_id = 300) = (paid_at IS NOT NULL))
);
-- A contract's bills, newest first (listContractBills).
CREATE INDEX bills_contract ON bills (contract_id, id) WHERE deleted_at IS NULL;

-- The bill a charge is invoiced on.
ALTER TABLE events ADD COLUMN bill_id bigint REFERENCES bills (id);
CREATE INDEX events_bill ON events (bill_id) WHERE bill_id IS NOT NULL;
-- A participant's transactions (listContractUserTransactions, balances): by the hand or user they benefit.
CREATE INDEX events_benefitable_transactions ON events (benefitable_type, benefitable_id, date)
    WHERE type_id = 4 AND deleted_at IS NULL;

-- A time tracking session of a hand (docs/domain.md "Time logs"). Stopping it records a charge (`charge_id`).
CREATE TABLE time_logs (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint NOT NULL REFERENCES users (id),
    hand_id        bigint NOT NULL REFERENCES contract_hands (id),
    contract_id    bigint NOT NULL REFERENCES contracts (id),
    -- What the session was started on: the contract (startTimelog) or the hand (startHandTracking).
    trackable_type text NOT NULL CHECK (trackable_type IN ('Contract', 'ContractHand')),
    trackable_id   bigint NOT NULL,
    start          timestamptz NOT NULL,
    -- While running, the estimated end; once stopped, when it stopped.
    "end"          timestamptz,
    -- 100 running, 200 stopped (charged), 777 discarded.
    status_id      smallint NOT NULL DEFAULT 100 CONSTRAINT time_logs_status_id_check CHECK (status_id IN (100, 200, 777)),
    timezone       text NOT NULL,
    label          text,
    charge_id      bigint REFERENCES events (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    CONSTRAINT time_logs_charged CHECK ((status_id = 200) = (charge_id IS NOT NULL))
);
-- One running session per hand: a second start, even in parallel, fails on this index.
CREATE UNIQUE INDEX time_logs_running ON time_logs (hand_id) WHERE status_id = 100;
-- A user's sessions (listTimelogs, the median session length of the last 30 days).
CREATE INDEX time_logs_user ON time_logs (user_id, start);
