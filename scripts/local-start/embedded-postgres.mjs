import { fork } from 'node:child_process';
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./embedded-postgres.runner.mjs', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the embedded PostgreSQL keeps its data and which loopback port it listens on:
 * EMBEDDED_POSTGRES_DIR (relative to the repository; default `.data/postgres`, git-ignored) and
 * EMBEDDED_POSTGRES_PORT (default 5433, next to a PostgreSQL's own 5432).
 */
export function embeddedPostgresSettings(env) {
  const port = Number(env.EMBEDDED_POSTGRES_PORT || 5433);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `EMBEDDED_POSTGRES_PORT must be a port from 1 to 65535, got ${env.EMBEDDED_POSTGRES_PORT}.`,
    );
  }
  const dataDir = path.resolve(REPOSITORY_ROOT, env.EMBEDDED_POSTGRES_DIR || '.data/postgres');
  return { dataDir, port };
}

/**
 * Starts the embedded PostgreSQL: initialises `dataDir` on first use, reuses it after.
 * Returns at once with `ready` (resolves with `databaseUrl`'s host and port replaced, once it
 * accepts connections; the apps create that database if missing; rejects with one line saying
 * why it did not start and what to do), `stop()` (usable at any time; resolves once PostgreSQL
 * has shut down) and `exited` (resolves when the runner ends, asked or not).
 *
 * @param onOutput receives the runner's stdout and stderr streams, to show PostgreSQL's log
 */
export function startEmbeddedPostgres({ dataDir, port, databaseUrl, onOutput }) {
  // Detached: see the runner's opening comment.
  const runner = fork(RUNNER, [JSON.stringify({ dataDir, port })], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  onOutput(runner.stdout, runner.stderr);
  const exited = new Promise((resolve) => runner.once('exit', resolve));
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${port}`;
  const ready = new Promise((resolve, reject) => {
    runner.once('message', (message) =>
      message === 'ready' ? resolve(url.href) : reject(new Error(message.failed)),
    );
    void exited.then((code) =>
      reject(new Error(`The embedded PostgreSQL's runner exited (${code}) before it was ready.`)),
    );
  });
  const stop = () => {
    if (runner.connected) {
      runner.send('stop');
    }
    return exited;
  };
  return { ready, stop, exited };
}
