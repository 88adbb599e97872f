CREATE TYPE "public"."live_metric" AS ENUM('throughput', 'availability', 'performance', 'quality', 'oee', 'scrap_rate', 'energy_per_good_part');--> statement-breakpoint
CREATE TYPE "public"."measurement_recorder" AS ENUM('person', 'twin');--> statement-breakpoint
CREATE TYPE "public"."decision_choice_kind" AS ENUM('balance', 'buffer_change', 'maintenance_placement', 'mix', 'sequence', 'free_text');--> statement-breakpoint
CREATE TYPE "public"."prediction_source" AS ENUM('run', 'hand');--> statement-breakpoint
CREATE TABLE "decision_predictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"kpi_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"low" double precision NOT NULL,
	"high" double precision NOT NULL,
	"scenario" text,
	"source" "prediction_source" NOT NULL,
	"run_id" uuid,
	"window" jsonb,
	"live_metric" "live_metric",
	"live_line_id" uuid,
	"live_station_id" uuid,
	"live_check" jsonb,
	"live_checked_at" timestamp with time zone,
	CONSTRAINT "decision_predictions_decisionId_kpiId_unique" UNIQUE("decision_id","kpi_id"),
	CONSTRAINT "decision_prediction_interval" CHECK ("decision_predictions"."low" <= "decision_predictions"."value" and "decision_predictions"."value" <= "decision_predictions"."high"),
	CONSTRAINT "decision_prediction_run" CHECK (("decision_predictions"."source" = 'run') = ("decision_predictions"."run_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "decision_runs" (
	"decision_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	CONSTRAINT "decision_runs_decision_id_run_id_pk" PRIMARY KEY("decision_id","run_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"use_case_id" uuid NOT NULL,
	"choice_kind" "decision_choice_kind" NOT NULL,
	"choice" jsonb NOT NULL,
	"balancing_run_id" uuid,
	"effective_from" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"usage_event_id" uuid
);
--> statement-breakpoint
ALTER TABLE "kpi_measurements" ALTER COLUMN "recorded_by_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD COLUMN "recorded_by" "measurement_recorder" DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "kpis" ADD COLUMN "live_metric" "live_metric";--> statement-breakpoint
ALTER TABLE "kpis" ADD COLUMN "live_line_id" uuid;--> statement-breakpoint
ALTER TABLE "kpis" ADD COLUMN "live_station_id" uuid;--> statement-breakpoint
ALTER TABLE "decision_predictions" ADD CONSTRAINT "decision_predictions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_predictions" ADD CONSTRAINT "decision_predictions_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_predictions" ADD CONSTRAINT "decision_predictions_run_id_simulation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."simulation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_predictions" ADD CONSTRAINT "decision_predictions_live_line_id_lines_id_fk" FOREIGN KEY ("live_line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_predictions" ADD CONSTRAINT "decision_predictions_live_station_id_stations_id_fk" FOREIGN KEY ("live_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_runs" ADD CONSTRAINT "decision_runs_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_runs" ADD CONSTRAINT "decision_runs_run_id_simulation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."simulation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_use_case_id_use_cases_id_fk" FOREIGN KEY ("use_case_id") REFERENCES "public"."use_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_balancing_run_id_balancing_runs_id_fk" FOREIGN KEY ("balancing_run_id") REFERENCES "public"."balancing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_usage_event_id_usage_events_id_fk" FOREIGN KEY ("usage_event_id") REFERENCES "public"."usage_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_predictions_kpi_id_index" ON "decision_predictions" USING btree ("kpi_id");--> statement-breakpoint
CREATE INDEX "decision_runs_run_id_index" ON "decision_runs" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "decisions_use_case_id_decided_at_index" ON "decisions" USING btree ("use_case_id","decided_at");--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_live_line_id_lines_id_fk" FOREIGN KEY ("live_line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_live_station_id_stations_id_fk" FOREIGN KEY ("live_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurement_recorder" CHECK (("kpi_measurements"."recorded_by" = 'person') = ("kpi_measurements"."recorded_by_id" is not null));--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpi_live_binding" CHECK (("kpis"."live_metric" is null and "kpis"."live_line_id" is null and "kpis"."live_station_id" is null) or ("kpis"."live_metric" is not null and ("kpis"."live_line_id" is null) <> ("kpis"."live_station_id" is null)));