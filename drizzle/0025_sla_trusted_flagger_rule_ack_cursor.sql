-- The shipped 24-hour acceptance rule applied to every partner report; it now applies to trusted flaggers
-- only (sla_rules.trusted_flagger, seeded by sla.seed.ts on start). Retire the old national default (not
-- edited by anyone: created_by IS NULL); cases opened before keep it, as with any rule edit.
UPDATE sla_rules SET retired_at = now()
 WHERE department_id IS NULL AND stage = 'acceptance' AND channel = 'partner' AND category_code IS NULL
   AND priority IS NULL AND NOT trusted_flagger AND created_by IS NULL AND retired_at IS NULL;
--> statement-breakpoint
-- Acknowledgements are sent to reports submitted from now on (earlier ones were acknowledged when their case
-- opened, or, having joined a case, are not acknowledged retroactively).
INSERT INTO reporter_ack_cursor (id, at) VALUES ('acknowledgement', now()) ON CONFLICT DO NOTHING;
