-- People (docs/domain.md "People"): the salary a profile states, and the log of reveals of people's email
-- addresses and phone numbers.

-- The salary expectation (`sallary` on the wire), as the spec's `Salary` object; null when none was given.
ALTER TABLE users ADD COLUMN sallary jsonb
    CONSTRAINT users_sallary_object CHECK (sallary IS NULL OR jsonb_typeof(sallary) = 'object');

-- One row per reveal of another user's email or phone: the revealed user can be told who saw what and when, and
-- a viewer's reveals of the last 24 hours are what their daily limit counts.
CREATE TABLE user_reveals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    viewer_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    field       text NOT NULL CONSTRAINT user_reveals_field_check CHECK (field IN ('email', 'phone')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_reveals_viewer ON user_reveals (viewer_id, created_at);
CREATE INDEX user_reveals_user ON user_reveals (user_id, created_at);
