import { ChannelListener, DatabaseUrl } from '@lib/database';
import { Pool } from 'pg';
import { createPostgresBackend, runMigrations, withBackend } from 'bullmq';
import type { QueueName } from './queue-names';
import { QueueStore } from './queue-store';
import type {
  ServedWorkerOptions,
  StoredQueue,
  StoredQueueEvents,
  StoredWorker,
} from './queue-store';
import { PostgresCancellationChannel } from './postgres-cancellation-channel';

/**
 * The schema BullMQ's Postgres backend keeps the queues in, beside the platform's tables.
 * One per database: the platform's own tables are not prefixed either.
 */
export const QUEUE_SCHEMA = 'bullmq';

// What BullMQ's Postgres backend NOTIFYs, with the queue's name, whenever jobs become
// waiting: also on a bulk add, which records its QueueEvents without waking their readers.
const JOBS_CHANNEL = 'bullmq_jobs';

// BullMQ's Postgres classes, bound to its Postgres backend.
const postgres = withBackend(createPostgresBackend);

/**
 * The queues in Postgres, through BullMQ's Postgres backend: every Queue, Worker and
 * QueueEvents of the app shares one pool (each Worker and QueueEvents also holds one of
 * its connections to LISTEN), so an app costs a bounded number of connections.
 */
export class PostgresQueueStore extends QueueStore {
  readonly backend = 'postgres';
  readonly described: string;
  readonly cancellations: PostgresCancellationChannel;
  readonly lossMarker = null;

  constructor(
    readonly pool: Pool,
    private readonly databaseUrl: string,
  ) {
    super();
    this.described = `schema ${QUEUE_SCHEMA} of ${new DatabaseUrl(databaseUrl).redacted}`;
    this.cancellations = new PostgresCancellationChannel(pool, databaseUrl);
  }

  /**
   * A pool whose sessions resolve BullMQ's unqualified names in QUEUE_SCHEMA.
   * @param size connections at most: one per Worker and QueueEvents that LISTENs, plus queries
   */
  static open(databaseUrl: string, size: number): PostgresQueueStore {
    const pool = new Pool({
      connectionString: databaseUrl,
      max: size,
      options: `-c search_path=${QUEUE_SCHEMA}`,
      // BullMQ blocks on a LISTEN for up to an hour when it can tell a dead link apart.
      keepAlive: true,
    });
    // An idle connection that Postgres drops is replaced on the next query; unheard, it crashes.
    pool.on('error', () => undefined);
    // Each BullMQ backend on the pool listens for its errors too: one per Queue, Worker and QueueEvents.
    pool.setMaxListeners(0);
    return new PostgresQueueStore(pool, databaseUrl);
  }

  protected newQueue(name: QueueName): StoredQueue {
    return new postgres.Queue(name, { connection: this.pool });
  }

  protected newWorker(name: QueueName, options: ServedWorkerOptions): StoredWorker {
    return new postgres.Worker(name, null, { ...options, connection: this.pool });
  }

  protected newQueueEvents(name: QueueName): StoredQueueEvents {
    return new postgres.QueueEvents(name, { connection: this.pool });
  }

  async watchArrivals(onArrival: () => void): Promise<() => Promise<void>> {
    const listener = new ChannelListener(this.databaseUrl, JOBS_CHANNEL);
    // Reconnected: whatever arrived meanwhile is found by the next fetch, so look now.
    await listener.start({ message: onArrival, listening: onArrival });
    return () => listener.stop();
  }

  async heldUnfinished(queue: string, jobIds: readonly string[]): Promise<boolean[]> {
    // BullMQ's own table (pinned version): a row without `finished_at_ms` is still to run.
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM job WHERE queue = $1 AND id = ANY($2::text[]) AND finished_at_ms IS NULL',
      [queue, jobIds],
    );
    const held = new Set(rows.map((row) => row.id));
    return jobIds.map((id) => held.has(id));
  }

  protected closeConnections(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * Creates or upgrades BullMQ's schema, once per start-up of each app (BullMQ serializes
 * concurrent runs with an advisory lock), with the role that may change the schema.
 */
export async function migrateQueueSchema(migrationUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: migrationUrl, max: 1 });
  const client = await pool.connect();
  try {
    await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    client.release();
    await pool.end();
  }
}
