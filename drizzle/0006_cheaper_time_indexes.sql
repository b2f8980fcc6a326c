DROP INDEX "audit_log_chain_idx";--> statement-breakpoint
DROP INDEX "audit_log_action_idx";--> statement-breakpoint
DROP INDEX "reports_submitted_idx";--> statement-breakpoint
CREATE INDEX "audit_log_at_brin" ON "audit_log" USING brin ("at");--> statement-breakpoint
CREATE INDEX "reports_submitted_brin" ON "reports" USING brin ("submitted_at");