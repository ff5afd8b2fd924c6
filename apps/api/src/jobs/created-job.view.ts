/** Answer of `POST /create-jobs`. */
export class CreatedJobView {
  /** @example "6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  job_id!: string;
  /** @example "queued" */
  status!: string;
  /** @example "/job-status/6b0c2a4e-8f1d-4c33-9a57-1f2e3d4c5b6a" */
  status_url!: string;
}
