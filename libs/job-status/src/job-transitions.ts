import { JOB_STATES as S, STARTABLE_STATES, TERMINAL_STATES, WAITING_STATES } from './job-state';
import { sqlStates } from './job-state';
import { CREATOR_GRACE_MS, inLine, roomIn } from './fair-hand-off.sql';
import { orderedUpdate } from './ordered-update.sql';

// A row's creator has had its chance to hand it over (`$1` ms), or it was announced (`$2`).
const RIPE = `(c.updated_at < now() - make_interval(secs => $1::int / 1000.0) OR c.id = ANY($2::uuid[]))`;

const REMOVAL_ERROR = "$2::jsonb || jsonb_build_object('attempt', j.attempts + 1)";
const DASHBOARD_REMOVAL = {
  set: `status = '${S.cancelled}', finished_at = now(), updated_at = now(),
        cancel_requested_at = COALESCE(j.cancel_requested_at, now()),
        error = ${REMOVAL_ERROR}, errors = j.errors || jsonb_build_array(${REMOVAL_ERROR})`,
  fence: `j.status IN (${sqlStates(WAITING_STATES)})`,
  // The labels jobs_cancelled_total counts them under.
  returning: 'j.id, j.type, j.queue',
};

// An attempt's writes: the attempt number, lease, worker and start time it opened with.
const ATTEMPT_START = `attempts = v.attempt, lease_id = v.lease_id, worker_id = v.worker_id,
  started_at = v.started_at, updated_at = now(),
  dispatched_at = COALESCE(j.dispatched_at, v.started_at)`;
// The row is as the attempt found it when it opened: nothing wrote it since (no cancel,
// no other attempt, no takeover), so an attempt that never recorded its start may still.
const AS_FOUND = `j.status = v.found_status AND j.attempts = v.found_attempts
  AND j.lease_id IS NOT DISTINCT FROM v.found_lease`;
const HELD_BY_LEASE = `j.status = '${S.running}' AND j.lease_id = v.lease_id`;

/**
 * Every status transition, each one named statement with its fence (the condition under
 * which it may write). The recorder runs them; nothing else writes job_statuses. Batched
 * transitions take parallel arrays (`unnest`) and lock their rows in id order.
 */
