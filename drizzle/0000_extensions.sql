-- Extensions the schema relies on: ltree for the department tree, pg_trgm for fuzzy look-ups.
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
