import { Client, escapeIdentifier } from 'pg';
import { waitFor } from './wait-for';

/** LISTENs on one Postgres channel on a connection of its own and keeps every payload heard. */
export class NotificationRecorder {
  private heard: string[] = [];

  private constructor(private readonly client: Client) {}

  static async listen(databaseUrl: string, channel: string): Promise<NotificationRecorder> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const listener = new NotificationRecorder(client);
    client.on('notification', (message) => listener.heard.push(message.payload ?? ''));
    await client.query(`LISTEN ${escapeIdentifier(channel)}`);
    return listener;
  }

  /**
   * Waits until `payload` is heard, then returns every payload heard since the last
   * `forget()`, in delivery (commit) order. Postgres delivers a transaction's notifications
   * at its commit, so hearing a later marker alone proves an earlier transaction sent none.
   */
  async until(payload: string, timeoutMs = 5000): Promise<string[]> {
    return waitFor(
      `a notification "${payload}"`,
      () => Promise.resolve([...this.heard]),
      (heard) => heard.includes(payload),
      { timeoutMs },
    );
  }

  forget(): void {
    this.heard = [];
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
