-- Kept /tasks pages (tasks/kept-pages.ts, issue 14) are current while the count of changes to tasks is
-- unchanged: every statement that inserts, updates or deletes at least one task stamps topic 'tasks'
-- (one count for all, '-infinity'), in its own transaction. A statement that touches no row stamps
-- nothing, so the per-minute jobs that find nothing to do leave the kept pages alone.
CREATE FUNCTION tasks_stamp_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed) THEN
    PERFORM change_stamp('tasks', ARRAY['-infinity'::date]);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION tasks_stamp_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM change_stamp('tasks', ARRAY['-infinity'::date]);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tasks_stamp_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_stamp_rows();--> statement-breakpoint
CREATE TRIGGER tasks_stamp_upd AFTER UPDATE ON tasks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_stamp_rows();--> statement-breakpoint
CREATE TRIGGER tasks_stamp_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_stamp_rows();--> statement-breakpoint
CREATE TRIGGER tasks_stamp_truncate AFTER TRUNCATE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_stamp_all();
