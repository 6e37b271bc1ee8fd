-- Paying a schedule's bookings (payScheduleEvents, createScheduleDeposit): the schedule's events not yet paid,
-- found without reading its paid history.
CREATE INDEX events_schedule_unpaid ON events (kal_schedule_id, id)
    WHERE payment_status_id IN (100, 200) AND deleted_at IS NULL;
