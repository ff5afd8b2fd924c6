import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** One more event stream than SSE_MAX_STREAMS_PER_TENANT on this API process. */
export class EventStreamsExceededError extends PlatformError {
  readonly category = ERROR_CATEGORIES.limited;
  readonly code = 'event_streams_exceeded';

  constructor(
    readonly tenant: string,
    readonly maxStreams: number,
  ) {
    super(
      `Tenant "${tenant}" already follows ${maxStreams} jobs over event streams on this API ` +
        `process (SSE_MAX_STREAMS_PER_TENANT): close one, or poll GET /job-status/:id.`,
    );
  }
}
