/** Runs one UPDATE for many rows and returns the ids it changed. */
export type RunUpdate = (sql: string, params: unknown[][]) => Promise<Set<string>>;

interface Pending<Row> {
  row: Row;
  resolve: (applied: boolean) => void;
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
export class UpdateBatch<Row extends { id: string }> {
  private pending: Pending<Row>[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly run: RunUpdate,
    private readonly sql: string,
    private readonly columns: ReadonlyArray<(row: Row) => unknown>,
  ) {}

  /** Resolves to true when the row's fence held and it was written, false otherwise. */
  submit(row: Row): Promise<boolean> {
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

  private async flush(batch: Pending<Row>[]): Promise<void> {
    // UPDATE … FROM picks an arbitrary source row when one id appears twice: keep the last.
    const latest = new Map(batch.map((entry) => [entry.row.id, entry.row]));
    const rows = [...latest.values()];
    try {
      const applied = await this.run(
        this.sql,
        this.columns.map((column) => rows.map(column)),
      );
      for (const entry of batch) {
        entry.resolve(applied.has(entry.row.id));
      }
    } catch (error) {
      for (const entry of batch) {
        entry.reject(error);
      }
    }
  }
}
