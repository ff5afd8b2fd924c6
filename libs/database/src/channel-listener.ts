import { Logger } from '@nestjs/common';
import { Client, escapeIdentifier } from 'pg';

const RECONNECT_MS = 1000;

export interface ChannelHandlers {
  /** A NOTIFY on the channel, with its payload. */
  message: (payload: string) => void;
  /** Listening (again): notifications sent meanwhile were missed. */
  listening: () => void;
}

/**
 * LISTENs on one Postgres channel on a connection of its own (a LISTENing session cannot
 * serve a pool) and reconnects when Postgres drops it. What is sent while it is away is
 * missed: callers that cannot afford that read the truth again on `listening`.
 */
export class ChannelListener {
  private readonly logger = new Logger('database');
  private client: Client | null = null;
  private handlers: ChannelHandlers | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    readonly channel: string,
  ) {}

  /** Connects and listens; never throws (a failure is retried every second). */
  async start(handlers: ChannelHandlers): Promise<void> {
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
    const client = new Client({ connectionString: this.databaseUrl });
    const lost = () => this.reconnectLater(client);
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) {
        this.handlers?.message(message.payload);
      }
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${escapeIdentifier(this.channel)}`);
      this.handlers?.listening();
    } catch (error) {
      this.logger.warn(`Cannot LISTEN on ${this.channel}: ${(error as Error).message}; retrying.`);
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
