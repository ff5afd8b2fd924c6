import { IdentifierTooLongError, QualifiedTableName } from '@lib/database';
import { InvalidPayloadError } from './errors/invalid-payload.error';

/**
 * The table `schema.table`, once it is on an allow-list exactly and fits Postgres's
 * identifier limit. Jobs that write to tables named by a request go through this.
 * @param variable the setting that holds the allow-list, named in the refusal
 * @throws InvalidPayloadError
 */
export function allowedTable(
  schema: string,
  table: string,
  allowed: readonly string[],
  variable: string,
): QualifiedTableName {
  const name = `${schema}.${table}`;
  if (!allowed.includes(name)) {
    throw new InvalidPayloadError([
      `Table ${name} is not allowed. Allowed tables: ${allowed.join(', ') || '(none)'} ` +
        `(set ${variable}).`,
    ]);
  }
  try {
    return new QualifiedTableName(schema, table);
  } catch (error) {
    if (error instanceof IdentifierTooLongError) {
      throw new InvalidPayloadError([error.message]);
    }
    throw error;
  }
}
