-- The clustering look-up reads case_targets by target key. A popular scam domain collects thousands of cases
-- over the years; only OPEN cases can take a new report, so case_targets now holds open cases only, and the
-- look-up's cost depends on the open cases sharing a target, not on history. report_targets keeps the whole
-- history (registry counts, merges). This trigger keeps the set whatever changes a case's state (workflow,
-- merge, undo, reopen): leaving the open states drops the case's rows; coming back rebuilds them.
CREATE FUNCTION case_targets_follow_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  open_states constant text[] := ARRAY['received', 'accepted', 'verifying', 'awaiting_info', 'decided', 'actioned', 'reopened'];
BEGIN
  IF NEW.state = ANY(open_states) AND NOT OLD.state = ANY(open_states) THEN
    INSERT INTO case_targets (target_key, case_id)
      SELECT DISTINCT target_key, case_id FROM report_targets WHERE case_id = NEW.id AND NOT generic
      ON CONFLICT DO NOTHING;
  ELSIF OLD.state = ANY(open_states) AND NOT NEW.state = ANY(open_states) THEN
    DELETE FROM case_targets WHERE case_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_targets_follow_state AFTER UPDATE OF state ON cases
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION case_targets_follow_state();
--> statement-breakpoint
DELETE FROM case_targets ct USING cases c
 WHERE c.id = ct.case_id
   AND c.state <> ALL (ARRAY['received', 'accepted', 'verifying', 'awaiting_info', 'decided', 'actioned', 'reopened']);
