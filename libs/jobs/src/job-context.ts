/** Where job code logs; every line carries the job's id, type and attempt. */
export interface JobLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** A job this one depended on, as it ended: what a downstream step reads from upstream. */
export interface DependencyResult {
  readonly id: string;
  readonly type: string;
  /** `completed`, or `failed` / `cancelled` for a job that runs anyway (on_dependency_failure `run`). */
  readonly status: string;
  /** What its perform returned; null unless it completed. */
  readonly result: unknown;
}

/** What a running attempt can see and do; job code never sees BullMQ. */
export interface JobContext {
  readonly jobId: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly logger: JobLogger;
  /** Records progress (a number 0–100 or a small JSON object) on the job's status. */
  progress(value: number | Record<string, unknown>): Promise<void>;
  /** Fires when the attempt must stop (cancellation, timeout, shutdown). */
  readonly signal: AbortSignal;
  /**
   * The jobs in this job's `depends_on`, in that order, read from Postgres when called
   * (one query); empty for a job without dependencies. Direct dependencies only.
   */
  dependencies(): Promise<readonly DependencyResult[]>;
}
