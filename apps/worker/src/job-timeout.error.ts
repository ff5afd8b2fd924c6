/** Reason given to an attempt's signal, and its recorded error, when it runs too long. */
export class JobTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The attempt ran longer than its timeout of ${timeoutMs} ms (timeout_ms).`);
    this.name = 'JobTimeoutError';
  }
}
