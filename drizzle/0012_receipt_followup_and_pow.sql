CREATE TABLE "case_departments" (
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_departments_case_id_department_id_relation_pk" PRIMARY KEY("case_id","department_id","relation"),
	CONSTRAINT "case_departments_relation_check" CHECK (relation IN ('previous'))
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_body_check" CHECK (length(body) BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"author_type" text NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_messages_direction_check" CHECK (direction IN ('to_handler', 'to_reporter')),
	CONSTRAINT "case_messages_author_type_check" CHECK (author_type IN ('reporter', 'staff')),
	CONSTRAINT "case_messages_body_check" CHECK (length(body) BETWEEN 1 AND 5000)
);
--> statement-breakpoint
CREATE TABLE "report_supplements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"details" text,
	"answers" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_supplements_not_empty" CHECK (details IS NOT NULL OR answers IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_departments" ADD CONSTRAINT "case_departments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supplements" ADD CONSTRAINT "report_supplements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supplements" ADD CONSTRAINT "report_supplements_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_departments_department_idx" ON "case_departments" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_messages_case_idx" ON "case_messages" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_messages_report_idx" ON "case_messages" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "report_supplements_report_idx" ON "report_supplements" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "report_supplements_case_idx" ON "report_supplements" USING btree ("case_id","id");