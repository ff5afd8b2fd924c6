import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Runs `COPY … FROM STDIN` (text format) on the client, sending `rows` as its data.
 * @throws the Postgres error that ended the COPY (a bad value, a cancellation)
 */
export async function copyFromText(client: PoolClient, sql: string, rows: string): Promise<void> {
  const stream = client.query(copyFrom(sql));
  stream.end(rows);
  // pg-copy-streams emits 'finish' once Postgres has taken every row.
  await finished(stream);
}
