// The SQL of jobs_enqueue() as migration 1764400000000 created it. A migration is a snapshot:
// later changes go in a new migration (CREATE OR REPLACE FUNCTION), never here. That is also
// why the queue names and the ranges below are written out rather than imported: they are
// QUEUE_NAMES and the ranges of JobOptionsDto (@lib/validation) at the time (libs/outbox's tests
// fail when a queue is added without a migration).

/**
 * An integer option: NULL when absent, else a whole JSON number in [low, high].
 * Raised messages read like the API's: `priority must be an integer from 0 to 1000000, got -1.`
 */
export const JOBS_ENQUEUE_INTEGER = (searchPath: string) => `
  CREATE FUNCTION jobs_enqueue_integer(
    label text, given jsonb, low bigint, high bigint, required boolean DEFAULT false
  ) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE SET search_path = ${searchPath} AS $fn$
  DECLARE
    whole numeric;
  BEGIN
    IF given IS NULL THEN
      IF required THEN
        RAISE EXCEPTION 'jobs_enqueue: % is required: an integer from % to %.', label, low, high
          USING ERRCODE = '22023';
      END IF;
      RETURN NULL;
    END IF;
    IF jsonb_typeof(given) = 'number' THEN
      whole := given::numeric;
      IF whole = trunc(whole) AND whole BETWEEN low AND high THEN
        RETURN whole::bigint;
      END IF;
    END IF;
    RAISE EXCEPTION 'jobs_enqueue: % must be an integer from % to %, got %.', label, low, high, given
      USING ERRCODE = '22023';
  END
  $fn$`;

/**
 * Checks the options object against the rules of POST /create-jobs and returns it normalized
 * (nulls dropped, integers as integers, run_at in UTC), so that equal requests hash equally.
 */