export const TRANSITIONS = {
  /** The row has been handed to Redis. Fence: not marked already. */
  dispatched: orderedUpdate({
    source: 'unnest($1::uuid[]) AS v(id)',
    set: 'dispatched_at = now()',
    fence: 'j.dispatched_at IS NULL',
  }),

  /**
   * The attempt is recorded `running`: it has lasted long enough to be seen, or reports
   * progress (a short attempt records its start with its outcome, see `finished`). Fence:
   * the row is as the attempt found it (see ATTEMPT_OPENED) and no cancel was accepted.
   */
  started: orderedUpdate({
    source: `unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[],
                    $6::text[], $7::int[], $8::uuid[])
             AS v(id, lease_id, worker_id, attempt, started_at, found_status, found_attempts, found_lease)`,
    set: `status = '${S.running}', ${ATTEMPT_START}`,
    fence: `${AS_FOUND} AND j.cancel_requested_at IS NULL`,
  }),

  /** Progress of the running attempt. Fence: this attempt's lease still holds the job. */
  progressed: orderedUpdate({
    source: 'unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS v(id, lease_id, progress)',
    set: 'progress = v.progress, updated_at = now()',
    fence: HELD_BY_LEASE,
  }),

  /**
   * The attempt's outcome, with its start when that was not recorded yet. Fence: the
   * attempt's lease holds the job, or (start unrecorded) the row is as the attempt found
   * it. A cancel accepted while it ran wins over any outcome (a result is then dropped);
   * answers the status actually written.
   */
  finished: orderedUpdate({
    source: `unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[],
                    $6::text[], $7::int[], $8::uuid[],
                    $9::text[], $10::jsonb[], $11::jsonb[], $12::timestamptz[])
             AS v(id, lease_id, worker_id, attempt, started_at, found_status, found_attempts, found_lease,
                  status, result, error, retry_at)`,
    set: `status = CASE WHEN j.cancel_requested_at IS NULL THEN v.status ELSE '${S.cancelled}' END,
          result = CASE WHEN j.cancel_requested_at IS NULL THEN v.result END,
          error = COALESCE(v.error, j.error),
          errors = CASE WHEN v.error IS NULL THEN j.errors ELSE j.errors || jsonb_build_array(v.error) END,
          run_at = COALESCE(v.retry_at, j.run_at),
          finished_at = CASE WHEN v.status = '${S.retrying}' AND j.cancel_requested_at IS NULL
                             THEN NULL ELSE now() END,
          ${ATTEMPT_START}`,
    fence: `(${HELD_BY_LEASE}) OR (${AS_FOUND})`,
    returning: 'j.id, j.status',
  }),

  /** A job whose workers kept dying fails (BullMQ's stall limit). Fence: not final. */
  abandoned: orderedUpdate({
    source: 'unnest($1::uuid[], $2::jsonb[]) AS v(id, error)',
    set: `status = '${S.failed}', error = v.error, errors = j.errors || jsonb_build_array(v.error),
          finished_at = now(), updated_at = now()`,
    fence: `j.status NOT IN (${sqlStates(TERMINAL_STATES)})`,
  }),

  /**
   * A final job is queued again (or waits for its dependencies). From the API (`v.fresh`): a fresh attempt budget, and not
   * dispatched until Redis has a new copy. From the dashboard: Bull Board moves the Redis
   * copy back itself, which keeps counting attempts. Its error history stays. Fence: final.
   */
  requeued: orderedUpdate({
    source: 'unnest($1::uuid[], $2::boolean[]) AS v(id, fresh)',
    set: `status = '${S.queued}', result = NULL, run_at = NULL, finished_at = NULL, held_back = false,
          attempts = CASE WHEN v.fresh THEN 0 ELSE j.attempts END,
          dispatched_at = CASE WHEN v.fresh THEN NULL ELSE j.dispatched_at END,
          lease_id = NULL, worker_id = NULL, cancel_requested_at = NULL, updated_at = now()`,
    fence: `j.status IN (${sqlStates(TERMINAL_STATES)})`,
    // `waiting` (or `cancelled` again) when its dependencies say so (a trigger decides).
    returning: 'j.id, j.status',
  }),

  /** A scheduled job may run now (promoted from the dashboard). Fence: still scheduled. */
  promoted: orderedUpdate({
    source: 'unnest($1::uuid[]) AS v(id)',
    set: `status = '${S.queued}', run_at = NULL, updated_at = now()`,
    fence: `j.status = '${S.scheduled}'`,
  }),

  /**
   * Redis no longer holds these waiting jobs (it lost its data, or their keys went):
   * they wait for a hand-off again. Fence: still waiting and marked dispatched.
   */
  lostInRedis: orderedUpdate({
    source: 'unnest($1::uuid[]) AS v(id)',
    set: 'dispatched_at = NULL',
    fence: `j.status IN (${sqlStates(WAITING_STATES)}) AND j.dispatched_at IS NOT NULL`,
  }),

  /**
   * A running job whose worker stopped beating and whose Redis copy is gone: nothing
   * will ever finish that attempt. It is retried, or failed with no attempt left.
   * Fence: still running under the lease that was seen.
   */
  rescued: orderedUpdate({
    source: 'unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS v(id, lease_id, error)',
    set: `status = CASE WHEN j.attempts >= j.max_attempts THEN '${S.failed}' ELSE '${S.retrying}' END,
          finished_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END,
          error = v.error, errors = j.errors || jsonb_build_array(v.error),
          run_at = now(), lease_id = NULL, worker_id = NULL, dispatched_at = NULL,
          updated_at = now()`,
    fence: `j.status = '${S.running}' AND j.lease_id = v.lease_id`,
  }),

  /**
   * Waiting jobs whose Redis copy the dashboard removes are cancelled, the reason (`$2`,
   * given `attempt` here: the attempt that will not run) as their error. A running job is
   * never cancelled here: its worker holds it. Fence: still waiting.
   */
  removedByDashboard: orderedUpdate({
    source: 'unnest($1::uuid[]) AS v(id)',
    ...DASHBOARD_REMOVAL,
  }),

  /** The same for every waiting job Postgres has for queue `$1` (Redis may hold fewer). */
  queueRemovedByDashboard: orderedUpdate({
    source: `(SELECT id FROM job_statuses WHERE queue = $1 AND status IN (${sqlStates(WAITING_STATES)})) AS v`,
    ...DASHBOARD_REMOVAL,
  }),

  /**
   * A cancel is accepted: no attempt may start any more, and one that runs ends
   * `cancelled` whatever it returns. The status stays until the job is known to have
   * stopped: its worker ends it (`finished`), or `cancelSettled` once no worker holds it
   * (a waiting job may be running in a worker that has not recorded its start yet).
   * Fence: the caller's tenant (`$2`), not final. Answers the status, unchanged, and the queue.
   */
  cancelRequested: `
    UPDATE job_statuses
    SET cancel_requested_at = COALESCE(cancel_requested_at, now()), updated_at = now()
    WHERE id = $1 AND tenant_id = $2 AND status NOT IN (${sqlStates(TERMINAL_STATES)})
    RETURNING status, queue`,

  /**
   * A job whose cancel was accepted and that no worker holds (its copy left Redis, or its
   * worker is gone) ends. Fence: cancel requested, not final.
   */
  cancelSettled: `
    UPDATE job_statuses SET status = '${S.cancelled}', finished_at = now(), updated_at = now()
    WHERE id = $1 AND cancel_requested_at IS NOT NULL
      AND status NOT IN (${sqlStates(TERMINAL_STATES)})
    RETURNING id, type, queue`,
} as const;

