-- New cases are queued for the deadline engine in the intake's own transaction, as before, but no job is
-- added per intake statement any more: adding a job NOTIFYs, and NOTIFY serialises every committing intake
-- on one database-wide lock. The `sla_open` task now runs every minute from the crontab (src/server/jobs.ts).
CREATE OR REPLACE FUNCTION sla_queue_new_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sla_pending_cases (case_id) SELECT id FROM new_cases ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
