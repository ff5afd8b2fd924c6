import { quotedIdentifier } from '@lib/database';
import type { QualifiedTableName } from '@lib/database';
import type { PoolClient, QueryResult } from 'pg';
import { PG_TYPES } from './column-cast';
import type { ColumnType } from './column-cast';
import { copyFromText } from './copy-from-text';
import type { ImportBatch } from './import-batch';

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

// Temporary, so private to the session and gone with it; emptied at each commit.
const STAGING = 'pg_temp.data_import_rows';

/**
 * One batch is streamed with `COPY` into a staging table of the session, then moved into
 * the target by one `INSERT … SELECT … ON CONFLICT`, in a transaction of its own. COPY
 * carries the values as data, never as SQL, and costs Postgres a fraction of what
 * parsing them out of parameter arrays did. A row whose key exists is updated only if a
 * value differs, so re-running an import changes nothing.
 */
export class TableUpsert {
  private readonly createStaging: string;
  private readonly copy: string;
  private readonly upsert: string;

  /** @throws IdentifierTooLongError for a column name past Postgres's limit */
  constructor(
    table: QualifiedTableName,
    columns: readonly { name: string; type: ColumnType }[],
    key: readonly string[],
  ) {
    const quoted = columns.map((column) => quotedIdentifier(column.name));
    const list = quoted.join(', ');
    // Staged as the casts' own types: the target's columns then convert them as they
    // would any INSERT, with the same errors when they do not fit.
    const typed = columns.map((column, i) => `${quoted[i]} ${PG_TYPES[column.type]}`);
    this.createStaging = `CREATE TEMPORARY TABLE ${STAGING} (${typed.join(', ')})
      ON COMMIT DELETE ROWS`;
    this.copy = `COPY ${STAGING} (${list}) FROM STDIN`;
    const names = columns.map((column) => column.name);
    const keyed = key.map((name) => quoted[names.indexOf(name)]);
    const others = quoted.filter((_, i) => !key.includes(names[i]));
    const onConflict =
      others.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
           WHERE (${others.map((c) => `target.${c}`).join(', ')})
             IS DISTINCT FROM (${others.map((c) => `EXCLUDED.${c}`).join(', ')})`;
    // xmax is 0 on a row version this statement inserted, not on one it updated.
    this.upsert = `WITH written AS (
        INSERT INTO ${table.quoted()} AS target (${list})
        SELECT ${list} FROM ${STAGING}
        ON CONFLICT (${keyed.join(', ')}) ${onConflict}
        RETURNING (target.xmax = 0) AS inserted)
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written
        FROM written`;
  }

  /** Creates the staging table on the connection, replacing one left behind. */
  async stage(client: PoolClient): Promise<void> {
    await client.query(`DROP TABLE IF EXISTS ${STAGING}; ${this.createStaging}`);
  }

  /** Drops the staging table, before the connection goes back to the pool. */
  async unstage(client: PoolClient): Promise<void> {
    await client.query(`DROP TABLE IF EXISTS ${STAGING}`);
  }

  /**
   * Writes one batch in one transaction, rolled back if any part fails (a cancelled
   * statement included).
   */
  async write(client: PoolClient, batch: ImportBatch): Promise<UpsertCounts> {
    try {
      // BEGIN and COMMIT travel with the statements (Postgres runs a multi-statement query
      // in order, skipping the rest after an error): three round trips a batch, not five.
      await copyFromText(client, `BEGIN; ${this.copy}`, batch.copyText());
      const [upserted] = (await client.query(`${this.upsert}; COMMIT`)) as unknown as [
        QueryResult<{ inserted: number; written: number }>,
      ];
      const [{ inserted, written }] = upserted.rows;
      return { inserted, updated: written - inserted };
    } catch (error) {
      // Outside a transaction (BEGIN itself failed) this only warns.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
