// SQLSTATEs after which the same statement can succeed on a new connection: connection
// exceptions (class 08), the server shutting down or starting (57P01-57P03), too many
// connections, and the two that ask for a retry outright (serialization, deadlock).
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);
// node-postgres reports a dropped or unopenable connection by message only; a database
// closed to connections (ALLOW_CONNECTIONS false) answers a generic SQLSTATE, 55000.
const TRANSIENT_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|is not currently accepting connections/i;

/** True when a database error says "try again later" rather than "this statement is wrong". */
export function isTransientDatabaseError(error: unknown): boolean {
  const cause = (error as { driverError?: unknown } | null)?.driverError ?? error;
  if (!(cause instanceof Error)) {
    return false;
  }
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code))) {
    return true;
  }
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code)) {
    return true;
  }
  const errors = (cause as { errors?: unknown[] }).errors;
  if (Array.isArray(errors) && errors.some(isTransientDatabaseError)) {
    return true;
  }
  return TRANSIENT_MESSAGES.test(cause.message);
}
