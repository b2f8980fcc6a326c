CREATE TABLE "notification_preferences" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"email" text,
	"email_mode" text DEFAULT 'off' NOT NULL,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_mode_check" CHECK (email_mode IN ('off', 'immediate', 'digest')),
	CONSTRAINT "notification_preferences_language_check" CHECK (language IN ('zh-CN', 'en'))
);
--> statement-breakpoint
CREATE TABLE "notification_templates" (
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_templates_kind_language_channel_pk" PRIMARY KEY("kind","language","channel"),
	CONSTRAINT "notification_templates_channel_check" CHECK (channel IN ('email', 'sms'))
);
--> statement-breakpoint
CREATE TABLE "reporter_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref" text DEFAULT '' NOT NULL,
	"channel" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedup_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_deadlines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"rule_id" uuid,
	"unit" text NOT NULL,
	"amount" integer NOT NULL,
	"extensions_allowed" integer DEFAULT 0 NOT NULL,
	"extension_max_days" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"started_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"extensions" integer DEFAULT 0 NOT NULL,
	"reminder3_at" timestamp with time zone,
	"reminder1_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "case_deadlines_stage_check" CHECK (stage IN ('acknowledgement', 'acceptance', 'handling', 'feedback', 'appeal_review')),
	CONSTRAINT "case_deadlines_status_check" CHECK (status IN ('pending', 'running', 'paused', 'met', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "sla_closures" (
	"department_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_closures_department_id_day_pk" PRIMARY KEY("department_id","day")
);
--> statement-breakpoint
CREATE TABLE "sla_pending_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid,
	"stage" text NOT NULL,
	"category_code" text,
	"priority" text,
	"channel" text,
	"unit" text NOT NULL,
	"amount" integer NOT NULL,
	"allow_longer" boolean DEFAULT false NOT NULL,
	"extensions_allowed" integer DEFAULT 0 NOT NULL,
	"extension_max_days" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "sla_rules_stage_check" CHECK (stage IN ('acknowledgement', 'acceptance', 'handling', 'feedback', 'appeal_review')),
	CONSTRAINT "sla_rules_unit_check" CHECK (unit IN ('calendar_days', 'working_days', 'hours')),
	CONSTRAINT "sla_rules_amount_check" CHECK (amount BETWEEN 1 AND 3650)
);
--> statement-breakpoint
CREATE TABLE "supervision_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"deadline_id" bigint NOT NULL,
	"department_id" uuid NOT NULL,
	"superior_department_id" uuid NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	CONSTRAINT "supervision_items_deadline_id_unique" UNIQUE("deadline_id"),
	CONSTRAINT "supervision_items_state_check" CHECK (state IN ('open', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "case_first_reports" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_case_id" uuid NOT NULL,
	"target_case_id" uuid NOT NULL,
	"report_ids" uuid[] NOT NULL,
	"source_state" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_targets" (
	"target_key" text NOT NULL,
	"case_id" uuid NOT NULL,
	"reports" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_targets_target_key_case_id_pk" PRIMARY KEY("target_key","case_id")
);
--> statement-breakpoint
CREATE TABLE "report_fingerprints" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"simhash" bigint NOT NULL,
	"bands" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_targets" (
	"report_id" uuid NOT NULL,
	"target_key" text NOT NULL,
	"value" text NOT NULL,
	"derived" boolean DEFAULT false NOT NULL,
	"generic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "report_targets_report_id_target_key_pk" PRIMARY KEY("report_id","target_key")
);
--> statement-breakpoint
CREATE TABLE "target_lists" (
	"list" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_lists_list_value_pk" PRIMARY KEY("list","value")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"normalized" text NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"region_code" char(6),
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"case_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "targets_status_check" CHECK (status IN ('unverified', 'confirmed_harmful', 'cleared'))
);
--> statement-breakpoint
CREATE TABLE "phone_areas" (
	"area_code" text PRIMARY KEY NOT NULL,
	"region_code" char(6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_triage" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"chosen_category" text NOT NULL,
	"suggested_category" text NOT NULL,
	"suggested_priority" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"routed_department_id" uuid NOT NULL,
	"routing_basis" text NOT NULL,
	"related_case_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "triage_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"all_of" jsonb NOT NULL,
	"none_of" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"reason_zh" text DEFAULT '' NOT NULL,
	"reason_en" text DEFAULT '' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "triage_rules_kind_check" CHECK (kind IN ('category', 'priority'))
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "contact_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reporter_notices" ADD CONSTRAINT "reporter_notices_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_deadlines" ADD CONSTRAINT "case_deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_closures" ADD CONSTRAINT "sla_closures_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_rules" ADD CONSTRAINT "sla_rules_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_deadline_id_case_deadlines_id_fk" FOREIGN KEY ("deadline_id") REFERENCES "public"."case_deadlines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_superior_department_id_departments_id_fk" FOREIGN KEY ("superior_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reporter_notices_once_idx" ON "reporter_notices" USING btree ("report_id","kind","ref");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_notifications_dedup_idx" ON "staff_notifications" USING btree ("staff_id","dedup_key");--> statement-breakpoint
CREATE INDEX "staff_notifications_unread_idx" ON "staff_notifications" USING btree ("staff_id","id") WHERE read_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "case_deadlines_stage_idx" ON "case_deadlines" USING btree ("case_id","stage","round");--> statement-breakpoint
CREATE INDEX "case_deadlines_running_idx" ON "case_deadlines" USING btree ("due_at") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "case_deadlines_met_idx" ON "case_deadlines" USING btree ("met_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_rules_active_idx" ON "sla_rules" USING btree (COALESCE("department_id", '00000000-0000-0000-0000-000000000000'::uuid),"stage",COALESCE("category_code", ''),COALESCE("priority", ''),COALESCE("channel", '')) WHERE retired_at IS NULL;--> statement-breakpoint
CREATE INDEX "supervision_items_superior_idx" ON "supervision_items" USING btree ("superior_department_id","state");--> statement-breakpoint
CREATE INDEX "case_merges_source_idx" ON "case_merges" USING btree ("source_case_id");--> statement-breakpoint
CREATE INDEX "case_targets_case_idx" ON "case_targets" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "report_fingerprints_bands_idx" ON "report_fingerprints" USING gin ("bands");--> statement-breakpoint
CREATE INDEX "report_targets_key_idx" ON "report_targets" USING btree ("target_key");