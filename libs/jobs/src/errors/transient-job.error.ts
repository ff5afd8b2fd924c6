/** A failure worth retrying (a timeout, a busy resource); thrown explicitly for clarity. */
export class TransientJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientJobError';
  }
}
