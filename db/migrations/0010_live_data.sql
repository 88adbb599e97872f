-- Edited by hand after drizzle-kit generate: machine_events is partitioned by day on ts (drizzle does
-- not model partitioning); server/events/partitions.ts makes the partitions.
CREATE TYPE "public"."event_kind" AS ENUM('state', 'cycle', 'energy', 'buffer', 'count');--> statement-breakpoint
CREATE TYPE "public"."state_class" AS ENUM('running', 'reduced_speed', 'starved', 'blocked', 'unplanned_stop', 'setup', 'planned_stop', 'offline');--> statement-breakpoint
CREATE TABLE "machine_events" (
	"station_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" "event_kind" NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_id" uuid,
	"state" "state_class",
	"reason" text,
	"state_code" integer,
	"product" text,
	"cycle_seconds" double precision,
	"good" integer,
	"scrap" integer,
	"kw" double precision,
	"kwh" double precision,
	"buffer_level" integer,
	"system" text,
	"period_start" timestamp with time zone,
	CONSTRAINT "machine_events_station_id_ts_event_id_pk" PRIMARY KEY("station_id","ts","event_id")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "stop_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"state_class" "state_class" NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "stop_reasons_siteId_code_unique" UNIQUE("site_id","code")
);
--> statement-breakpoint
CREATE TABLE "planned_stops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"line_id" uuid,
	"station_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"category" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_stop_ends_after_start" CHECK ("planned_stops"."ends_at" > "planned_stops"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "work_schedules" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"shifts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lines" ADD COLUMN "microstop_seconds" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "ideal_cycle_seconds" double precision;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "ideal_cycle_by_product" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "data_sources" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "stop_reasons" ADD CONSTRAINT "stop_reasons_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_stops" ADD CONSTRAINT "planned_stops_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_stops" ADD CONSTRAINT "planned_stops_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_stops" ADD CONSTRAINT "planned_stops_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_stops" ADD CONSTRAINT "planned_stops_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "machine_events_states" ON "machine_events" USING btree ("station_id","ts") WHERE "machine_events"."kind" = 'state';--> statement-breakpoint
CREATE INDEX "planned_stops_site_id_starts_at_index" ON "planned_stops" USING btree ("site_id","starts_at");--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_program_code_unique" UNIQUE("program_id","code");