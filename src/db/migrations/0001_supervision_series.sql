-- users.track_id → tracks: declared here because the two tables reference each other.
ALTER TABLE "users" ADD CONSTRAINT "users_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id");
--> statement-breakpoint
-- The supervision series exists from the start (SPEC §4.1): first Wednesday of the month, 09:30–12:30.
INSERT INTO "meeting_series" ("type", "track_id", "cadence")
VALUES ('supervision', NULL, '{"kind":"monthly_nth_weekday","nth":1,"weekday":3,"start":"09:30","end":"12:30"}'::jsonb);
