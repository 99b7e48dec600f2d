CREATE TABLE "forecast_accuracy_cache" (
	"month" date NOT NULL,
	"lag" integer NOT NULL,
	"version" text NOT NULL,
	"granularity" text NOT NULL,
	"source" text NOT NULL,
	"stamp" bigint NOT NULL,
	"sums" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "forecast_accuracy_cache_month_lag_version_granularity_source_pk" PRIMARY KEY("month","lag","version","granularity","source")
);
--> statement-breakpoint
CREATE TABLE "forecast_accuracy_stamps" (
	"stamp" bigint PRIMARY KEY NOT NULL,
	"month" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "forecast_accuracy_stamps_month_idx" ON "forecast_accuracy_stamps" USING btree ("month","stamp");--> statement-breakpoint
CREATE INDEX "fact_monthly_opportunity_idx" ON "fact_monthly" USING btree ("opportunity_code","month") WHERE "fact_monthly"."opportunity_code" <> '' and "fact_monthly"."measure" = 'sales';--> statement-breakpoint
CREATE SEQUENCE "forecast_accuracy_stamp_seq";--> statement-breakpoint
-- The accuracy of a month goes stale when its inputs change (forecast/accuracy-cache.ts): each statement
-- that changes them bumps the months it touched, in its own transaction, so no write path can forget it.
CREATE FUNCTION forecast_accuracy_bump(months date[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO forecast_accuracy_stamps (stamp, month)
  SELECT nextval('forecast_accuracy_stamp_seq'), m FROM (SELECT DISTINCT m FROM unnest(months) m WHERE m IS NOT NULL) x
$$;--> statement-breakpoint
CREATE FUNCTION forecast_accuracy_facts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(SELECT DISTINCT month FROM new_rows WHERE measure = 'sales'));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION forecast_accuracy_facts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(SELECT DISTINCT month FROM old_rows WHERE measure = 'sales'));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION forecast_accuracy_facts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(
    SELECT month FROM new_rows WHERE measure = 'sales' UNION SELECT month FROM old_rows WHERE measure = 'sales'));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER fact_monthly_accuracy_ins AFTER INSERT ON fact_monthly REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_facts_inserted();--> statement-breakpoint
CREATE TRIGGER fact_monthly_accuracy_del AFTER DELETE ON fact_monthly REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_facts_deleted();--> statement-breakpoint
CREATE TRIGGER fact_monthly_accuracy_upd AFTER UPDATE ON fact_monthly REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_facts_updated();--> statement-breakpoint
-- A frozen snapshot of S is read by the months S … S+3 (lag 0–3).
CREATE FUNCTION forecast_accuracy_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(
    SELECT (n.month + make_interval(months => k))::date FROM new_rows n, generate_series(0, 3) k));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER forecast_snapshots_accuracy AFTER INSERT ON forecast_snapshots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_snapshot_frozen();--> statement-breakpoint
-- Shipments name opportunities by code: when one appears, or changes code, customer, AM or track, the
-- months whose shipments name it are measured anew.
CREATE FUNCTION forecast_accuracy_opportunities_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(
    SELECT DISTINCT f.month FROM new_rows n JOIN fact_monthly f ON f.opportunity_code = n.code
    WHERE f.opportunity_code <> '' AND f.measure = 'sales'));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION forecast_accuracy_opportunities_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forecast_accuracy_bump(ARRAY(
    SELECT DISTINCT f.month FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN fact_monthly f ON f.opportunity_code IN (n.code, o.code)
    WHERE (n.code, n.customer_id, n.am_id, n.track_id) IS DISTINCT FROM (o.code, o.customer_id, o.am_id, o.track_id)
      AND f.opportunity_code <> '' AND f.measure = 'sales'));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER opportunities_accuracy_ins AFTER INSERT ON opportunities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_opportunities_inserted();--> statement-breakpoint
CREATE TRIGGER opportunities_accuracy_upd AFTER UPDATE ON opportunities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forecast_accuracy_opportunities_updated();
