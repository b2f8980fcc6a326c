DROP INDEX "cases_department_state_idx";--> statement-breakpoint
CREATE INDEX "cases_department_opened_idx" ON "cases" USING btree ("department_id","opened_at","id");--> statement-breakpoint
CREATE INDEX "cases_open_department_opened_idx" ON "cases" USING btree ("department_id","opened_at","id") WHERE state IN ('received', 'accepted', 'verifying', 'awaiting_info', 'decided', 'actioned', 'reopened');--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" USING btree ("opened_at","id");