-- A case's deadlines were computed once, when it opened. A report that joins it later can make it urgent (the
-- triage raises its priority) or bring it a trusted flagger; both are "acted on within 24 hours" cases. Such
-- cases are queued again for the deadline engine, which shortens the running and not yet started stages whose
-- rule is now stricter (counted from the moment of the change).
CREATE FUNCTION sla_priority_rank(p text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END
$$;
--> statement-breakpoint
CREATE FUNCTION sla_requeue_raised_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sla_pending_cases (case_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_sla_requeue_on_raise AFTER UPDATE OF priority ON cases
  FOR EACH ROW WHEN (sla_priority_rank(NEW.priority) > sla_priority_rank(OLD.priority))
  EXECUTE FUNCTION sla_requeue_raised_case();
--> statement-breakpoint
CREATE FUNCTION sla_requeue_trusted_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sla_pending_cases (case_id)
    SELECT DISTINCT r.case_id FROM new_rows n
      JOIN partner_organisations po ON po.id = n.partner_id AND po.trusted
      JOIN reports r ON r.id = n.report_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER partner_reports_sla_requeue AFTER INSERT ON partner_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sla_requeue_trusted_reports();
