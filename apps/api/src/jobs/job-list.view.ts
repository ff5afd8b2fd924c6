import type { JobStatusView } from './job-status.view';

/** A page of `GET /jobs`. */
export class JobListView {
  jobs!: JobStatusView[];
  /** Pass back as `cursor` for the next page; null on the last page. @example "c2VxOjQy" */
  next_cursor!: string | null;
}
