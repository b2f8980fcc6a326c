CREATE TABLE "pow_spent" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"received_bytes" bigint NOT NULL,
	"stored_bytes" bigint NOT NULL,
	"received_sha256" "bytea" NOT NULL,
	"stored_sha256" "bytea" NOT NULL,
	"storage_key" text NOT NULL,
	"key_id" text NOT NULL,
	"wrapped_key" "bytea" NOT NULL,
	"sealed" "bytea" NOT NULL,
	"width" integer,
	"height" integer,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_kind_check" CHECK (kind IN ('image', 'document', 'video', 'audio', 'text', 'email')),
	CONSTRAINT "evidence_source_check" CHECK (source IN ('reporter', 'staff', 'partner', 'system'))
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_report_idx" ON "evidence" USING btree ("report_id");