CREATE TYPE "public"."question_kind" AS ENUM('next_shift', 'maintenance_plan', 'mix_scenario');--> statement-breakpoint
CREATE TYPE "public"."usage_origin" AS ENUM('manual', 'answer', 'decision', 'page');--> statement-breakpoint
ALTER TYPE "public"."simulation_run_kind" ADD VALUE 'next_shift';--> statement-breakpoint
ALTER TYPE "public"."simulation_run_kind" ADD VALUE 'maintenance_plan';--> statement-breakpoint
ALTER TYPE "public"."simulation_run_kind" ADD VALUE 'mix_scenario';--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "peak_limit_kw" double precision;--> statement-breakpoint
ALTER TABLE "use_cases" ADD COLUMN "bound_question" "question_kind";--> statement-breakpoint
ALTER TABLE "use_cases" ADD COLUMN "bound_line_id" uuid;--> statement-breakpoint
ALTER TABLE "use_cases" ADD COLUMN "bound_parameters" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "origin" "usage_origin" DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD COLUMN "use_case_id" uuid;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_cases_bound_line_id_lines_id_fk" FOREIGN KEY ("bound_line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_run_id_simulation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."simulation_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD CONSTRAINT "simulation_runs_use_case_id_use_cases_id_fk" FOREIGN KEY ("use_case_id") REFERENCES "public"."use_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "use_cases" ADD CONSTRAINT "use_case_bound_question_has_line" CHECK (("use_cases"."bound_question" is null) = ("use_cases"."bound_line_id" is null));