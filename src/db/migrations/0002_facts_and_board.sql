CREATE TABLE "board_explanations" (
	"track_id" integer NOT NULL,
	"month" text NOT NULL,
	"no" integer NOT NULL,
	"cause" text NOT NULL,
	"plan" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	CONSTRAINT "board_explanations_track_id_month_no_pk" PRIMARY KEY("track_id","month","no")
);
--> statement-breakpoint
CREATE TABLE "threshold_bands" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "threshold_bands_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"no" integer NOT NULL,
	"effective_month" text NOT NULL,
	"red" numeric(12, 4) NOT NULL,
	"yellow" numeric(12, 4) NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" integer,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "data_sources" (
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"last_write_at" timestamp with time zone NOT NULL,
	"latest_fact_date" date NOT NULL,
	CONSTRAINT "data_sources_kind_source_pk" PRIMARY KEY("kind","source")
);
--> statement-breakpoint
CREATE TABLE "exchange_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"via" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"voided" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb,
	"file_name" text
);
--> statement-breakpoint
CREATE TABLE "expenses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "expenses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"doc_no" text NOT NULL,
	"line_no" text NOT NULL,
	"date" date NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer,
	"category" text,
	"amount" numeric(18, 2) NOT NULL,
	"void" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"run_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_am_monthly" (
	"measure" text NOT NULL,
	"month" date NOT NULL,
	"source" text NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "fact_am_monthly_pk" PRIMARY KEY("month","measure","source","track_id","am_id")
);
--> statement-breakpoint
CREATE TABLE "fact_monthly" (
	"measure" text NOT NULL,
	"month" date NOT NULL,
	"source" text NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"opportunity_code" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "fact_monthly_pk" PRIMARY KEY("am_id","measure","month","source","track_id","customer_id","opportunity_code")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_caller_key_pk" PRIMARY KEY("caller","key")
);
--> statement-breakpoint
CREATE TABLE "month_closes" (
	"source" text NOT NULL,
	"month" date NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"actor_name" text,
	CONSTRAINT "month_closes_source_month_pk" PRIMARY KEY("source","month")
);
--> statement-breakpoint
CREATE TABLE "receivable_month_ends" (
	"month" date NOT NULL,
	"customer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"balance" numeric(18, 2) NOT NULL,
	CONSTRAINT "receivable_month_ends_month_customer_id_pk" PRIMARY KEY("month","customer_id")
);
--> statement-breakpoint
CREATE TABLE "receivables" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "receivables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"as_of" date NOT NULL,
	"balance" numeric(18, 2) NOT NULL,
	"customer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"void" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"run_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_daily" (
	"day" date NOT NULL,
	"source" text NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "sales_daily_day_source_track_id_am_id_pk" PRIMARY KEY("day","source","track_id","am_id")
);
--> statement-breakpoint
CREATE TABLE "sales_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sales_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_no" text NOT NULL,
	"line_no" text NOT NULL,
	"date" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"customer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"opportunity_code" text,
	"void" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"run_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shipment_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"plan_no" text NOT NULL,
	"line_no" text NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"customer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"opportunity_code" text,
	"void" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"run_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shipments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"doc_no" text NOT NULL,
	"line_no" text NOT NULL,
	"date" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"cost" numeric(18, 2),
	"customer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"opportunity_code" text,
	"void" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"run_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"kind" text NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"before" numeric(18, 2),
	"after" numeric(18, 2),
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"kind" text NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"run_id" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "targets_kind_year_month_track_id_am_id_pk" PRIMARY KEY("kind","year","month","track_id","am_id")
);
--> statement-breakpoint
CREATE INDEX "threshold_bands_no_idx" ON "threshold_bands" USING btree ("no","effective_month");--> statement-breakpoint
CREATE INDEX "exchange_runs_started_idx" ON "exchange_runs" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "expenses_doc_key" ON "expenses" USING btree ("doc_no","line_no");--> statement-breakpoint
CREATE INDEX "expenses_track_date_idx" ON "expenses" USING btree ("track_id","date");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "receivables_key" ON "receivables" USING btree ("customer_id","as_of");--> statement-breakpoint
CREATE INDEX "receivables_track_idx" ON "receivables" USING btree ("track_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_orders_doc_key" ON "sales_orders" USING btree ("order_no","line_no");--> statement-breakpoint
CREATE INDEX "sales_orders_customer_date_idx" ON "sales_orders" USING btree ("customer_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_plans_doc_key" ON "shipment_plans" USING btree ("source","plan_no","line_no");--> statement-breakpoint
CREATE INDEX "shipment_plans_customer_idx" ON "shipment_plans" USING btree ("customer_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_doc_key" ON "shipments" USING btree ("source","doc_no","line_no");--> statement-breakpoint
CREATE INDEX "shipments_customer_date_idx" ON "shipments" USING btree ("customer_id","date");--> statement-breakpoint
CREATE INDEX "shipments_opportunity_idx" ON "shipments" USING btree ("opportunity_code") WHERE "shipments"."opportunity_code" is not null;--> statement-breakpoint
CREATE INDEX "target_versions_key_idx" ON "target_versions" USING btree ("kind","year","track_id","am_id");