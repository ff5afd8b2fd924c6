import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** The port an app was told to listen on is taken by another process. */
export class PortInUseError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'port_in_use';

  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(
      `Port ${port} (${variable}) is in use by another process. Set ${variable} to a free port` +
        (variable === 'HEALTH_PORT'
          ? ', to 0 for any free port, or leave it unset to take the first free one from 3001.'
          : '.'),
    );
  }
}
