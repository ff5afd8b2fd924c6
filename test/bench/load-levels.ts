/** The load every measure applies, the same to the platform and to its anchors. */

/** Jobs a worker runs at once: the platform's WORKER_CONCURRENCY and the raw Worker's. */
export const WORKER_CONCURRENCY = 50;

/** Keep-alive connections of the HTTP load generator, each with one request in flight. */
export const HTTP_CONNECTIONS = 32;

/**
 * Bulk calls in flight (BULK_SIZE jobs each): enough to keep both cores busy, without a
 * burst of tens of thousands of jobs in flight.
 */
export const BULK_IN_FLIGHT = 4;

/** Untimed calls before each timed HTTP load, so that the server's JIT is warm. */
export const WARM_UP_CALLS = 500;
