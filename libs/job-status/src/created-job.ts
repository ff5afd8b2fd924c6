import type { JobState } from './job-state';

/** A job as JOBS_CREATED wrote it. */
export interface CreatedJob {
  /** Its own status, or `waiting` (`cancelled`) as its dependencies decided. */
  status: JobState;
  /** Left for the hand-off sweep, in turn with its tenant's other jobs (see FairShare). */
  heldBack: boolean;
}

/** A row of JOBS_CREATED's RETURNING. */
export interface CreatedRow {
  id: string;
  status: JobState;
  held_back: boolean;
}

export const createdJob = (row: CreatedRow): CreatedJob => ({
  status: row.status,
  heldBack: row.held_back,
});
