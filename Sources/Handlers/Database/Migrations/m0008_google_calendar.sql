-- Google Calendar (docs/google-calendar.md): a user's linked Google account, the links between kals and Google
-- calendars, and which kal event each exported Google event is. Imported Google events are ordinary events of
-- the kal (so they make its schedules busy) whose `external_id` is the Google event id.

-- A user's Google account: the OAuth tokens, sealed (AES-256-GCM under a subkey of APP_SECRET, MailSeal), never
-- in clear. One account per user; linking again replaces the tokens.
CREATE TABLE google_accounts (
    user_id    bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- base64(nonce ‖ ciphertext ‖ tag) of {"access_token", "refresh_token", "expires_at"}.
    tokens     text NOT NULL,
    scope      text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One import (is_import) or export between a kal and a Google calendar of its owner's account.
CREATE TABLE kal_sync_links (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kal_id         bigint NOT NULL REFERENCES kals (id) ON DELETE CASCADE,
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    external_id    text NOT NULL,
    summary        text NOT NULL,
    description    text,
    timezone       text NOT NULL,
    is_import      boolean NOT NULL,
    -- Google's nextSyncToken of the last complete import; null: the next import lists everything.
    sync_token     text,
    last_synced_at timestamptz,
    last_error     text,
    -- A server syncing the link holds it until then, so two servers never sync one link at once.
    claimed_until  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT kal_sync_links_calendar_key UNIQUE (kal_id, external_id, is_import)
);
CREATE INDEX kal_sync_links_due ON kal_sync_links (last_synced_at NULLS FIRST);

-- A kal event exported by an export link: the Google event it became, and the event's updated_at when it was
-- last written there (a newer updated_at means patch it).
CREATE TABLE kal_sync_exports (
    link_id         bigint NOT NULL REFERENCES kal_sync_links (id) ON DELETE CASCADE,
    event_id        bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    google_event_id text NOT NULL,
    exported_at     timestamptz NOT NULL,
    PRIMARY KEY (link_id, event_id)
);

-- Imported events are found by kal and Google event id.
CREATE INDEX events_kal_external ON events (kal_id, external_id) WHERE external_id IS NOT NULL;
