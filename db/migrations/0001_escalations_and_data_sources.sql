CREATE TYPE "public"."data_quality" AS ENUM('good', 'uncertain', 'bad');--> statement-breakpoint
CREATE TYPE "public"."data_source_kind" AS ENUM('plc_sensor', 'historian', 'mes', 'maintenance', 'quality', 'erp', 'other');--> statement-breakpoint
CREATE TYPE "public"."escalation_event_kind" AS ENUM('raised', 'acknowledged', 'resolved', 'reopened', 'escalated', 'comment', 'data_flowing', 'data_stale_again');--> statement-breakpoint
CREATE TYPE "public"."escalation_origin" AS ENUM('manual', 'freshness');--> statement-breakpoint
CREATE TYPE "public"."escalation_severity" AS ENUM('critical', 'high', 'normal', 'low');--> statement-breakpoint
CREATE TYPE "public"."escalation_status" AS ENUM('open', 'acknowledged', 'resolved', 'reopened');--> statement-breakpoint
CREATE TYPE "public"."escalation_subject" AS ENUM('use_case', 'kpi', 'milestone', 'data_source');--> statement-breakpoint
CREATE TABLE "data_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "data_source_kind" NOT NULL,
	"scope_site_id" uuid,
	"scope_area_id" uuid,
	"scope_line_id" uuid,
	"owner_id" uuid NOT NULL,
	"escalation_group_id" uuid,
	"expected_refresh_seconds" integer NOT NULL,
	"max_latency_seconds" integer NOT NULL,
	"last_received_at" timestamp with time zone,
	"last_source_timestamp" timestamp with time zone,
	"last_quality" "data_quality",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_source_scope_exactly_one" CHECK (num_nonnulls("data_sources"."scope_site_id", "data_sources"."scope_area_id", "data_sources"."scope_line_id") = 1),
	CONSTRAINT "data_source_thresholds_positive" CHECK ("data_sources"."expected_refresh_seconds" > 0 and "data_sources"."max_latency_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "use_case_data_sources" (
	"use_case_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	CONSTRAINT "use_case_data_sources_use_case_id_data_source_id_pk" PRIMARY KEY("use_case_id","data_source_id")
);
--> statement-breakpoint
CREATE TABLE "escalation_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"escalation_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" "escalation_event_kind" NOT NULL,
	"actor_id" uuid,
	"from_assignee_id" uuid,
	"to_assignee_id" uuid,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"subject_type" "escalation_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"origin" "escalation_origin" DEFAULT 'manual' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"severity" "escalation_severity" NOT NULL,
	"status" "escalation_status" DEFAULT 'open' NOT NULL,
	"raised_by_id" uuid,
	"assignee_id" uuid NOT NULL,
	"route_group_id" uuid,
	"route_step" integer DEFAULT 0 NOT NULL,
	"auto_escalate" boolean DEFAULT true NOT NULL,
	"sla_hours" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"first_due_at" timestamp with time zone NOT NULL,
	"escalation_count" integer DEFAULT 0 NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"data_restored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "sla_critical_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "sla_high_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "sla_normal_hours" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "sla_low_hours" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "early_warning_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_scope_site_id_sites_id_fk" FOREIGN KEY ("scope_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_scope_area_id_areas_id_fk" FOREIGN KEY ("scope_area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_scope_line_id_lines_id_fk" FOREIGN KEY ("scope_line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_escalation_group_id_user_groups_id_fk" FOREIGN KEY ("escalation_group_id") REFERENCES "public"."user_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_data_sources" ADD CONSTRAINT "use_case_data_sources_use_case_id_use_cases_id_fk" FOREIGN KEY ("use_case_id") REFERENCES "public"."use_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_case_data_sources" ADD CONSTRAINT "use_case_data_sources_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_events" ADD CONSTRAINT "escalation_events_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_events" ADD CONSTRAINT "escalation_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_events" ADD CONSTRAINT "escalation_events_from_assignee_id_people_id_fk" FOREIGN KEY ("from_assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_events" ADD CONSTRAINT "escalation_events_to_assignee_id_people_id_fk" FOREIGN KEY ("to_assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_raised_by_id_people_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_assignee_id_people_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_route_group_id_user_groups_id_fk" FOREIGN KEY ("route_group_id") REFERENCES "public"."user_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalation_events_escalation_id_id_index" ON "escalation_events" USING btree ("escalation_id","id");--> statement-breakpoint
CREATE INDEX "escalations_status_due_at_index" ON "escalations" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "escalations_assignee_id_status_index" ON "escalations" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_one_open_freshness_per_subject" ON "escalations" USING btree ("subject_type","subject_id") WHERE "escalations"."origin" = 'freshness' and "escalations"."status" <> 'resolved';