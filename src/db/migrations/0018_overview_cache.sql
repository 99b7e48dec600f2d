CREATE TABLE "forecast_overview_cache" (
	"year" integer NOT NULL,
	"scope" text NOT NULL,
	"day" date NOT NULL,
	"stamp" bigint NOT NULL,
	"overview" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "forecast_overview_cache_year_scope_day_pk" PRIMARY KEY("year","scope","day")
);
--> statement-breakpoint
-- The overview of year Y (forecast/overview-cache.ts) reads orders targets, SAP orders, opportunities
-- (track, line, stage), their rolling schedules (versions and order lines), the target ledger and the
-- stage probabilities: each statement changing them stamps the years it reaches (topic 'overview', the
-- year's first day; '-infinity' for every year). The tracks read and "today" are part of the key.
CREATE FUNCTION overview_stamp(p_years date[]) RETURNS void LANGUAGE sql AS $$
  SELECT change_stamp('overview', p_years)
$$;--> statement-breakpoint
CREATE FUNCTION overview_stamp_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM overview_stamp(ARRAY['-infinity'::date]);
  RETURN NULL;
END $$;--> statement-breakpoint
-- TG_ARGV[0]: the year a row reaches (its first day; null for a row the overview does not read), as an
-- expression over the row `r`. Every year a statement reaches is stamped, not only the first.
CREATE FUNCTION overview_stamp_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  years date[];
  src text := CASE TG_OP WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows'
    ELSE '(SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows)' END;
BEGIN
  EXECUTE format('SELECT array_agg(DISTINCT %s) FROM %s r', TG_ARGV[0], src) INTO years;
  PERFORM overview_stamp(years);
  RETURN NULL;
END $$;--> statement-breakpoint
-- A rolling version whose schedule is its order lines (has_orders) reaches the years of those lines: every
-- year. Rewriting such a version that stays one (a new schedule arrives as order lines) stamps nothing
-- here: the lines stamp their own years.
CREATE FUNCTION overview_version_year(p_has_orders boolean, p_order_month date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_has_orders THEN '-infinity'::date ELSE date_trunc('year', p_order_month)::date END
$$;--> statement-breakpoint
CREATE FUNCTION overview_stamp_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  years date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT overview_version_year(has_orders, order_month)) INTO years FROM new_rows WHERE version = 'rolling';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT overview_version_year(has_orders, order_month)) INTO years FROM old_rows WHERE version = 'rolling';
  ELSE
    SELECT array_agg(DISTINCT y) INTO years FROM (
      SELECT overview_version_year(n.has_orders, n.order_month) AS y
        FROM new_rows n LEFT JOIN old_rows o USING (opportunity_id, version)
        WHERE n.version = 'rolling' AND NOT (n.has_orders AND coalesce(o.has_orders, false))
      UNION ALL
      SELECT overview_version_year(o.has_orders, o.order_month)
        FROM old_rows o LEFT JOIN new_rows n USING (opportunity_id, version)
        WHERE o.version = 'rolling' AND NOT (o.has_orders AND coalesce(n.has_orders, false))) x;
  END IF;
  PERFORM overview_stamp(years);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION overview_stamp_opportunities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.track_id, n.business_line, n.stage) IS DISTINCT FROM (o.track_id, o.business_line, o.stage)) THEN
    PERFORM overview_stamp(ARRAY['-infinity'::date]);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION overview_stamp_tracks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE n.business_line IS DISTINCT FROM o.business_line) THEN
    PERFORM overview_stamp(ARRAY['-infinity'::date]);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER targets_overview_ins AFTER INSERT ON targets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('CASE WHEN r.kind = ''orders'' THEN make_date(r.year, 1, 1) END');--> statement-breakpoint
CREATE TRIGGER targets_overview_upd AFTER UPDATE ON targets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('CASE WHEN r.kind = ''orders'' THEN make_date(r.year, 1, 1) END');--> statement-breakpoint
CREATE TRIGGER targets_overview_del AFTER DELETE ON targets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('CASE WHEN r.kind = ''orders'' THEN make_date(r.year, 1, 1) END');--> statement-breakpoint
CREATE TRIGGER sales_orders_overview_ins AFTER INSERT ON sales_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('date_trunc(''year'', r.date)::date');--> statement-breakpoint
CREATE TRIGGER sales_orders_overview_upd AFTER UPDATE ON sales_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('date_trunc(''year'', r.date)::date');--> statement-breakpoint
CREATE TRIGGER sales_orders_overview_del AFTER DELETE ON sales_orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('date_trunc(''year'', r.date)::date');--> statement-breakpoint
CREATE TRIGGER forecast_months_overview_ins AFTER INSERT ON forecast_months REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('CASE WHEN r.version = ''rolling'' AND r.line = ''order'' THEN date_trunc(''year'', r.month)::date END');--> statement-breakpoint
CREATE TRIGGER forecast_months_overview_upd AFTER UPDATE ON forecast_months REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('CASE WHEN r.version = ''rolling'' AND r.line = ''order'' THEN date_trunc(''year'', r.month)::date END');--> statement-breakpoint
CREATE TRIGGER forecast_months_overview_del AFTER DELETE ON forecast_months REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('CASE WHEN r.version = ''rolling'' AND r.line = ''order'' THEN date_trunc(''year'', r.month)::date END');--> statement-breakpoint
CREATE TRIGGER target_ledger_entries_overview_ins AFTER INSERT ON target_ledger_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('make_date(r.year, 1, 1)');--> statement-breakpoint
CREATE TRIGGER target_ledger_entries_overview_upd AFTER UPDATE ON target_ledger_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('make_date(r.year, 1, 1)');--> statement-breakpoint
CREATE TRIGGER target_ledger_entries_overview_del AFTER DELETE ON target_ledger_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_rows('make_date(r.year, 1, 1)');--> statement-breakpoint
CREATE TRIGGER forecast_versions_overview_ins AFTER INSERT ON forecast_versions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_versions();--> statement-breakpoint
CREATE TRIGGER forecast_versions_overview_upd AFTER UPDATE ON forecast_versions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_versions();--> statement-breakpoint
CREATE TRIGGER forecast_versions_overview_del AFTER DELETE ON forecast_versions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_versions();--> statement-breakpoint
-- An opportunity reaches every year its schedule and ledger entries do: inserted or deleted (the ledger
-- names it without a foreign key), or its track, line or stage changed. Other updates (its updated_at and
-- version on every schedule write) stamp nothing.
CREATE TRIGGER opportunities_overview_ins AFTER INSERT ON opportunities FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER opportunities_overview_del AFTER DELETE ON opportunities FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER opportunities_overview_upd AFTER UPDATE ON opportunities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_opportunities();--> statement-breakpoint
CREATE TRIGGER forecast_settings_overview AFTER INSERT OR UPDATE OR DELETE ON forecast_settings
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER tracks_overview_ins AFTER INSERT ON tracks FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER tracks_overview_del AFTER DELETE ON tracks FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER tracks_overview_upd AFTER UPDATE ON tracks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_tracks();--> statement-breakpoint
CREATE TRIGGER targets_overview_truncate AFTER TRUNCATE ON targets FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER sales_orders_overview_truncate AFTER TRUNCATE ON sales_orders FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER forecast_months_overview_truncate AFTER TRUNCATE ON forecast_months FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER forecast_versions_overview_truncate AFTER TRUNCATE ON forecast_versions FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();--> statement-breakpoint
CREATE TRIGGER target_ledger_entries_overview_truncate AFTER TRUNCATE ON target_ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION overview_stamp_all();
