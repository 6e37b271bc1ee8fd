-- The invitation mails of contracts (docs/domain.md "Contracts as built", `addContractHand`): at most one per
-- address, contract and day (UTC). Adding a hand inserts its row with ON CONFLICT DO NOTHING and queues the mail
-- only when the row is new, in the same transaction, so parallel adds, or an add after an invitation was answered
-- or withdrawn the same day, never mail an address twice that day.
CREATE TABLE contract_invitations (
    contract_id bigint NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    email       citext NOT NULL,
    day         date NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, email, day)
);
