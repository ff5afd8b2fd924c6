import { escapeIdentifier } from 'pg';
import { IdentifierTooLongError } from './identifier-too-long.error';

// NAMEDATALEN - 1: Postgres silently truncates longer identifiers, which could name another object.
const MAX_IDENTIFIER_BYTES = 63;

/**
 * An identifier quoted with pg's escapeIdentifier, once it fits Postgres's limit.
 * @throws IdentifierTooLongError
 */
export function quotedIdentifier(identifier: string): string {
  if (Buffer.byteLength(identifier, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new IdentifierTooLongError(identifier, MAX_IDENTIFIER_BYTES);
  }
  return escapeIdentifier(identifier);
}
