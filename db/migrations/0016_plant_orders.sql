CREATE TYPE "public"."work_order_kind" AS ENUM('preventive', 'corrective', 'inspection');--> statement-breakpoint
CREATE TYPE "public"."work_order_status" AS ENUM('planned', 'released', 'in_progress', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "planned_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"product" text NOT NULL,
	"quantity" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planned_orders_lineId_externalId_unique" UNIQUE("line_id","external_id"),
	CONSTRAINT "planned_order_quantity_positive" CHECK ("planned_orders"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"kind" "work_order_kind" NOT NULL,
	"planned_minutes" double precision NOT NULL,
	"earliest_start" timestamp with time zone NOT NULL,
	"latest_start" timestamp with time zone NOT NULL,
	"status" "work_order_status" NOT NULL,
	"actual_start" timestamp with time zone,
	"actual_end" timestamp with time zone,
	"failure_rate_factor" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_orders_lineId_externalId_unique" UNIQUE("line_id","external_id"),
	CONSTRAINT "work_order_planned_minutes_positive" CHECK ("work_orders"."planned_minutes" > 0),
	CONSTRAINT "work_order_window_ordered" CHECK ("work_orders"."latest_start" >= "work_orders"."earliest_start"),
	CONSTRAINT "work_order_actual_ordered" CHECK ("work_orders"."actual_end" is null or ("work_orders"."actual_start" is not null and "work_orders"."actual_end" >= "work_orders"."actual_start")),
	CONSTRAINT "work_order_done_has_actuals" CHECK ("work_orders"."status" <> 'done' or ("work_orders"."actual_start" is not null and "work_orders"."actual_end" is not null)),
	CONSTRAINT "work_order_failure_rate_factor" CHECK ("work_orders"."failure_rate_factor" is null or ("work_orders"."kind" = 'preventive' and "work_orders"."failure_rate_factor" > 0 and "work_orders"."failure_rate_factor" <= 1))
);
--> statement-breakpoint
ALTER TABLE "planned_orders" ADD CONSTRAINT "planned_orders_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_line_id_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "planned_orders_line_id_due_at_index" ON "planned_orders" USING btree ("line_id","due_at");--> statement-breakpoint
CREATE INDEX "work_orders_line_id_status_index" ON "work_orders" USING btree ("line_id","status");