CREATE TABLE "board_cache" (
	"month" text NOT NULL,
	"view" text NOT NULL,
	"stamp" bigint NOT NULL,
	"board" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "board_cache_month_view_pk" PRIMARY KEY("month","view")
);
--> statement-breakpoint
CREATE TABLE "change_stamps" (
	"stamp" bigint PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"month" date NOT NULL,
	"n" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "change_stamps_topic_month_idx" ON "change_stamps" USING btree ("topic","month","n");--> statement-breakpoint
-- One mechanism for every kept result (db/stamps.ts): the accuracy's stamps move into change_stamps
-- under topic 'accuracy' with their counts unchanged, so the months already measured stay current.
CREATE SEQUENCE "change_stamp_seq";--> statement-breakpoint
INSERT INTO change_stamps (stamp, topic, month, n) SELECT stamp, 'accuracy', month, 1 FROM forecast_accuracy_stamps;--> statement-breakpoint
SELECT setval('change_stamp_seq', greatest((SELECT max(stamp) FROM change_stamps), 0) + 1, false);--> statement-breakpoint
CREATE FUNCTION change_stamp(p_topic text, p_months date[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO change_stamps (stamp, topic, month)
  SELECT nextval('change_stamp_seq'), p_topic, m FROM (SELECT DISTINCT m FROM unnest(p_months) m WHERE m IS NOT NULL) x
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION forecast_accuracy_bump(months date[]) RETURNS void LANGUAGE sql AS $$
  SELECT change_stamp('accuracy', months)
$$;--> statement-breakpoint
DROP TABLE "forecast_accuracy_stamps" CASCADE;--> statement-breakpoint
DROP SEQUENCE "forecast_accuracy_stamp_seq";--> statement-breakpoint
-- rebuildRollups empties fact_monthly with TRUNCATE, which fires no delete trigger: every month
-- measured may have lost its shipments.
CREATE FUNCTION forecast_accuracy_facts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(SELECT DISTINCT month FROM forecast_accuracy_cache));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER fact_monthly_accuracy_truncate AFTER TRUNCATE ON fact_monthly
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_facts_truncated();--> statement-breakpoint
-- The board of month M (board/cache.ts) reads rollups, receivables, targets and bands of months up to M,
-- and the organisation as it is now: each statement changing them stamps the earliest month it reaches
-- (topic 'board'; '-infinity' for all). Dimension 6 follows the accuracy's own stamps.
CREATE FUNCTION board_stamp(p_from date) RETURNS void LANGUAGE sql AS $$
  SELECT change_stamp('board', ARRAY[p_from])
$$;--> statement-breakpoint
CREATE FUNCTION board_stamp_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM board_stamp('-infinity'::date);
  RETURN NULL;
END $$;--> statement-breakpoint
-- TG_ARGV[0]: the month a row reaches, as an expression over its columns.
CREATE FUNCTION board_stamp_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first date;
  side date;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('SELECT min(%s) FROM new_rows', TG_ARGV[0]) INTO first;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format('SELECT min(%s) FROM old_rows', TG_ARGV[0]) INTO side;
    first := least(first, side);
  END IF;
  PERFORM board_stamp(first);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER fact_am_monthly_board_ins AFTER INSERT ON fact_am_monthly REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('month');--> statement-breakpoint
CREATE TRIGGER fact_am_monthly_board_upd AFTER UPDATE ON fact_am_monthly REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('month');--> statement-breakpoint
CREATE TRIGGER fact_am_monthly_board_del AFTER DELETE ON fact_am_monthly REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('month');--> statement-breakpoint
CREATE TRIGGER sales_daily_board_ins AFTER INSERT ON sales_daily REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('date_trunc(''month'', day)::date');--> statement-breakpoint
CREATE TRIGGER sales_daily_board_upd AFTER UPDATE ON sales_daily REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('date_trunc(''month'', day)::date');--> statement-breakpoint
CREATE TRIGGER sales_daily_board_del AFTER DELETE ON sales_daily REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('date_trunc(''month'', day)::date');--> statement-breakpoint
CREATE TRIGGER receivables_board_ins AFTER INSERT ON receivables REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('date_trunc(''month'', as_of)::date');--> statement-breakpoint
CREATE TRIGGER receivables_board_upd AFTER UPDATE ON receivables REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('date_trunc(''month'', as_of)::date');--> statement-breakpoint
CREATE TRIGGER receivables_board_del AFTER DELETE ON receivables REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('date_trunc(''month'', as_of)::date');--> statement-breakpoint
CREATE TRIGGER receivable_month_ends_board_ins AFTER INSERT ON receivable_month_ends REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('month');--> statement-breakpoint
CREATE TRIGGER receivable_month_ends_board_upd AFTER UPDATE ON receivable_month_ends REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('month');--> statement-breakpoint
CREATE TRIGGER receivable_month_ends_board_del AFTER DELETE ON receivable_month_ends REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('month');--> statement-breakpoint
CREATE TRIGGER targets_board_ins AFTER INSERT ON targets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('make_date(year, month, 1)');--> statement-breakpoint
CREATE TRIGGER targets_board_upd AFTER UPDATE ON targets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('make_date(year, month, 1)');--> statement-breakpoint
CREATE TRIGGER targets_board_del AFTER DELETE ON targets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('make_date(year, month, 1)');--> statement-breakpoint
CREATE TRIGGER threshold_bands_board_ins AFTER INSERT ON threshold_bands REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('(effective_month || ''-01'')::date');--> statement-breakpoint
CREATE TRIGGER threshold_bands_board_upd AFTER UPDATE ON threshold_bands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('(effective_month || ''-01'')::date');--> statement-breakpoint
CREATE TRIGGER threshold_bands_board_del AFTER DELETE ON threshold_bands REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('(effective_month || ''-01'')::date');--> statement-breakpoint
-- Dimension 6's way of measuring (formula, lag, version, granularity, source) from its effective month.
CREATE TRIGGER forecast_accuracy_configs_board_ins AFTER INSERT ON forecast_accuracy_configs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('(effective_month || ''-01'')::date');--> statement-breakpoint
CREATE TRIGGER forecast_accuracy_configs_board_upd AFTER UPDATE ON forecast_accuracy_configs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('(effective_month || ''-01'')::date');--> statement-breakpoint
CREATE TRIGGER forecast_accuracy_configs_board_del AFTER DELETE ON forecast_accuracy_configs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_rows('(effective_month || ''-01'')::date');--> statement-breakpoint
-- The organisation as it is now reaches every month: tracks (code, name), AMs (code, name, role, track)
-- and customers (the receivables are found per customer). Updates that change none of these (a
-- password, a director, a session) stamp nothing.
CREATE FUNCTION board_stamp_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.code, n.name, n.role, n.track_id) IS DISTINCT FROM (o.code, o.name, o.role, o.track_id)) THEN
    PERFORM board_stamp('-infinity'::date);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION board_stamp_tracks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.code, n.name) IS DISTINCT FROM (o.code, o.name)) THEN
    PERFORM board_stamp('-infinity'::date);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION board_stamp_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.track_id, n.am_id) IS DISTINCT FROM (o.track_id, o.am_id)) THEN
    PERFORM board_stamp('-infinity'::date);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER users_board_ins AFTER INSERT ON users FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER users_board_del AFTER DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER users_board_upd AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_people();--> statement-breakpoint
CREATE TRIGGER tracks_board_ins AFTER INSERT ON tracks FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER tracks_board_del AFTER DELETE ON tracks FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER tracks_board_upd AFTER UPDATE ON tracks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_tracks();--> statement-breakpoint
CREATE TRIGGER customers_board_ins AFTER INSERT ON customers FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER customers_board_del AFTER DELETE ON customers FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER customers_board_upd AFTER UPDATE ON customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_customers();--> statement-breakpoint
-- rebuildRollups and the month-end rollup empty their tables with TRUNCATE (no delete trigger fires).
CREATE TRIGGER fact_am_monthly_board_truncate AFTER TRUNCATE ON fact_am_monthly
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER sales_daily_board_truncate AFTER TRUNCATE ON sales_daily
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER receivable_month_ends_board_truncate AFTER TRUNCATE ON receivable_month_ends
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER receivables_board_truncate AFTER TRUNCATE ON receivables
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();--> statement-breakpoint
CREATE TRIGGER targets_board_truncate AFTER TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION board_stamp_all();
