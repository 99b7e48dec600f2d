-- Opening reports keep their snapshot as JSON text (issue 14): built in one pass, read back unconverted.
-- The per-minute job asks only whether a task or alert is listed: the ids are kept beside the text.
ALTER TABLE "opening_reports" ADD COLUMN "escalated_task_ids" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "opening_reports" ADD COLUMN "alert_ids" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE "opening_reports" SET
  "escalated_task_ids" = array(select (e->>'id')::int from jsonb_array_elements(content->'escalated') e),
  "alert_ids" = array(select (a->>'id')::int from jsonb_array_elements(coalesce(content->'alerts', '[]')) a);--> statement-breakpoint
ALTER TABLE "opening_reports" ALTER COLUMN "content" SET DATA TYPE json USING content::json;
--> statement-breakpoint
-- lz4 compresses a 2 MB snapshot in a fraction of pglz's time (≈ 10 ms per version with 2,500 tasks) and
-- smaller; PostgreSQL built without it (the embedded PGlite) keeps the default.
DO $$ BEGIN
  ALTER TABLE "opening_reports" ALTER COLUMN "content" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
