CREATE TABLE "line_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"code" text NOT NULL,
	"share" double precision NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "line_models_lineId_code_unique" UNIQUE("line_id","code"),
	CONSTRAINT "line_model_share_positive" CHECK ("line_models"."share" > 0)
);
--> statement-breakpoint
CREATE TABLE "line_task_times" (
	"task_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"time" double precision NOT NULL,
	CONSTRAINT "line_task_times_task_id_model_id_pk" PRIMARY KEY("task_id","model_id"),
	CONSTRAINT "line_task_time_not_negative" CHECK ("line_task_times"."time" >= 0)
);
--> statement-breakpoint
ALTER TABLE "line_models" ADD CONSTRAINT "line_models_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_task_times" ADD CONSTRAINT "line_task_times_task_id_line_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."line_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_task_times" ADD CONSTRAINT "line_task_times_model_id_line_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."line_models"("id") ON DELETE cascade ON UPDATE no action;