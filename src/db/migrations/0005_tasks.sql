CREATE TABLE "tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"series_id" integer NOT NULL,
	"meeting_type" text NOT NULL,
	"track_id" integer NOT NULL,
	"dimension" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"month" text NOT NULL,
	"background" text NOT NULL,
	"description" text NOT NULL,
	"owner_id" integer NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"deadline_meeting_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"escalation_due_at" timestamp with time zone,
	"escalation_meeting_id" integer,
	"escalated_at" timestamp with time zone,
	"escalated_to_meeting_id" integer,
	"late_entry" boolean DEFAULT false NOT NULL,
	"extensions" integer DEFAULT 0 NOT NULL,
	"reassignments" integer DEFAULT 0 NOT NULL,
	"project_id" integer,
	"origin_task_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	"on_behalf_of_id" integer,
	"completed_at" timestamp with time zone,
	"completion_note" text,
	"confirmed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tasks_dimension_check" CHECK ("tasks"."dimension" between 1 and 8)
);
--> statement-breakpoint
CREATE INDEX "tasks_owner_idx" ON "tasks" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "tasks_track_idx" ON "tasks" USING btree ("track_id","status");--> statement-breakpoint
CREATE INDEX "tasks_meeting_idx" ON "tasks" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "tasks_escalation_idx" ON "tasks" USING btree ("escalation_due_at") WHERE "tasks"."status" = 'pending' and "tasks"."escalated_at" is null;