CREATE TABLE "reveal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reveal_requests_status_check" CHECK (status IN ('pending', 'approved', 'rejected', 'used'))
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "reveal_needs_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reveal_requests" ADD CONSTRAINT "reveal_requests_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reveal_requests_case_idx" ON "reveal_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "reveal_requests_pending_idx" ON "reveal_requests" USING btree ("status","created_at");