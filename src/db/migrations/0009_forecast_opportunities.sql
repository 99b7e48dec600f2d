CREATE TABLE "forecast_months" (
	"opportunity_id" integer NOT NULL,
	"version" text NOT NULL,
	"line" text NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "forecast_months_opportunity_id_version_line_month_pk" PRIMARY KEY("opportunity_id","version","line","month")
);
--> statement-breakpoint
CREATE TABLE "forecast_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "forecast_versions" (
	"opportunity_id" integer NOT NULL,
	"version" text NOT NULL,
	"order_month" date,
	"amount" numeric(18, 2),
	"items" jsonb,
	"has_orders" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer,
	CONSTRAINT "forecast_versions_opportunity_id_version_pk" PRIMARY KEY("opportunity_id","version")
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opportunities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"customer_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"business_line" text NOT NULL,
	"kind" text NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"push_count" integer DEFAULT 0 NOT NULL,
	"lost_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "forecast_versions" ADD CONSTRAINT "forecast_versions_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_am_id_users_id_fk" FOREIGN KEY ("am_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_months_month_idx" ON "forecast_months" USING btree ("month","line","version");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_code_key" ON "opportunities" USING btree ("code");--> statement-breakpoint
CREATE INDEX "opportunities_track_idx" ON "opportunities" USING btree ("track_id","stage");--> statement-breakpoint
CREATE INDEX "opportunities_am_idx" ON "opportunities" USING btree ("am_id");--> statement-breakpoint
CREATE INDEX "opportunities_customer_idx" ON "opportunities" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_updated_idx" ON "opportunities" USING btree ("updated_at","id");