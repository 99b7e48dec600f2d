CREATE TABLE "forecast_accuracy_configs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "forecast_accuracy_configs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"effective_month" text NOT NULL,
	"formula" text NOT NULL,
	"lag" integer NOT NULL,
	"version" text NOT NULL,
	"granularity" text NOT NULL,
	"actuals_source" text,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" integer
);
--> statement-breakpoint
CREATE INDEX "forecast_accuracy_configs_month_idx" ON "forecast_accuracy_configs" USING btree ("effective_month","id");