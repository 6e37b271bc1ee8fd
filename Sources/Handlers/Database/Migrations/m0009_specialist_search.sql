-- The specialist search (docs/scheduling.md "Searching for specialists"). What it filters on is kept on the
-- schedule row, so that its count reads one narrow index and never the table: the slot length (from settings),
-- the skill ids (from schedule_skills) and a text document (label, description, the owner's name, the skills'
-- labels). The last two are kept by triggers, whichever code path writes, and ScheduleJSON leaves all three out.

ALTER TABLE schedules
    ADD COLUMN search_slot_minutes integer GENERATED ALWAYS AS ((settings ->> 'duration')::integer) STORED,
    ADD COLUMN search_skill_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector;

-- The words a `query` matches: the schedule's label and description, its owner's name, its skills' labels.
-- The 'simple' configuration: no stemming or stop words, every language alike.
CREATE FUNCTION schedule_search_document(label text, description text, owner bigint, schedule bigint)
RETURNS tsvector STABLE LANGUAGE sql AS $$
    SELECT to_tsvector('simple', concat_ws(' ', label, description,
        (SELECT u.name FROM users u WHERE u.id = owner),
        (SELECT string_agg(sk.label::text, ' ') FROM schedule_skills ss JOIN skills sk ON sk.id = ss.skill_id
         WHERE ss.schedule_id = schedule)))
$$;

CREATE FUNCTION schedules_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := schedule_search_document(NEW.label, NEW.description, NEW.user_id, NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER schedules_search_document BEFORE INSERT OR UPDATE OF label, description, user_id ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_search_document();

-- A statement that adds or removes skills of schedules rewrites those schedules' ids and document once each.
CREATE FUNCTION schedule_skills_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schedules s
    SET search_skill_ids = coalesce((SELECT array_agg(ss.skill_id ORDER BY ss.skill_id) FROM schedule_skills ss
                                     WHERE ss.schedule_id = s.id), '{}'),
        search_document = schedule_search_document(s.label, s.description, s.user_id, s.id)
    WHERE s.id IN (SELECT DISTINCT schedule_id FROM changed);
    RETURN NULL;
END
$$;
CREATE TRIGGER schedule_skills_search_insert AFTER INSERT ON schedule_skills REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_skills_search();
CREATE TRIGGER schedule_skills_search_delete AFTER DELETE ON schedule_skills REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_skills_search();

-- A person renamed is found by the new name.
CREATE FUNCTION users_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schedules s SET search_document = schedule_search_document(s.label, s.description, s.user_id, s.id)
    WHERE s.user_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_search_document AFTER UPDATE OF name ON users
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION users_search_document();

-- The schedules that exist already.
UPDATE schedules s
SET search_skill_ids = coalesce((SELECT array_agg(ss.skill_id ORDER BY ss.skill_id) FROM schedule_skills ss
                                 WHERE ss.schedule_id = s.id), '{}'),
    search_document = schedule_search_document(s.label, s.description, s.user_id, s.id);

-- What a search can find: live public schedules of people. One index per order, each led by the type; the
-- updated_at one (every search) and the price one (a price range) also carry every scalar column a search filters
-- on, so that counting the matches is an index-only scan of the whole set or of the price range (the skill ids
-- stay out: they would make the index four times as large, and a skill narrows through its own index below).
CREATE INDEX schedules_search_updated ON schedules (type_id, updated_at, id)
    INCLUDE (user_id, kal_id, "end", msp, price, currency, search_slot_minutes)
    WHERE deleted_at IS NULL AND NOT private AND user_id IS NOT NULL;
CREATE INDEX schedules_search_created ON schedules (type_id, created_at, id)
    WHERE deleted_at IS NULL AND NOT private AND user_id IS NOT NULL;
CREATE INDEX schedules_search_price ON schedules (type_id, (coalesce(price, 0)), id)
    INCLUDE (user_id, kal_id, "end", msp, price, currency, search_slot_minutes)
    WHERE deleted_at IS NULL AND NOT private AND user_id IS NOT NULL;
-- Skills (all of them: @>) and words, for searches that narrow by them.
CREATE INDEX schedules_search_skills ON schedules USING gin (search_skill_ids)
    WHERE deleted_at IS NULL AND NOT private AND user_id IS NOT NULL;
CREATE INDEX schedules_search_words ON schedules USING gin (search_document)
    WHERE deleted_at IS NULL AND NOT private AND user_id IS NOT NULL;

-- Statistics on the two expressions the search compares, so that the planner estimates a price range or a
-- currency as it does a plain column (without them it guesses 0.5 % and reads the heap through the price index).
CREATE STATISTICS schedules_search_currency ON (upper(currency)) FROM schedules;
CREATE STATISTICS schedules_search_price ON (coalesce(price, 0)) FROM schedules;
