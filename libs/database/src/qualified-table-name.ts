import { escapeIdentifier } from 'pg';
import { IdentifierTooLongError } from './identifier-too-long.error';

// NAMEDATALEN - 1: Postgres silently truncates longer identifiers, which could name another table.
const MAX_IDENTIFIER_BYTES = 63;

/** A schema-qualified table name, checked for length and quoted for SQL. */
export class QualifiedTableName {
  constructor(
    readonly schema: string,
    readonly table: string,
  ) {
    for (const identifier of [schema, table]) {
      if (Buffer.byteLength(identifier, 'utf8') > MAX_IDENTIFIER_BYTES) {
        throw new IdentifierTooLongError(identifier, MAX_IDENTIFIER_BYTES);
      }
    }
  }

  /** `"schema"."table"`, each part quoted with pg's escapeIdentifier. */
  quoted(): string {
    return `${escapeIdentifier(this.schema)}.${escapeIdentifier(this.table)}`;
  }

  toString(): string {
    return `${this.schema}.${this.table}`;
  }
}
