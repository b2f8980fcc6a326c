ALTER TABLE "report_targets" ADD COLUMN "case_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "case_targets" DROP COLUMN "reports";--> statement-breakpoint
ALTER TABLE "targets" DROP COLUMN "last_seen";--> statement-breakpoint
ALTER TABLE "targets" DROP COLUMN "report_count";--> statement-breakpoint
ALTER TABLE "targets" DROP COLUMN "case_count";