/**
 * Codes of the errors that are not PlatformErrors (those carry their own `code`): what
 * Fastify and Nest refuse before a route runs, Postgres being unreachable, and bugs.
 */
export const EDGE_ERROR_CODES = {
  bodyTooLarge: 'body_too_large',
  contentLengthMismatch: 'content_length_mismatch',
  unsupportedMediaType: 'unsupported_media_type',
  routeNotFound: 'route_not_found',
  postgresUnavailable: 'postgres_unavailable',
  internalError: 'internal_error',
} as const;
