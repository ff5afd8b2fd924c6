import { cancelOnAbort } from '@lib/database';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { ImportBatch } from './import-batch';
import type { TableUpsert, UpsertCounts } from './table-upsert';

/** Told of each committed batch, in order: its rows (duplicates included) and counts. */
export type BatchCommitted = (rows: number, counts: UpsertCounts) => Promise<void>;

/**
 * Writes an import's batches in order over one connection of its own, each batch in its
 * own transaction, while the caller reads the next: Postgres and the parsing then work
 * at the same time, on two cores, with at most two batches in memory. Aborting the
 * signal cancels the statement in flight, so that batch rolls back; committed ones stay.
 */
export class BatchLoader {
  private writing: Promise<void> = Promise.resolve();
  /** Reports of committed batches, in order, kept off the path of the next write. */
  private reporting: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private staged = false;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
    private readonly upsert: TableUpsert,
    private readonly signal: AbortSignal,
    private readonly committed: BatchCommitted,
    private readonly stopCancelling: () => void,
  ) {}

  /** Takes a connection from the pool for the import; `close()` gives it back. */
  static async open(
    dataSource: DataSource,
    upsert: TableUpsert,
    signal: AbortSignal,
    committed: BatchCommitted,
  ): Promise<BatchLoader> {
    const runner = dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const stopCancelling = await cancelOnAbort(dataSource, runner, signal);
      return new BatchLoader(runner, client, upsert, signal, committed, stopCancelling);
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  /**
   * Waits until the batch before is committed, then starts writing this one and returns.
   * @throws why an earlier batch could not be written
   */
  async load(batch: ImportBatch): Promise<void> {
    await this.writing;
    this.throwFailure();
    // Caught at once, not when next awaited: Node ends the process on a rejection that
    // nothing handles while the caller is still reading.
    this.writing = this.write(batch).catch((error: unknown) => this.fail(error));
  }

  /**
   * Waits until every batch given is committed.
   * @throws why a batch could not be written
   */
  async settled(): Promise<void> {
    await this.writing;
    await this.reporting;
    this.throwFailure();
  }

  /**
   * Lets a batch still in flight end (the caller has its own error to report, if any),
   * drops the staging table and gives the connection back to the pool.
   */
  async close(): Promise<void> {
    await this.writing;
    await this.reporting;
    try {
      if (this.staged) {
        await this.upsert.unstage(this.client);
      }
    } catch {
      // Lost, or left in a state a cleanup cannot undo (a transaction whose ROLLBACK
      // failed): ended, the pool drops the connection instead of lending it again, and
      // the temporary table goes with the session.
      void this.client.end().catch(() => undefined);
    } finally {
      this.stopCancelling();
      await this.runner.release();
    }
  }

  private async write(batch: ImportBatch): Promise<void> {
    this.signal.throwIfAborted();
    if (!this.staged) {
      await this.upsert.stage(this.client);
      this.staged = true;
    }
    const counts = await this.upsert.write(this.client, batch);
    // Progress goes to Postgres and Redis: the next batch need not wait for it.
    this.reporting = this.reporting
      .then(() => this.committed(batch.rows, counts))
      .catch((error: unknown) => this.fail(error));
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  private throwFailure(): void {
    if (this.failure !== undefined) {
      throw this.failure.error;
    }
  }
}
