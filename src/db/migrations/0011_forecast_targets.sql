CREATE TABLE "baseline_items" (
	"year" integer NOT NULL,
	"opportunity_id" integer NOT NULL,
	"code" text NOT NULL,
	"track_id" integer NOT NULL,
	"am_id" integer NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "baseline_items_year_opportunity_id_month_pk" PRIMARY KEY("year","opportunity_id","month")
);
--> statement-breakpoint
CREATE TABLE "baselines" (
	"year" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" integer
);
--> statement-breakpoint
CREATE TABLE "target_ledger_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"opportunity_id" integer NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"request_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_ledger_versions" (
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"request_id" integer,
	"executed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "target_ledger_versions_year_version_pk" PRIMARY KEY("year","version")
);
--> statement-breakpoint
CREATE TABLE "target_request_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_request_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"by" integer NOT NULL,
	"role" text NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_request_lines" (
	"request_id" integer NOT NULL,
	"line" integer NOT NULL,
	"opportunity_id" integer NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "target_request_lines_request_id_line_pk" PRIMARY KEY("request_id","line")
);
--> statement-breakpoint
CREATE TABLE "target_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"track_id" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_role" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"execute_due_at" timestamp with time zone,
	"executed_at" timestamp with time zone,
	"ledger_version" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "target_request_decisions" ADD CONSTRAINT "target_request_decisions_request_id_target_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."target_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_request_lines" ADD CONSTRAINT "target_request_lines_request_id_target_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."target_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_ledger_entries_version_idx" ON "target_ledger_entries" USING btree ("year","version");--> statement-breakpoint
CREATE INDEX "target_ledger_entries_opportunity_idx" ON "target_ledger_entries" USING btree ("opportunity_id","month");--> statement-breakpoint
CREATE INDEX "target_request_decisions_request_idx" ON "target_request_decisions" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "target_requests_track_idx" ON "target_requests" USING btree ("track_id","status");--> statement-breakpoint
CREATE INDEX "target_requests_submitter_idx" ON "target_requests" USING btree ("submitted_by");