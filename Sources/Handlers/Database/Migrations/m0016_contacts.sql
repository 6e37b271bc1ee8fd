-- Users' address books (docs/domain.md "Contacts"). A contact names another user; what the two share (events and
-- contracts) is counted when the contacts are read, not stored, so it is never stale.
CREATE TABLE contacts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label       text CHECK (length(label) BETWEEN 2 AND 255),
    description text CHECK (length(description) <= 5000),
    pinned      boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- One entry per person in an address book: adding someone again changes nothing.
    CONSTRAINT contacts_owner_user_key UNIQUE (owner_id, user_id),
    CONSTRAINT contacts_not_self CHECK (owner_id <> user_id)
);

-- The events a user created (what a contact shares with its owner, and the people operations to come).
CREATE INDEX events_user ON events (user_id) WHERE deleted_at IS NULL;
