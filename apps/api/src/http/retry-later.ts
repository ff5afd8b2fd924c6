/** An error that says when to try again; the answer carries it as `Retry-After`. */
export interface RetryLater {
  /** How long until the request may succeed, in ms. */
  readonly retryAfterMs: number;
}

/** `Retry-After` for an error that carries a delay, in whole seconds (at least 1). */
export function retryAfterSeconds(exception: unknown): number | undefined {
  const ms = (exception as Partial<RetryLater> | null)?.retryAfterMs;
  return typeof ms === 'number' ? Math.max(1, Math.ceil(ms / 1000)) : undefined;
}
