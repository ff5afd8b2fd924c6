/** The parts of DATABASE_URL the platform needs, with the password hidden for messages. */
export class DatabaseUrl {
  readonly databaseName: string;
  readonly redacted: string;

  constructor(readonly url: string) {
    const parsed = new URL(url);
    this.databaseName = decodeURIComponent(parsed.pathname.slice(1));
    if (parsed.password) {
      parsed.password = '***';
    }
    this.redacted = parsed.toString();
  }

  /** The same server's `postgres` maintenance database, used to create ours. */
  maintenanceUrl(): string {
    const parsed = new URL(this.url);
    parsed.pathname = '/postgres';
    return parsed.toString();
  }
}
