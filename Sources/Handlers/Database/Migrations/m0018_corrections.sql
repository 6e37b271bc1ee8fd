-- Peer corrections (docs/domain.md "Event corrections", "Profile corrections"; docs/corrections.md): a proposed
-- change to one field, its old and new value as text, the votes on it, and an event's history of state changes.

-- A proposed change to one field of an event (proposeEventCorrections), decided by its voters' votes.
CREATE TABLE event_corrections (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    field      text NOT NULL
               CONSTRAINT event_corrections_field_check
               CHECK (field IN ('label', 'description', 'private', 'status_id', 'timezone', 'date', 'duration')),
    old_value  text,
    new_value  text,
    status_id  smallint NOT NULL DEFAULT 100 CONSTRAINT event_corrections_status_id_check CHECK (status_id IN (100, 200, 400)),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_corrections_event ON event_corrections (event_id);

-- One vote per voter and correction; voting again replaces it.
CREATE TABLE event_correction_votes (
    correction_id bigint NOT NULL REFERENCES event_corrections (id) ON DELETE CASCADE,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vote          boolean NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (correction_id, user_id)
);

-- Every state change of an event (who, when, what): corrections proposed, voted, applied or rejected, and the
-- attendees' answers with the status they moved the event to. getEvent shows it, oldest first.
CREATE TABLE event_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
    action        text NOT NULL
                  CONSTRAINT event_history_action_check
                  CHECK (action IN ('proposed', 'voted', 'applied', 'rejected', 'answered', 'status')),
    correction_id bigint REFERENCES event_corrections (id) ON DELETE SET NULL,
    field         text,
    old_value     text,
    new_value     text,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX event_history_event ON event_history (event_id, id);

-- A proposed change to one field of a user's profile by another user (updateOtherUser).
CREATE TABLE user_corrections (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    author_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    field      text NOT NULL
               CONSTRAINT user_corrections_field_check
               CHECK (field IN ('name', 'birthdate', 'birthtime', 'birthcity', 'city', 'education', 'about',
                                'skills', 'languages', 'links')),
    old_value  text,
    new_value  text,
    status_id  smallint NOT NULL DEFAULT 100 CONSTRAINT user_corrections_status_id_check CHECK (status_id IN (100, 200, 400)),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_corrections_not_self CHECK (user_id <> author_id)
);
CREATE INDEX user_corrections_user ON user_corrections (user_id, id);
CREATE INDEX user_corrections_author ON user_corrections (author_id, id);

CREATE TABLE user_correction_votes (
    correction_id bigint NOT NULL REFERENCES user_corrections (id) ON DELETE CASCADE,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vote          boolean NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (correction_id, user_id)
);