/**
 * New jobs, many rows in one statement. An idempotency key already used (by another
 * row, or earlier in the same batch) writes nothing: that row is not returned. Each row
 * answers the status it was written with: `waiting` or `cancelled` when its dependencies
 * say so (a trigger decides, see migration 1764800000000).
 *
 * A queued job with a window (`$21`, see FairShare.directWindowOf) is `held_back` when it
 * finds no room in its tenant's window of its queue, or that line already has jobs held
 * back (a newcomer never passes them): the sweep hands it over in turn. The count is not
 * under the sweep's lock, so concurrent statements may overshoot a window by a batch; a
 * window that must hold exactly is 0 here (every job held back).
 */
export const JOBS_CREATED = `
  WITH v AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[],
                $7::jsonb[], $8::int[], $9::int[], $10::int[], $11::jsonb[],
                $12::timestamptz[], $13::text[], $14::text[], $15::text[],
                $16::timestamptz[], $17::text[], $18::text[], $19::text[], $20::text[],
                $21::int[])
         WITH ORDINALITY
         AS v(id, tenant_id, type, queue, priority, status, payload, attempts, max_attempts,
              timeout_ms, backoff, run_at, idempotency_key, request_hash, schedule_name,
              scheduled_for, depends_on, on_dependency_failure, webhook_url, webhook_secret,
              hand_off_window, n)
  ),
  line AS (
    SELECT queue, tenant_id, min(hand_off_window) AS size
    FROM v WHERE status = '${S.queued}' AND hand_off_window IS NOT NULL
    GROUP BY queue, tenant_id
  ),
  room AS (
    SELECT line.queue, line.tenant_id,
           CASE WHEN EXISTS (SELECT 1 FROM job_statuses b
                             WHERE b.queue = line.queue AND b.tenant_id = line.tenant_id
                               AND ${inLine('b')} AND b.held_back)
                THEN 0 ELSE ${roomIn('line', 'line.size', String(CREATOR_GRACE_MS))} END AS room
    FROM line
  ),
  decided AS (
    SELECT v.*, COALESCE(v.status = '${S.queued}' AND row_number() OVER (
             PARTITION BY v.queue, v.tenant_id, v.status ORDER BY v.n) > room.room, false)
             AS held_back
    FROM v LEFT JOIN room ON room.queue = v.queue AND room.tenant_id = v.tenant_id
  )
  INSERT INTO job_statuses (id, tenant_id, type, queue, priority, status, payload, attempts,
                            max_attempts, timeout_ms, backoff, run_at, idempotency_key,
                            request_hash, schedule_name, scheduled_for, depends_on,
                            on_dependency_failure, webhook_url, webhook_secret, held_back)
  SELECT id, tenant_id, type, queue, priority, status, payload, attempts, max_attempts,
         timeout_ms, backoff, run_at, idempotency_key, request_hash, schedule_name,
         scheduled_for, depends_on::uuid[], on_dependency_failure, webhook_url, webhook_secret,
         held_back
  FROM decided
  ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id, status, held_back`;

/**
 * What a fetched job runs, read when its attempt opens (nothing is written yet): a job
 * that may start (a `running` one is a stalled takeover, which keeps its attempt number)
 * and whose cancel was not accepted. Postgres is the only copy of the job.
 */
export const ATTEMPT_OPENED = `
  SELECT id, type, queue, payload, status, attempts, lease_id, max_attempts, backoff,
         timeout_ms, created_at, run_at
  FROM job_statuses
  WHERE id = ANY($1::uuid[]) AND status IN (${sqlStates(STARTABLE_STATES)})
    AND cancel_requested_at IS NULL`;

