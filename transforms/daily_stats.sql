-- Transform daily_stats (sql_transform): one row per day of public.daily_imports, the
-- records updated that day and their total amount. The built-in nightly_data_import
-- schedule runs it after each import. Days are recomputed, so running it again changes
-- nothing. The table is yours to create:
--   CREATE TABLE daily_stats (day date PRIMARY KEY, records bigint NOT NULL, total_amount numeric NOT NULL);
INSERT INTO daily_stats AS stats (day, records, total_amount)
SELECT (updated_at AT TIME ZONE 'UTC')::date, count(*), coalesce(sum(amount), 0)
  FROM daily_imports
 WHERE updated_at IS NOT NULL
 GROUP BY 1
ON CONFLICT (day) DO UPDATE
   SET records = EXCLUDED.records, total_amount = EXCLUDED.total_amount
 WHERE (stats.records, stats.total_amount) IS DISTINCT FROM (EXCLUDED.records, EXCLUDED.total_amount)
