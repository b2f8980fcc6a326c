DROP TABLE "number_counters" CASCADE;
--> statement-breakpoint
-- Report and case numbers come from one sequence per kind and day in this schema (created on first use).
CREATE SCHEMA IF NOT EXISTS numbers;
