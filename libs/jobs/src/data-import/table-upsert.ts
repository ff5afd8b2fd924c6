import { quotedIdentifier } from '@lib/database';
import type { QualifiedTableName } from '@lib/database';
import type { QueryRunner } from 'typeorm';
import { PG_TYPES } from './column-cast';
import type { CastValue, ColumnType } from './column-cast';

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * One multi-row upsert per batch: the rows travel as one typed array per column
 * (`unnest`), so values are always parameters and the statement text never grows.
 * A row whose key exists is updated only if a value differs, so re-running an
 * import changes nothing.
 */
export class TableUpsert {
  private readonly sql: string;
  private readonly keyIndexes: number[];

  /** @throws IdentifierTooLongError for a column name past Postgres's limit */
  constructor(
    table: QualifiedTableName,
    private readonly columns: readonly { name: string; type: ColumnType }[],
    key: readonly string[],
  ) {
    const quoted = columns.map((column) => quotedIdentifier(column.name));
    const arrays = columns.map((column, i) => `$${i + 1}::${PG_TYPES[column.type]}[]`);
    const names = columns.map((column) => column.name);
    this.keyIndexes = key.map((name) => names.indexOf(name));
    const others = quoted.filter((_, i) => !this.keyIndexes.includes(i));
    const onConflict =
      others.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
           WHERE (${others.map((c) => `target.${c}`).join(', ')})
             IS DISTINCT FROM (${others.map((c) => `EXCLUDED.${c}`).join(', ')})`;
    // xmax is 0 on a row version this statement inserted, not on one it updated.
    this.sql = `INSERT INTO ${table.quoted()} AS target (${quoted.join(', ')})
      SELECT * FROM unnest(${arrays.join(', ')})
      ON CONFLICT (${this.keyIndexes.map((i) => quoted[i]).join(', ')}) ${onConflict}
      RETURNING (target.xmax = 0) AS inserted`;
  }

  /** Writes one batch in the runner's transaction; a later duplicate of a key wins. */
  async write(runner: QueryRunner, rows: readonly CastValue[][]): Promise<UpsertCounts> {
    // One statement may not touch a row twice, so only each key's last row is sent.
    const byKey = new Map(
      rows.map((row) => [JSON.stringify(this.keyIndexes.map((i) => row[i])), row]),
    );
    const unique = [...byKey.values()];
    const params = this.columns.map((_, i) => unique.map((row) => row[i]));
    const written = (await runner.query(this.sql, params)) as { inserted: boolean }[];
    const inserted = written.filter((row) => row.inserted).length;
    return { inserted, updated: written.length - inserted };
  }
}
