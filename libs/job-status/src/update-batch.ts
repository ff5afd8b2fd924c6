import { GroupCommit } from '@lib/database';

/** Runs one UPDATE for many rows and returns what it wrote, by id. */
export type RunUpdate<Written> = (
  sql: string,
  params: unknown[][],
) => Promise<Map<string, Written>>;

// Bounds one statement's parameter arrays; bigger bursts flush in several statements.
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * Group commit for one kind of status statement: under load Postgres sees one
 * `UPDATE … FROM unnest(…)` (or one `SELECT … = ANY(…)`) per batch instead of one per
 * job (see GroupCommit).
 */
export class UpdateBatch<Row extends { id: string }, Written = { id: string }> {
  private readonly group: GroupCommit<Row, Written | undefined>;

  /** @param lingerMs see GroupCommit */
  constructor(
    run: RunUpdate<Written>,
    sql: string,
    columns: ReadonlyArray<(row: Row) => unknown>,
    lingerMs = 0,
  ) {
    this.group = new GroupCommit(
      async (rows) => {
        // UPDATE … FROM picks an arbitrary source row when one id appears twice: keep the last.
        const latest = [...new Map(rows.map((row) => [row.id, row])).values()];
        const written = await run(
          sql,
          columns.map((column) => latest.map(column)),
        );
        return rows.map((row) => written.get(row.id));
      },
      MAX_ROWS_PER_STATEMENT,
      lingerMs,
    );
  }

  /** Writes what waits now; resolves once every row submitted so far is written. */
  flushNow(): Promise<void> {
    return this.group.flushNow();
  }

  /** Resolves to the written row when its fence held, undefined when it did not. */
  submit(row: Row): Promise<Written | undefined> {
    return this.group.submit(row);
  }
}
