import type { JobStatusDocument } from '../api-types.js';

/** How `wait` and `follow` show a job while it changes. */
export interface StatusDisplay {
  /** Shows the job's latest status document. */
  show(job: JobStatusDocument): void;
  /** Ends the display (a bar leaves the line), before the outcome is printed. */
  stop(): void;
}
