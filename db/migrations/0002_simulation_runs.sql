CREATE TYPE "public"."simulation_run_kind" AS ENUM('simulation', 'comparison');--> statement-breakpoint
CREATE TYPE "public"."simulation_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "line_simulation_models" (
	"line_id" uuid PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"updated_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "simulation_run_kind" NOT NULL,
	"line_id" uuid,
	"title" text NOT NULL,
	"input" jsonb NOT NULL,
	"status" "simulation_run_status" DEFAULT 'queued' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"progress_note" text DEFAULT '' NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "line_simulation_models" ADD CONSTRAINT "line_simulation_models_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_simulation_models" ADD CONSTRAINT "line_simulation_models_updated_by_id_people_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD CONSTRAINT "simulation_runs_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD CONSTRAINT "simulation_runs_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "simulation_runs_status_created_at_index" ON "simulation_runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "simulation_runs_line_id_created_at_index" ON "simulation_runs" USING btree ("line_id","created_at");