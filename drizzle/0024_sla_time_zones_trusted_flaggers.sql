CREATE TABLE "reporter_ack_cursor" (
	"id" text PRIMARY KEY DEFAULT 'acknowledgement' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "reporter_ack_cursor_one_row" CHECK (id = 'acknowledgement')
);
--> statement-breakpoint
DROP INDEX "sla_rules_active_idx";--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_rules" ADD COLUMN "trusted_flagger" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_rules_active_idx" ON "sla_rules" USING btree (COALESCE("department_id", '00000000-0000-0000-0000-000000000000'::uuid),"stage",COALESCE("category_code", ''),COALESCE("priority", ''),COALESCE("channel", ''),"trusted_flagger") WHERE retired_at IS NULL;