import type { BackoffPolicy } from './backoff-policy';

/**
 * The data a BullMQ job carries. Postgres holds the full record; Redis gets what a
 * worker needs to run an attempt without reading Postgres first.
 */
export interface JobEnvelope {
  type: string;
  payload: unknown;
  backoff: BackoffPolicy;
  tenantId: string;
  /** Longest an attempt may run, in ms. */
  timeoutMs: number;
}
