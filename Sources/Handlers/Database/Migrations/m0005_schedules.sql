-- Schedules as the Schedule operations write them (docs/domain.md "Schedules"): a slug names one live schedule of
-- its owner, as a kal's does; a deleted schedule frees its slug.
CREATE UNIQUE INDEX schedules_user_slug_key ON schedules (user_id, slug) WHERE deleted_at IS NULL AND user_id IS NOT NULL;
CREATE UNIQUE INDEX schedules_agent_slug_key ON schedules (agent_id, slug) WHERE deleted_at IS NULL AND agent_id IS NOT NULL;

-- Busy time of a person: the events they attend, by user (the slot engine's busy intervals beyond the kal's own).
CREATE INDEX event_users_user_event ON event_users (user_id, event_id) WHERE status_id <> 400;
