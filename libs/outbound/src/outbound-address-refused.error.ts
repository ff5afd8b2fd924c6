import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/**
 * An outbound request whose host resolved to an address the platform does not reach
 * (loopback, private, link-local…) and that OUTBOUND_ALLOWED_HOSTS does not list.
 * Retrying cannot help: the same address is refused again.
 */
export class OutboundAddressRefusedError extends PlatformError {
  readonly category = ERROR_CATEGORIES.forbidden;
  readonly code = 'outbound_address_refused';

  constructor(
    /** The host as written in the URL. */
    readonly host: string,
    /** The address it resolved to (the host itself for an IP literal). */
    readonly address: string,
    /** Why the address is refused, e.g. "loopback addresses are not allowed". */
    readonly rule: string,
    /** The OUTBOUND_ALLOWED_HOSTS entry that would allow it. */
    readonly allowEntry: string,
  ) {
    const from = host === address ? '' : ` (resolved from ${host})`;
    super(
      `Refused to connect to ${address}${from}: ${rule}; list "${allowEntry}" in ` +
        'OUTBOUND_ALLOWED_HOSTS to allow it.',
    );
  }
}
