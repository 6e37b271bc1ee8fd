-- The tables every remaining area shares (docs/domain.md "The nouns"): kals, schedules and their participants,
-- events and their attendees, event exports, and files. Every user and every agent has a default kal.

-- A calendar. `owner_type` + `user_id` name the owner (a user, an agent or a contract), as the spec's `Kal` does.
CREATE TABLE kals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL,
    owner_type  text NOT NULL CONSTRAINT kals_owner_type_check CHECK (owner_type IN ('User', 'Agent', 'Contract')),
    -- docs/domain.md "Kals": 1 personal, 2 contract, 3 imported; 200 active, 444 sync stopped.
    type_id     smallint NOT NULL DEFAULT 1 CONSTRAINT kals_type_id_check CHECK (type_id IN (1, 2, 3)),
    status_id   smallint NOT NULL DEFAULT 200 CONSTRAINT kals_status_id_check CHECK (status_id IN (200, 444)),
    is_default  boolean NOT NULL DEFAULT false,
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 255),
    description text,
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    icon        text,
    timezone    text,
    private     boolean NOT NULL DEFAULT false,
    settings    jsonb NOT NULL DEFAULT '{}',
    files       bigint[] NOT NULL DEFAULT '{}',
    external_id text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
-- A slug names one live kal of its owner; a deleted kal frees its slug.
CREATE UNIQUE INDEX kals_owner_slug_key ON kals (owner_type, user_id, slug) WHERE deleted_at IS NULL;
-- One default kal per owner.
CREATE UNIQUE INDEX kals_owner_default_key ON kals (owner_type, user_id) WHERE is_default AND deleted_at IS NULL;

-- When someone is open for bookings (type 1), works (2) or looks for someone (3). `settings` is stored resolved
-- (every field present, docs/domain.md "Schedule settings"); `timezone` and `msp` repeat two of its fields for
-- searches.
CREATE TABLE schedules (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type_id          smallint NOT NULL DEFAULT 1 CONSTRAINT schedules_type_id_check CHECK (type_id IN (1, 2, 3)),
    -- The owner: a user, or for agent schedules (createAgentSchedule) an agent.
    user_id          bigint REFERENCES users (id) ON DELETE CASCADE,
    agent_id         bigint REFERENCES agents (id) ON DELETE CASCADE,
    kal_id           bigint NOT NULL REFERENCES kals (id),
    parent_id        bigint REFERENCES schedules (id),
    benefitable_type text CHECK (benefitable_type IN ('User')),
    benefitable_id   bigint,
    billable_type    text CHECK (billable_type IN ('User')),
    billable_id      bigint,
    label            text NOT NULL,
    slug             text NOT NULL,
    description      text,
    start            timestamptz,
    "end"            timestamptz,
    private          boolean NOT NULL DEFAULT false,
    timezone         text NOT NULL,
    msp              integer NOT NULL DEFAULT 0 CHECK (msp >= 0),
    -- Whole units of `currency` per slot; money arithmetic on it happens in numeric (docs/domain.md "Money").
    price            bigint CHECK (price >= 0),
    currency         text NOT NULL DEFAULT 'USD',
    settings         jsonb NOT NULL,
    files            bigint[] NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz,
    CONSTRAINT schedules_one_owner CHECK ((user_id IS NULL) <> (agent_id IS NULL)),
    CONSTRAINT schedules_bounds CHECK (start IS NULL OR "end" IS NULL OR start < "end")
);
CREATE INDEX schedules_kal ON schedules (kal_id) WHERE deleted_at IS NULL;
CREATE INDEX schedules_user ON schedules (user_id) WHERE deleted_at IS NULL;
CREATE INDEX schedules_agent ON schedules (agent_id) WHERE deleted_at IS NULL;

-- The skills a schedule offers (the specialist searches filter on them).
CREATE TABLE schedule_skills (
    schedule_id bigint NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    skill_id    bigint NOT NULL REFERENCES skills (id),
    PRIMARY KEY (schedule_id, skill_id)
);
CREATE INDEX schedule_skills_skill ON schedule_skills (skill_id);

-- A schedule's participants with their role and levels (docs/domain.md "Schedule participants").
CREATE TABLE schedule_users (
    schedule_id bigint NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id     smallint NOT NULL CONSTRAINT schedule_users_role_id_check CHECK (role_id IN (1, 2, 3, 6)),
    read        smallint NOT NULL CHECK (read BETWEEN 0 AND 2),
    write       smallint NOT NULL CHECK (write BETWEEN 0 AND 3),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schedule_id, user_id)
);
CREATE INDEX schedule_users_user ON schedule_users (user_id);

