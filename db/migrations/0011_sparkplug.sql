CREATE TABLE "sparkplug_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" text NOT NULL,
	"edge_node" text NOT NULL,
	"device" text DEFAULT '' NOT NULL,
	"station_id" uuid NOT NULL,
	"metrics" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sparkplug_mappings_groupId_edgeNode_device_stationId_unique" UNIQUE("group_id","edge_node","device","station_id")
);
--> statement-breakpoint
CREATE TABLE "sparkplug_nodes" (
	"group_id" text NOT NULL,
	"edge_node" text NOT NULL,
	"online" boolean NOT NULL,
	"bd_seq" bigint,
	"last_seq" integer,
	"seq_gaps" integer DEFAULT 0 NOT NULL,
	"last_birth_at" timestamp with time zone,
	"last_death_at" timestamp with time zone,
	"offline_devices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sparkplug_nodes_group_id_edge_node_pk" PRIMARY KEY("group_id","edge_node")
);
--> statement-breakpoint
ALTER TABLE "data_sources" ADD COLUMN "last_quality_note" text;--> statement-breakpoint
ALTER TABLE "sparkplug_mappings" ADD CONSTRAINT "sparkplug_mappings_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE cascade ON UPDATE no action;