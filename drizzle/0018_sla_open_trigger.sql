-- Deadlines of new cases (issue 8): the intake writes cases in one statement; this statement-level trigger
-- queues them for the deadline engine in the same transaction, and enqueues the job that computes them
-- (graphile-worker, same database). No job key: concurrent intake statements never wait on one job row; a
-- job that finds the queue already drained finishes at once.
CREATE FUNCTION sla_queue_new_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sla_pending_cases (case_id) SELECT id FROM new_cases ON CONFLICT DO NOTHING;
  IF to_regnamespace('graphile_worker') IS NOT NULL THEN
    PERFORM graphile_worker.add_job('sla_open', '{}'::json, max_attempts => 25);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_sla_queue AFTER INSERT ON cases REFERENCING NEW TABLE AS new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION sla_queue_new_cases();
