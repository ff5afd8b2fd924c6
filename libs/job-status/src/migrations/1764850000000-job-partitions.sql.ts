// The SQL of the functions and triggers migration 1764850000000 created. A migration is a
// snapshot: later changes go in a new migration (CREATE OR REPLACE FUNCTION), never here.

/**
 * Creates the missing daily partitions of job_statuses from `first_day` to `last_day` (UTC
 * days, both included) and answers how many it created. Safe when several processes call it at
 * once: a transaction-level advisory lock serializes them (CREATE TABLE IF NOT EXISTS alone can
 * still fail on the catalog's unique index when two sessions create the same table), and each
 * partition is looked for under that lock before it is created.
 */
export const CREATE_PARTITIONS = (searchPath: string) => `
  CREATE FUNCTION job_statuses_create_partitions(first_day date, last_day date) RETURNS int
  LANGUAGE plpgsql VOLATILE SET search_path = ${searchPath} AS $fn$
  DECLARE
    day date;
    partition_name text;
    created int := 0;
  BEGIN
    IF first_day IS NULL OR last_day IS NULL OR last_day < first_day
       OR last_day - first_day > 3660 THEN
      RAISE EXCEPTION 'job_statuses_create_partitions: the days must run forward over at most 3660 days, got % to %.',
        coalesce(first_day::text, 'NULL'), coalesce(last_day::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('job_statuses.partitions', 0));
    FOR day IN SELECT generate_series(first_day, last_day, interval '1 day')::date LOOP
      partition_name := 'job_statuses_p' || to_char(day, 'YYYYMMDD');
      IF to_regclass(quote_ident(partition_name)) IS NULL THEN
        EXECUTE format(
          'CREATE TABLE %I PARTITION OF job_statuses FOR VALUES FROM (%L) TO (%L)',
          partition_name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
        created := created + 1;
      END IF;
    END LOOP;
    RETURN created;
  END
  $fn$`;

/**
 * Keeps an idempotency key unique per tenant across partitions. A BEFORE trigger, so that a
 * taken key skips the job's row (RETURN NULL), as ON CONFLICT DO NOTHING on the former unique
 * index did: the row is not written and not returned. A key held by an uncommitted insert
 * makes this one wait for it, as a unique index does. It fires after
 * job_statuses_await_dependencies (triggers fire in name order), so a row that trigger refuses
 * never takes a key.
 */
export const CLAIM_IDEMPOTENCY_KEY = `
  CREATE FUNCTION job_statuses_claim_idempotency_key() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO job_idempotency_keys (tenant_id, idempotency_key, job_id, job_created_at)
    VALUES (NEW.tenant_id, NEW.idempotency_key, NEW.id, NEW.created_at)
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
      RETURN NEW;
    END IF;
    RETURN NULL;
  END
  $fn$`;

/**
 * webhook_deliveries refers to its job by (id, created_at), the partitioned table's key; the
 * writers of attempts know only the job's id, so the row's created_at is looked up here.
 */
export const DELIVERY_JOB_CREATED_AT = `
  CREATE FUNCTION webhook_deliveries_job_created_at() RETURNS trigger
  LANGUAGE plpgsql AS $fn$
  BEGIN
    SELECT j.created_at INTO NEW.job_created_at FROM job_statuses AS j WHERE j.id = NEW.job_id;
    RETURN NEW;
  END
  $fn$`;
