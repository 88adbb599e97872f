CREATE TYPE "public"."balancing_problem" AS ENUM('SALBP-1', 'SALBP-2');--> statement-breakpoint
CREATE TYPE "public"."zoning_kind" AS ENUM('same_station', 'different_station');--> statement-breakpoint
CREATE TABLE "balancing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid,
	"title" text NOT NULL,
	"problem" "balancing_problem" NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"stations" integer NOT NULL,
	"cycle_time" double precision NOT NULL,
	"proven_optimal" boolean NOT NULL,
	"lower_bound" double precision NOT NULL,
	"elapsed_ms" double precision NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_task_precedences" (
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	CONSTRAINT "line_task_precedences_predecessor_id_successor_id_pk" PRIMARY KEY("predecessor_id","successor_id")
);
--> statement-breakpoint
CREATE TABLE "line_task_zoning" (
	"task_a_id" uuid NOT NULL,
	"task_b_id" uuid NOT NULL,
	"kind" "zoning_kind" NOT NULL,
	CONSTRAINT "line_task_zoning_task_a_id_task_b_id_pk" PRIMARY KEY("task_a_id","task_b_id")
);
--> statement-breakpoint
CREATE TABLE "line_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"code" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"time" double precision NOT NULL,
	"fixed_station" integer,
	"position" integer NOT NULL,
	CONSTRAINT "line_tasks_lineId_code_unique" UNIQUE("line_id","code"),
	CONSTRAINT "line_task_time_positive" CHECK ("line_tasks"."time" > 0)
);
--> statement-breakpoint
ALTER TABLE "balancing_runs" ADD CONSTRAINT "balancing_runs_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balancing_runs" ADD CONSTRAINT "balancing_runs_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_task_precedences" ADD CONSTRAINT "line_task_precedences_predecessor_id_line_tasks_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."line_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_task_precedences" ADD CONSTRAINT "line_task_precedences_successor_id_line_tasks_id_fk" FOREIGN KEY ("successor_id") REFERENCES "public"."line_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_task_zoning" ADD CONSTRAINT "line_task_zoning_task_a_id_line_tasks_id_fk" FOREIGN KEY ("task_a_id") REFERENCES "public"."line_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_task_zoning" ADD CONSTRAINT "line_task_zoning_task_b_id_line_tasks_id_fk" FOREIGN KEY ("task_b_id") REFERENCES "public"."line_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_tasks" ADD CONSTRAINT "line_tasks_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "balancing_runs_line_id_created_at_index" ON "balancing_runs" USING btree ("line_id","created_at");