-- Anything in a kal: a meeting or booking (1), a task (2), a comment (3), a transaction (4). `date` is the
-- start instant and `ends_at` the end (date + duration), kept by the writer so that overlaps are one range test.
CREATE TABLE events (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           bigint NOT NULL,
    owner_type        text NOT NULL DEFAULT 'User' CONSTRAINT events_owner_type_check CHECK (owner_type IN ('User', 'Agent', 'Contract')),
    type_id           smallint NOT NULL CONSTRAINT events_type_id_check CHECK (type_id IN (1, 2, 3, 4)),
    status_id         smallint NOT NULL DEFAULT 200 CONSTRAINT events_status_id_check CHECK (status_id IN (100, 200, 400, 444, 555, 777)),
    payment_status_id smallint CONSTRAINT events_payment_status_id_check CHECK (payment_status_id IN (100, 200, 300)),
    external_id       text,
    kal_schedule_id   bigint REFERENCES schedules (id),
    kal_id            bigint REFERENCES kals (id),
    parent_id         bigint REFERENCES events (id),
    billable_type     text CHECK (billable_type IN ('User', 'Contract', 'Schedule')),
    billable_id       bigint,
    benefitable_type  text CHECK (benefitable_type IN ('User', 'ContractHand')),
    benefitable_id    bigint,
    label             text NOT NULL,
    description       text,
    timezone          text,
    date              timestamptz,
    start             text CHECK (start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    "end"             text CHECK ("end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    duration          integer CHECK (duration >= 0),
    ends_at           timestamptz,
    view              text,
    amount            money_amount,
    currency          text,
    credit            boolean NOT NULL DEFAULT false,
    private           boolean NOT NULL DEFAULT false,
    files             bigint[] NOT NULL DEFAULT '{}',
    data              jsonb NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    CONSTRAINT events_span CHECK ((date IS NULL) = (ends_at IS NULL) AND (ends_at IS NULL OR ends_at >= date))
);
-- A kal's events in a date range (getKal, the slot engine's busy time).
CREATE INDEX events_kal_date ON events (kal_id, date) WHERE deleted_at IS NULL;
CREATE INDEX events_schedule_date ON events (kal_schedule_id, date) WHERE deleted_at IS NULL;
CREATE INDEX events_parent ON events (parent_id) WHERE parent_id IS NOT NULL;

-- A user's participation in an event, with their answer (docs/domain.md "Attendee status").
CREATE TABLE event_users (
    event_id   bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id    smallint NOT NULL DEFAULT 3 CONSTRAINT event_users_role_id_check CHECK (role_id BETWEEN 1 AND 6),
    status_id  smallint NOT NULL DEFAULT 100 CONSTRAINT event_users_status_id_check CHECK (status_id IN (100, 200, 400)),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_users_user ON event_users (user_id);

-- An event shown in another kal, or attached to a schedule whose slots it makes busy
-- (attachContractEventSchedule).
CREATE TABLE event_exports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kal_id      bigint REFERENCES kals (id) ON DELETE CASCADE,
    schedule_id bigint REFERENCES schedules (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT event_exports_one_target CHECK ((kal_id IS NULL) <> (schedule_id IS NULL))
);
CREATE UNIQUE INDEX event_exports_kal_key ON event_exports (event_id, kal_id) WHERE kal_id IS NOT NULL;
CREATE UNIQUE INDEX event_exports_schedule_key ON event_exports (event_id, schedule_id) WHERE schedule_id IS NOT NULL;
CREATE INDEX event_exports_kal ON event_exports (kal_id) WHERE kal_id IS NOT NULL;
CREATE INDEX event_exports_schedule ON event_exports (schedule_id) WHERE schedule_id IS NOT NULL;

-- A stored upload (`UploadedFile`). Records refer to files by id in their `files` arrays.
CREATE TABLE files (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
    agent_id      bigint REFERENCES agents (id) ON DELETE SET NULL,
    kind          text NOT NULL CONSTRAINT files_kind_check CHECK (kind IN ('image', 'video', 'document')),
    name          text NOT NULL,
    mime          text NOT NULL,
    size          bigint NOT NULL CHECK (size >= 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key   text NOT NULL CONSTRAINT files_storage_key_key UNIQUE,
    thumbnail_key text,
    width         integer CHECK (width >= 1),
    height        integer CHECK (height >= 1),
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX files_user ON files (user_id) WHERE user_id IS NOT NULL;

-- Every owner's default kal, made in the same statement as the owner so that no user or agent is ever without
-- one, whichever code path inserts it. Label and slug are the same for everyone; the time zone is the owner's.
CREATE FUNCTION users_default_kal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kals (user_id, owner_type, type_id, is_default, label, slug, timezone)
    VALUES (NEW.id, 'User', 1, true, 'My calendar', 'default', NEW.timezone);
    RETURN NULL;
END
$$;
CREATE TRIGGER users_default_kal AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION users_default_kal();

-- An agent's default kal is also `agents.kal_id`, set before the row is written.
CREATE FUNCTION agents_default_kal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kal_id IS NULL THEN
        INSERT INTO kals (user_id, owner_type, type_id, is_default, label, slug, timezone)
        VALUES (NEW.id, 'Agent', 1, true, 'Agent calendar', 'default', 'UTC')
        RETURNING id INTO NEW.kal_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER agents_default_kal BEFORE INSERT ON agents FOR EACH ROW EXECUTE FUNCTION agents_default_kal();

-- The owners that exist already.
INSERT INTO kals (user_id, owner_type, type_id, is_default, label, slug, timezone)
SELECT id, 'User', 1, true, 'My calendar', 'default', timezone FROM users;
WITH made AS (
    INSERT INTO kals (user_id, owner_type, type_id, is_default, label, slug, timezone)
    SELECT id, 'Agent', 1, true, 'Agent calendar', 'default', 'UTC' FROM agents WHERE kal_id IS NULL
    RETURNING id, user_id
)
UPDATE agents SET kal_id = made.id FROM made WHERE agents.id = made.user_id;

ALTER TABLE agents ADD CONSTRAINT agents_kal_id_fkey FOREIGN KEY (kal_id) REFERENCES kals (id);
ALTER TABLE agents ALTER COLUMN kal_id SET NOT NULL;

-- Money as the API writes it (docs/domain.md "Money"): exact decimal text with the zeros past the second
-- fraction digit dropped ("12.50", "0.00001", "3.00"); NULL stays NULL.
CREATE FUNCTION money_text(amount numeric) RETURNS text IMMUTABLE STRICT LANGUAGE sql AS $$
    SELECT CASE WHEN scale(trim_scale(amount)) < 2 THEN round(amount, 2)::text ELSE trim_scale(amount)::text END
$$;
