import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Which queues are paused, as Postgres remembers it (Redis may forget: see QueuePauseSync). */
@Injectable()
export class QueuePauseLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a queue of the platform under `prefix` as paused, or no longer paused. */
  async record(prefix: string, queue: string, paused: boolean): Promise<void> {
    await this.dataSource.query(
      paused
        ? 'INSERT INTO queue_pauses (prefix, queue) VALUES ($1, $2) ON CONFLICT DO NOTHING'
        : 'DELETE FROM queue_pauses WHERE prefix = $1 AND queue = $2',
      [prefix, queue],
    );
  }

  /** The paused queues of the platform under `prefix`. */
  async paused(prefix: string): Promise<Set<string>> {
    const rows = await this.dataSource.query<Array<{ queue: string }>>(
      'SELECT queue FROM queue_pauses WHERE prefix = $1',
      [prefix],
    );
    return new Set(rows.map((row) => row.queue));
  }
}
