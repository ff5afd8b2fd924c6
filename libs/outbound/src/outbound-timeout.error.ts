import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** The remote end did not connect, or went silent, for longer than its timeout allows. */
export class OutboundTimeoutError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'outbound_timeout';

  constructor(
    /** The URL, redacted. */
    readonly url: string,
    readonly phase: 'connect' | 'idle',
    readonly timeoutMs: number,
  ) {
    super(
      phase === 'connect'
        ? `Could not connect to ${url} within ${timeoutMs} ms (OUTBOUND_CONNECT_TIMEOUT_MS).`
        : `${url} sent nothing for ${timeoutMs} ms (OUTBOUND_IDLE_TIMEOUT_MS).`,
    );
  }
}
