export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until `done` accepts its value, then returns that value. On timeout it
 * fails with the last value seen, so a failing test says where things got stuck.
 */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 50 }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) {
        return last;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen = lastError
    ? `last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}`
    : `last value: ${JSON.stringify(last)}`;
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}; ${seen}`);
}