/** Statements on the rows awaiting a hand-off to Redis (see HandOffLedger). */
export const HAND_OFF = {
  /**
   * Claims rows waiting for a hand-off: those the platform was told about (`$2`, e.g. by
   * NOTIFY), held back for their turn, or that have waited past the grace given to their
   * creator's own hand-off (`$1` ms). Queued and retrying rows are held to their tenant's
   * window of their queue (`$5`/`$6` by tenant, `$4` for the others): each (queue, tenant)
   * line gives what room its window has, lowest priority number then first created first, and the
   * lines take turns (first of each, then second of each…), so one tenant's backlog never
   * fills a queue ahead of another's jobs. The lines are found by skipping through
   * job_statuses_in_line, one probe per line, not by reading the backlog. Scheduled rows
   * wait in Redis for their time and are not held to a window.
   * Run under FAIR_HAND_OFF_LOCK. Each line locks the rows it gives (SKIP LOCKED: a row
   * being cancelled is passed over for the next), and they stay locked (no worker can start
   * them) until the claim commits. No line (nor the scheduled rows) gives more than the
   * claim's limit (`$3`); rows given past it, when several lines give, stay in line. The
   * claimed rows are marked handed off (and no longer held back) by the same statement,
   * which answers each with its turn and whether it was held back: rows Redis then does not
   * take are unmarked (`unhanded`) before the claim commits. Every step reads
   * an index bounded by a window or by the claim (see migration 1764900000000), never the
   * backlog: the marking finds its rows by id (`= ANY`), which Postgres does by index even
   * when its statistics predate the backlog.
   */
  claim: `
    WITH RECURSIVE lines AS (
      (SELECT queue, tenant_id FROM job_statuses j WHERE ${inLine('j')}
       ORDER BY queue, tenant_id LIMIT 1)
      UNION ALL
      SELECT next.queue, next.tenant_id FROM lines, LATERAL (
        SELECT queue, tenant_id FROM job_statuses j
        WHERE ${inLine('j')} AND (j.queue, j.tenant_id) > (lines.queue, lines.tenant_id)
        ORDER BY queue, tenant_id LIMIT 1) AS next
    ),
    rooms AS (
      SELECT lines.queue, lines.tenant_id, ${roomIn('lines', 'COALESCE(w.size, $4::int)', '$1::int', '$2::uuid[]')} AS room
      FROM lines LEFT JOIN unnest($5::text[], $6::int[]) AS w(tenant_id, size)
        ON w.tenant_id = lines.tenant_id
    ),
    turns AS (
      SELECT next.id, next.created_at, next.held_back, next.seq,
             row_number() OVER (PARTITION BY rooms.queue, rooms.tenant_id
                                ORDER BY next.priority, next.seq) AS turn
      FROM rooms, LATERAL (
        SELECT c.id, c.created_at, c.held_back, c.seq, c.priority FROM job_statuses c
        WHERE c.queue = rooms.queue AND c.tenant_id = rooms.tenant_id AND ${inLine('c')}
          AND (c.held_back OR ${RIPE})
        ORDER BY c.priority, c.seq
        LIMIT LEAST(GREATEST(rooms.room, 0), $3)
        FOR UPDATE OF c SKIP LOCKED) AS next
      UNION ALL
      SELECT * FROM (
        SELECT c.id, c.created_at, c.held_back, c.seq, 0::bigint FROM job_statuses c
        WHERE c.dispatched_at IS NULL AND c.status = '${S.scheduled}' AND ${RIPE}
        ORDER BY c.seq LIMIT $3
        FOR UPDATE OF c SKIP LOCKED) AS due
    ),
    claimed AS (SELECT * FROM turns ORDER BY turn, seq LIMIT $3)
    UPDATE job_statuses j SET dispatched_at = now(), held_back = false
    FROM claimed WHERE j.id = claimed.id AND j.created_at = claimed.created_at
      AND j.id = ANY(ARRAY(SELECT id FROM claimed))
    RETURNING j.id, j.type, j.queue, j.priority, j.status, j.run_at, j.attempts, j.max_attempts,
              claimed.held_back, claimed.turn::int AS turn, claimed.seq`,
  /** Whether any job is held back for its turn (so a job leaving Redis makes room for one). */
  heldBack: `SELECT EXISTS (SELECT 1 FROM job_statuses j WHERE ${inLine('j')} AND j.held_back) AS any`,
  /** Claimed rows that Redis did not take, as they were before the claim, inside its transaction. */
  unhanded: `
    UPDATE job_statuses j SET dispatched_at = NULL, held_back = v.held_back
    FROM unnest($1::uuid[], $2::boolean[]) AS v(id, held_back) WHERE j.id = v.id`,
  /** How many rows wait for a hand-off, and since when the oldest does. */
  backlog: `
    SELECT count(*)::int AS waiting, min(created_at) AS oldest
    FROM job_statuses WHERE dispatched_at IS NULL AND status IN (${sqlStates(WAITING_STATES)})`,
  /** Redis lost everything: every waiting row needs a new hand-off. */
  allLost: `
    UPDATE job_statuses SET dispatched_at = NULL
    WHERE status IN (${sqlStates(WAITING_STATES)}) AND dispatched_at IS NOT NULL`,
} as const;
