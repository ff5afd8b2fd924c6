/** Reason given to an attempt's signal when Postgres refused to record its start. */
export class JobChangedError extends Error {
  constructor() {
    super(
      'The job changed in Postgres while this attempt ran (it was cancelled, or another attempt took it): this attempt stops and its outcome is dropped.',
    );
    this.name = 'JobChangedError';
  }
}
