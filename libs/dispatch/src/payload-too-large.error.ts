import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A payload past its job type's size cap, refused before it is validated or stored. */
export class PayloadTooLargeError extends PlatformError {
  readonly category = ERROR_CATEGORIES.tooLarge;
  readonly code = 'payload_too_large';

  /**
   * @param bytes the payload's size, in bytes of its JSON
   * @param maxBytes the cap that applies to the type
   * @param source where the cap comes from, e.g. `JOB_PAYLOAD_MAX_BYTES`
   */
  constructor(
    readonly type: string,
    readonly bytes: number,
    readonly maxBytes: number,
    source: string,
  ) {
    super(
      `payload of a ${type} job is ${bytes} bytes as JSON; ${type} payloads are at most ` +
        `${maxBytes} bytes (${source}). Send a smaller payload, or pass large data by ` +
        'reference (a URL, a file, a table).',
    );
  }
}