export const JOBS_ENQUEUE_OPTIONS = (searchPath: string) => `
  CREATE FUNCTION jobs_enqueue_options(options jsonb) RETURNS jsonb
  LANGUAGE plpgsql STABLE SET search_path = ${searchPath} AS $fn$
  DECLARE
    known_options CONSTANT text[] := ARRAY['backoff', 'delay_ms', 'idempotency_key',
      'max_attempts', 'priority', 'queue', 'run_at', 'timeout_ms'];
    queues CONSTANT text[] := ARRAY['high', 'default', 'low', 'etl'];
    iso_8601 CONSTANT text :=
      '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?$';
    given jsonb;
    unknown text;
    starts_at timestamptz;
    checked jsonb;
  BEGIN
    options := coalesce(options, '{}');
    IF jsonb_typeof(options) <> 'object' THEN
      RAISE EXCEPTION 'jobs_enqueue: options must be a JSON object, got %.', options
        USING ERRCODE = '22023';
    END IF;
    -- A null option means "not given", as in the HTTP API.
    options := jsonb_strip_nulls(options);
    SELECT k INTO unknown FROM jsonb_object_keys(options) AS k
      WHERE k <> ALL (known_options) ORDER BY k LIMIT 1;
    IF unknown IS NOT NULL THEN
      RAISE EXCEPTION 'jobs_enqueue: % is not an option. Known options: %.',
        to_jsonb(unknown), array_to_string(known_options, ', ') USING ERRCODE = '22023';
    END IF;

    checked := jsonb_strip_nulls(jsonb_build_object(
      'priority', jobs_enqueue_integer('priority', options->'priority', 0, 1000000),
      'delay_ms', jobs_enqueue_integer('delay_ms', options->'delay_ms', 0, 31536000000),
      'max_attempts', jobs_enqueue_integer('max_attempts', options->'max_attempts', 1, 100),
      'timeout_ms', jobs_enqueue_integer('timeout_ms', options->'timeout_ms', 1, 604800000)));

    given := options->'queue';
    IF given IS NOT NULL THEN
      IF jsonb_typeof(given) <> 'string' THEN
        RAISE EXCEPTION 'jobs_enqueue: queue must be a string naming a queue, got %.', given
          USING ERRCODE = '22023';
      END IF;
      IF (given #>> '{}') <> ALL (queues) THEN
        RAISE EXCEPTION 'jobs_enqueue: queue % is not a queue. Known queues: %.',
          given, array_to_string(queues, ', ') USING ERRCODE = '22023';
      END IF;
      checked := checked || jsonb_build_object('queue', given);
    END IF;

    given := options->'idempotency_key';
    IF given IS NOT NULL THEN
      IF jsonb_typeof(given) <> 'string' OR char_length(given #>> '{}') NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'jobs_enqueue: idempotency_key must be a string of 1 to 200 characters, got %.',
          given USING ERRCODE = '22023';
      END IF;
      checked := checked || jsonb_build_object('idempotency_key', given);
    END IF;

    given := options->'run_at';
    IF given IS NOT NULL THEN
      IF jsonb_typeof(given) <> 'string' OR (given #>> '{}') !~ iso_8601 THEN
        RAISE EXCEPTION 'jobs_enqueue: run_at must be an ISO-8601 date-time, got %.', given
          USING ERRCODE = '22023';
      END IF;
      BEGIN
        -- Without an offset, the time is read in the session's TimeZone.
        starts_at := (given #>> '{}')::timestamptz;
      EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow THEN
        RAISE EXCEPTION 'jobs_enqueue: run_at must be an ISO-8601 date-time, got %.', given
          USING ERRCODE = '22023';
      END;
      checked := checked || jsonb_build_object('run_at',
        to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
    END IF;
    IF checked ? 'delay_ms' AND checked ? 'run_at' THEN
      RAISE EXCEPTION 'jobs_enqueue: delay_ms and run_at cannot both be given: use one to say when the job may start.'
        USING ERRCODE = '22023';
    END IF;

    given := options->'backoff';
    IF given IS NOT NULL THEN
      IF jsonb_typeof(given) <> 'object' THEN
        RAISE EXCEPTION 'jobs_enqueue: backoff must be an object {type, delay_ms, max_delay_ms?}, got %.',
          given USING ERRCODE = '22023';
      END IF;
      SELECT k INTO unknown FROM jsonb_object_keys(given) AS k
        WHERE k <> ALL (ARRAY['type', 'delay_ms', 'max_delay_ms']) ORDER BY k LIMIT 1;
      IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'jobs_enqueue: backoff.% is not a field of backoff. Fields: type, delay_ms, max_delay_ms.',
          unknown USING ERRCODE = '22023';
      END IF;
      IF given->'type' IS NULL OR given->'type' NOT IN ('"exponential"', '"fixed"') THEN
        RAISE EXCEPTION 'jobs_enqueue: backoff.type must be "exponential" or "fixed", got %.',
          coalesce((given->'type')::text, 'nothing') USING ERRCODE = '22023';
      END IF;
      checked := checked || jsonb_build_object('backoff', jsonb_strip_nulls(jsonb_build_object(
        'type', given->'type',
        'delay_ms', jobs_enqueue_integer('backoff.delay_ms', given->'delay_ms', 0, 86400000, true),
        'max_delay_ms',
          jobs_enqueue_integer('backoff.max_delay_ms', given->'max_delay_ms', 0, 86400000))));
    END IF;
    RETURN checked;
  END
  $fn$`;

/**
 * Creates one job_statuses row the way JobDispatcher does, and tells the platform at commit.
 * Not checked here: the payload against its job type (the worker checks it before every
 * attempt and fails a refused one permanently, naming the problem).
 */
