import { PlatformConfig } from '@lib/config';
import { Injectable, Logger } from '@nestjs/common';
import { Client, escapeIdentifier } from 'pg';

/** The channel `jobs_enqueue()` notifies with each new job's id; delivered at commit. */
const ENQUEUED_CHANNEL = 'jobs_enqueued';

const RECONNECT_MS = 1000;

export interface EnqueueHandlers {
  /** A job was committed with this id. */
  enqueued: (id: string) => void;
  /** Listening (again): notifications sent meanwhile were missed. */
  listening: () => void;
}

/**
 * Listens for jobs created inside other services' transactions, on a connection of its
 * own (a LISTENing session cannot serve a pool), and reconnects when Postgres drops it.
 * Notifications missed while disconnected are not lost: the sweep finds their rows.
 */
@Injectable()
export class EnqueueListener {
  private readonly logger = new Logger('recovery');
  private client: Client | null = null;
  private handlers: EnqueueHandlers | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly config: PlatformConfig) {}

  /** Connects and listens; never throws (a failure is retried every second). */
  async start(handlers: EnqueueHandlers): Promise<void> {
    this.handlers = handlers;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.handlers = null;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
    }
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url });
    const lost = () => this.reconnectLater(client);
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === ENQUEUED_CHANNEL && message.payload) {
        this.handlers?.enqueued(message.payload);
      }
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${escapeIdentifier(ENQUEUED_CHANNEL)}`);
      this.handlers?.listening();
    } catch (error) {
      this.logger.warn(`Cannot LISTEN for enqueued jobs: ${(error as Error).message}; retrying.`);
      lost();
    }
  }

  private reconnectLater(lost: Client): void {
    if (this.client !== lost || this.handlers === null) {
      return;
    }
    this.client = null;
    lost.removeAllListeners();
    lost.on('error', () => undefined);
    void lost.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, RECONNECT_MS);
  }
}
