CREATE TABLE "intake_idempotency" (
	"key_hash" "bytea" PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"wrapped_key" "bytea" NOT NULL,
	"sealed" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intake_idempotency" ADD CONSTRAINT "intake_idempotency_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_idempotency_expires_idx" ON "intake_idempotency" USING btree ("expires_at");