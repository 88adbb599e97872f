ALTER TABLE "programs" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
-- Existing programs take the zone most of their sites use (ties: the site code first in order).
UPDATE "programs" SET "timezone" = (
  SELECT s."timezone" FROM "program_sites" ps JOIN "sites" s ON s."id" = ps."site_id"
  WHERE ps."program_id" = "programs"."id"
  GROUP BY s."timezone" ORDER BY count(*) DESC, min(s."code") LIMIT 1
) WHERE EXISTS (SELECT 1 FROM "program_sites" ps WHERE ps."program_id" = "programs"."id");
