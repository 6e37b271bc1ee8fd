-- Deposit address indexes from a sequence per chain family instead of a counter row taken under its lock
-- (docs/agents.md "Deposit addresses"). The counter made every wallet of a chain wait for the one before it to
-- commit, so registrations committed one at a time. A sequence hands out a number without a lock that lasts
-- past the call, and never the same number twice, so no two wallets share an index; the price is gaps: the
-- number of a wallet that rolled back is not given again.
--
-- A key's index is the sequence's number minus the key's `base`, the number it was first seen at, so every key
-- starts at index 0 and a key that replaces another starts its own indexes. Two keys of one family in use at
-- once (the moment of a rotation) share the sequence and each skips the other's numbers.
CREATE SEQUENCE wallet_index_bitcoin AS bigint;
CREATE SEQUENCE wallet_index_ethereum AS bigint;

ALTER TABLE chain_key_indexes ADD COLUMN base bigint;
-- The sequences' first number is 1: a key counted up to next_index continues at next_index.
UPDATE chain_key_indexes SET base = 1 - next_index;
ALTER TABLE chain_key_indexes ALTER COLUMN base SET NOT NULL, DROP COLUMN next_index;
