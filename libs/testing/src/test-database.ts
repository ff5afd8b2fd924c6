import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A database of its own for one test file, dropped afterwards. */
export class TestDatabase {
  readonly name: string;
  readonly url: string;

  constructor(label: string) {
    this.name = `jobs_test_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    this.url = `${SERVER_URL}/${this.name}`;
  }

  /** Runs one statement against this database (creating nothing). */
  async query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /**
   * Opens or closes the database to connections; closing also ends the open ones, so that
   * to the apps it is as if Postgres went away while the shared server keeps running.
   */
  async acceptConnections(allow: boolean): Promise<void> {
    const client = new Client({ connectionString: `${SERVER_URL}/postgres` });
    await client.connect();
    try {
      const name = escapeIdentifier(this.name);
      await client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${allow}`);
      if (!allow) {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
          [this.name],
        );
      }
    } finally {
      await client.end();
    }
  }

  /** Drops the database, disconnecting whoever still uses it. */
  async drop(): Promise<void> {
    const client = new Client({ connectionString: `${SERVER_URL}/postgres` });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(this.name)} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
