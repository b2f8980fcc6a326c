CREATE TABLE "number_counters" (
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "number_counters_kind_day_pk" PRIMARY KEY("kind","day")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_actor_type_check" CHECK (actor_type IN ('reporter', 'staff', 'system', 'partner'))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_no" text NOT NULL,
	"category_code" text NOT NULL,
	"priority" text NOT NULL,
	"department_id" uuid NOT NULL,
	"assignee_id" uuid,
	"state" text DEFAULT 'received' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_case_no_unique" UNIQUE("case_no"),
	CONSTRAINT "cases_state_check" CHECK (state IN ('received', 'accepted', 'not_accepted', 'merged', 'verifying', 'awaiting_info', 'decided', 'actioned', 'closed', 'reopened')),
	CONSTRAINT "cases_priority_check" CHECK (priority IN ('urgent', 'high', 'normal', 'low'))
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_zh" text NOT NULL,
	"definition_en" text NOT NULL,
	"examples_zh" text DEFAULT '' NOT NULL,
	"examples_en" text DEFAULT '' NOT NULL,
	"legal_basis" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"questionnaire" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_priority" text DEFAULT 'normal' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_priority_check" CHECK (default_priority IN ('urgent', 'high', 'normal', 'low'))
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_no" text NOT NULL,
	"case_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"category_code" text NOT NULL,
	"description" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"targets" text[] NOT NULL,
	"occurred_at" timestamp with time zone,
	"region_code" char(6),
	"reporter_identity_id" uuid,
	"language" text NOT NULL,
	"search_tokens" "tsvector" NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_report_no_unique" UNIQUE("report_no"),
	CONSTRAINT "reports_channel_check" CHECK (channel IN ('web', 'email', 'hotline', 'partner')),
	CONSTRAINT "reports_language_check" CHECK (language IN ('zh-CN', 'en'))
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"path" "ltree" NOT NULL,
	"parent_id" uuid,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"region_code" char(6) NOT NULL,
	"competent_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_code_unique" UNIQUE("code"),
	CONSTRAINT "departments_path_unique" UNIQUE("path"),
	CONSTRAINT "departments_level_check" CHECK (level IN ('national', 'province', 'city', 'district')),
	CONSTRAINT "departments_region_code_check" CHECK (region_code ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"code_hash" "bytea" PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipts_report_id_unique" UNIQUE("report_id")
);
--> statement-breakpoint
CREATE TABLE "reporter_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_id" text NOT NULL,
	"wrapped_key" "bytea" NOT NULL,
	"sealed" "bytea" NOT NULL,
	"phone_index" "bytea",
	"email_index" "bytea",
	"id_number_index" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_code_categories_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_identity_id_reporter_identities_id_fk" FOREIGN KEY ("reporter_identity_id") REFERENCES "public"."reporter_identities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "cases_department_state_idx" ON "cases" USING btree ("department_id","state","opened_at");--> statement-breakpoint
CREATE INDEX "reports_case_idx" ON "reports" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "reports_submitted_idx" ON "reports" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "reports_search_idx" ON "reports" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "departments_path_gist" ON "departments" USING gist ("path");--> statement-breakpoint
CREATE INDEX "departments_region_idx" ON "departments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "reporter_identities_phone_idx" ON "reporter_identities" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "reporter_identities_email_idx" ON "reporter_identities" USING btree ("email_index");--> statement-breakpoint
CREATE INDEX "reporter_identities_id_number_idx" ON "reporter_identities" USING btree ("id_number_index");