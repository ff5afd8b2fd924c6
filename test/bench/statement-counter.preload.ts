// Loaded into an app with `node --require` (see bench-platform.ts): counts every query the
// app's `pg` clients send, and writes the count to BENCH_STATEMENT_COUNT_FILE every 100 ms.
// pg_stat_statements would count on the server, but it needs shared_preload_libraries and
// with it a restart of the shared Postgres, which the bench must not do.
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';

const file = process.env.BENCH_STATEMENT_COUNT_FILE;
if (file) {
  let statements = 0;
  // Every query of a pg.Pool goes through a pooled Client's query(): patching the prototype
  // counts them all. A multi-statement text counts once, as one round trip.
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function (this: Client, ...args: unknown[]) {
    statements += 1;
    return query.apply(this, args);
  };
  const write = () => writeFileSync(file, String(statements));
  setInterval(write, 100).unref();
  process.on('exit', write);
}
