import type { RawQueueOptions } from './raw-queue.options';

/** What the bare node:http anchor (bare-http.anchor.ts) is started with. */
export interface BareHttpOptions extends RawQueueOptions {
  /** A database that exists; the anchor creates its own `anchor_jobs` table there. */
  databaseUrl: string;
}

/** The table the anchor's GET /rows/:id reads: the bench fills it with copies of job rows. */
export const ANCHOR_ROWS_TABLE = 'anchor_job_rows';
