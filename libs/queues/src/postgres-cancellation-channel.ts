import { ChannelListener } from '@lib/database';
import type { Pool } from 'pg';
import type { CancellationChannel } from './queue-store';

const CANCELLATIONS_CHANNEL = 'job_cancellations';

/** Cancellation news over Postgres NOTIFY, heard by every worker LISTENing on the database. */
export class PostgresCancellationChannel implements CancellationChannel {
  constructor(
    private readonly pool: Pool,
    private readonly databaseUrl: string,
  ) {}

  async publish(jobId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [CANCELLATIONS_CHANNEL, jobId]);
  }

  async subscribe(onCancel: (jobId: string) => void): Promise<() => Promise<void>> {
    const listener = new ChannelListener(this.databaseUrl, CANCELLATIONS_CHANNEL);
    // A cancel sent while the connection was down is read from Postgres by the heartbeat.
    await listener.start({ message: onCancel, listening: () => undefined });
    return () => listener.stop();
  }
}
