CREATE TABLE "email_acks" (
	"key_hash" "bytea" PRIMARY KEY NOT NULL,
	"report_id" uuid,
	"key_id" text,
	"wrapped_key" "bytea",
	"sealed" "bytea",
	"state" text DEFAULT 'pending' NOT NULL,
	"attachments" integer DEFAULT 0 NOT NULL,
	"skipped" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "email_acks_state_check" CHECK (state IN ('pending', 'sent', 'expired'))
);
--> statement-breakpoint
ALTER TABLE "email_acks" ADD CONSTRAINT "email_acks_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_acks_due_idx" ON "email_acks" USING btree ("not_before") WHERE state = 'pending';