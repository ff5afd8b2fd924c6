/** Reason given to an attempt's signal when the worker stops before the attempt ends. */
export class WorkerShutdownError extends Error {
  constructor() {
    super('The worker is shutting down; the job is handed back to the queue.');
    this.name = 'WorkerShutdownError';
  }
}
