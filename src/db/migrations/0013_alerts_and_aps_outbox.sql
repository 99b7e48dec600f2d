CREATE TABLE "alerts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer,
	"opportunity_id" integer,
	"period" text,
	"subject_key" text NOT NULL,
	"facts" jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"handled_by" integer,
	"handled_at" timestamp with time zone,
	"note" text,
	"project_id" integer,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aps_deliveries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "aps_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"delivery_id" text NOT NULL,
	"opportunity_id" integer NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"last_status" integer,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_once_per_period" ON "alerts" USING btree ("kind","subject_key","period") WHERE "alerts"."period" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_gap" ON "alerts" USING btree ("opportunity_id") WHERE "alerts"."kind" = 'dual_version_gap' and "alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "alerts_track_status_idx" ON "alerts" USING btree ("track_id","status","id");--> statement-breakpoint
CREATE INDEX "alerts_am_idx" ON "alerts" USING btree ("am_id","id");--> statement-breakpoint
CREATE INDEX "alerts_open_due_idx" ON "alerts" USING btree ("due_at") WHERE "alerts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "alerts_escalated_idx" ON "alerts" USING btree ("escalated_at") WHERE "alerts"."escalated_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "aps_deliveries_delivery_id" ON "aps_deliveries" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "aps_deliveries_opportunity_idx" ON "aps_deliveries" USING btree ("opportunity_id","id");--> statement-breakpoint
CREATE INDEX "aps_deliveries_created_idx" ON "aps_deliveries" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "aps_deliveries_due_idx" ON "aps_deliveries" USING btree ("next_attempt_at") WHERE "aps_deliveries"."status" = 'pending';