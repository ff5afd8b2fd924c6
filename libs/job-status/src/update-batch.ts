/** Runs one UPDATE for many rows and returns what it wrote, by id. */
export type RunUpdate<Written> = (
  sql: string,
  params: unknown[][],
) => Promise<Map<string, Written>>;

interface Pending<Row, Written> {
  row: Row;
  resolve: (written: Written | undefined) => void;
  reject: (error: unknown) => void;
}

// Bounds one statement's parameter arrays; bigger bursts flush in several statements.
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * Group commit for one kind of status write. Rows submitted while a statement is in
 * flight wait and go together in the next one, so under load Postgres sees one
 * `UPDATE … FROM unnest(…)` per batch instead of one per job; when idle, a row is
 * written on the next turn of the event loop.
 */
export class UpdateBatch<Row extends { id: string }, Written = { id: string }> {
  private pending: Pending<Row, Written>[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly run: RunUpdate<Written>,
    private readonly sql: string,
    private readonly columns: ReadonlyArray<(row: Row) => unknown>,
  ) {}

  /** Resolves to the written row when its fence held, undefined when it did not. */
  submit(row: Row): Promise<Written | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      this.flushing ??= new Promise<void>((next) => setImmediate(next)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await this.flush(this.pending.splice(0, MAX_ROWS_PER_STATEMENT));
    }
    this.flushing = null;
  }

  private async flush(batch: Pending<Row, Written>[]): Promise<void> {
    // UPDATE … FROM picks an arbitrary source row when one id appears twice: keep the last.
    const latest = new Map(batch.map((entry) => [entry.row.id, entry.row]));
    const rows = [...latest.values()];
    try {
      const written = await this.run(
        this.sql,
        this.columns.map((column) => rows.map(column)),
      );
      for (const entry of batch) {
        entry.resolve(written.get(entry.row.id));
      }
    } catch (error) {
      for (const entry of batch) {
        entry.reject(error);
      }
    }
  }
}