export const JOBS_ENQUEUE = (searchPath: string) => `
  CREATE FUNCTION jobs_enqueue(type text, payload jsonb, options jsonb DEFAULT '{}')
  RETURNS uuid
  LANGUAGE plpgsql VOLATILE SET search_path = ${searchPath} AS $fn$
  DECLARE
    checked jsonb := jobs_enqueue_options(options);
    request_key text := checked->>'idempotency_key';
    digest text;
    known job_types%ROWTYPE;
    known_types text;
    wait_ms bigint;
    starts_at timestamptz;
    new_id uuid;
    existing record;
  BEGIN
    IF payload IS NULL OR jsonb_typeof(payload) <> 'object' THEN
      RAISE EXCEPTION 'jobs_enqueue: payload must be a JSON object (use {} when the job takes none), got %.',
        coalesce(payload::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    SELECT * INTO known FROM job_types AS t WHERE t.type = jobs_enqueue.type;
    IF NOT FOUND THEN
      SELECT string_agg(t.type, ', ' ORDER BY t.type) INTO known_types FROM job_types AS t;
      RAISE EXCEPTION 'jobs_enqueue: Unknown job type %. Known types: %.',
        coalesce(to_jsonb(jobs_enqueue.type)::text, 'NULL'),
        coalesce(known_types, '(none yet: each app of the platform fills job_types when it starts)')
        USING ERRCODE = '22023';
    END IF;

    -- clock_timestamp(), not now(): now() is when the caller's transaction began, and a long
    -- transaction would otherwise eat into delay_ms.
    IF checked ? 'run_at' THEN
      starts_at := (checked->>'run_at')::timestamptz;
      wait_ms := greatest(0, round(extract(epoch FROM starts_at - clock_timestamp()) * 1000));
    ELSE
      wait_ms := coalesce((checked->>'delay_ms')::bigint, 0);
      starts_at := clock_timestamp() + wait_ms * interval '1 millisecond';
    END IF;
    IF request_key IS NOT NULL THEN
      -- Prefixed: a key first used over HTTP carries the API's digest and never matches this one.
      digest := 'sql:' || md5(jsonb_build_object(
        'type', jobs_enqueue.type, 'payload', payload, 'options', checked)::text);
    END IF;

    INSERT INTO job_statuses (id, tenant_id, type, queue, priority, status, payload, attempts,
      max_attempts, backoff, timeout_ms, run_at, idempotency_key, request_hash, dispatched_at)
    VALUES (gen_random_uuid(), 'default', known.type,
      coalesce(checked->>'queue', known.default_queue),
      coalesce((checked->>'priority')::integer, 0),
      CASE WHEN wait_ms > 0 THEN 'scheduled' ELSE 'queued' END,
      payload, 0,
      coalesce((checked->>'max_attempts')::integer, known.max_attempts),
      coalesce(checked->'backoff', known.backoff),
      coalesce((checked->>'timeout_ms')::integer, known.timeout_ms),
      CASE WHEN wait_ms > 0 THEN starts_at END,
      request_key, digest, NULL)
    ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id INTO new_id;

    IF new_id IS NULL THEN
      -- The key is taken (perhaps by a transaction that committed while this one waited).
      SELECT j.id, j.request_hash, j.status, j.dispatched_at INTO existing
        FROM job_statuses AS j WHERE j.tenant_id = 'default' AND j.idempotency_key = request_key;
      IF existing.request_hash IS DISTINCT FROM digest THEN
        RAISE EXCEPTION 'jobs_enqueue: idempotency_key % was already used by job % for a different request. Send the same request to get that job back, or use a new key.',
          to_jsonb(request_key), existing.id
          USING ERRCODE = '23505', TABLE = 'job_statuses', CONSTRAINT = 'job_statuses_idempotency_key',
            DETAIL = format('Existing job: %s.', existing.id);
      END IF;
      -- A replay hands a job that still waits for Redis over again, as JobDispatcher does.
      IF existing.dispatched_at IS NOT NULL OR existing.status NOT IN ('queued', 'scheduled') THEN
        RETURN existing.id;
      END IF;
      new_id := existing.id;
    END IF;
    -- Delivered at commit only: a transaction that rolls back tells nobody.
    PERFORM pg_notify('jobs_enqueued', new_id::text);
    RETURN new_id;
  END
  $fn$`;
