DROP INDEX "case_departments_department_idx";--> statement-breakpoint
ALTER TABLE "case_departments" ADD COLUMN "case_opened_at" timestamp with time zone;--> statement-breakpoint
UPDATE "case_departments" cd SET "case_opened_at" = c."opened_at" FROM "cases" c WHERE c."id" = cd."case_id";--> statement-breakpoint
ALTER TABLE "case_departments" ALTER COLUMN "case_opened_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "case_departments_department_opened_idx" ON "case_departments" USING btree ("department_id","case_opened_at","case_id");
