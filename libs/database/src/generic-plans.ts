/**
 * Asks Postgres to plan each parameterized statement once per connection, whatever its
 * values (`plan_cache_mode=force_generic_plan`). The platform's statements read and write
 * by id, by partial index or over `unnest` batches, so their best plan does not depend on
 * the values; but over the daily partitions of job_statuses planning one costs 5–25 ms,
 * far more than running it (about 1 ms), and left to itself Postgres plans them again on
 * every call, since a plan made for the values at hand always looks cheaper to it.
 */
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/**
 * `databaseUrl` with GENERIC_PLANS among its connection `options`, after those the URL or
 * PGOPTIONS already gives (node-postgres reads PGOPTIONS only when the URL has none).
 */
export function withGenericPlans(databaseUrl: string, env = process.env): string {
  const url = new URL(databaseUrl);
  const given = url.searchParams.get('options') ?? env.PGOPTIONS;
  url.searchParams.set('options', [given, GENERIC_PLANS].filter(Boolean).join(' '));
  return url.toString();
}
