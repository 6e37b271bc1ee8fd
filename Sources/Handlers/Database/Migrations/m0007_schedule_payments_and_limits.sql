-- Paying a schedule's bookings (payScheduleEvents, createScheduleDeposit): the schedule's events not yet paid,
-- found without reading its paid history.
CREATE INDEX events_schedule_unpaid ON events (kal_schedule_id, id)
    WHERE payment_status_id IN (100, 200) AND deleted_at IS NULL;

-- Settings are stored resolved (every field present): the day limit and the booking window join them, unset.
UPDATE schedules SET settings = jsonb_build_object('max_per_day', NULL, 'window_days', NULL) || settings
WHERE NOT (settings ? 'max_per_day' AND settings ? 'window_days');
