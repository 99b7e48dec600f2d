CREATE TABLE "forecast_snapshot_items" (
	"month" date NOT NULL,
	"opportunity_id" integer NOT NULL,
	"code" text NOT NULL,
	"customer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"business_line" text NOT NULL,
	"kind" text NOT NULL,
	"stage" text NOT NULL,
	"probability" numeric(6, 4) NOT NULL,
	CONSTRAINT "forecast_snapshot_items_month_opportunity_id_pk" PRIMARY KEY("month","opportunity_id")
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshot_months" (
	"month" date NOT NULL,
	"opportunity_id" integer NOT NULL,
	"version" text NOT NULL,
	"line" text NOT NULL,
	"line_month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "forecast_snapshot_months_month_opportunity_id_version_line_line_month_pk" PRIMARY KEY("month","opportunity_id","version","line","line_month")
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshot_versions" (
	"month" date NOT NULL,
	"opportunity_id" integer NOT NULL,
	"version" text NOT NULL,
	"order_month" date,
	"amount" numeric(18, 2),
	"has_orders" boolean NOT NULL,
	CONSTRAINT "forecast_snapshot_versions_month_opportunity_id_version_pk" PRIMARY KEY("month","opportunity_id","version")
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshots" (
	"month" date PRIMARY KEY NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"items" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "forecast_snapshot_items_track_idx" ON "forecast_snapshot_items" USING btree ("month","track_id");--> statement-breakpoint
CREATE INDEX "forecast_snapshot_items_code_idx" ON "forecast_snapshot_items" USING btree ("code");--> statement-breakpoint
CREATE INDEX "forecast_snapshot_months_line_idx" ON "forecast_snapshot_months" USING btree ("line_month","line","version");--> statement-breakpoint
CREATE INDEX "history_action_at_idx" ON "history" USING btree ("entity","action","at");