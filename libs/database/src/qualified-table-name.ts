import { quotedIdentifier } from './quoted-identifier';

/** A schema-qualified table name, checked for length and quoted for SQL. */
export class QualifiedTableName {
  private readonly sql: string;

  /** @throws IdentifierTooLongError */
  constructor(
    readonly schema: string,
    readonly table: string,
  ) {
    this.sql = `${quotedIdentifier(schema)}.${quotedIdentifier(table)}`;
  }

  /** `"schema"."table"`, each part quoted with pg's escapeIdentifier. */
  quoted(): string {
    return this.sql;
  }

  toString(): string {
    return `${this.schema}.${this.table}`;
  }
}
