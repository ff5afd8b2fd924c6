// `npm start`: runs the built API, worker and scheduler together, each line prefixed
// with its app's name (readable logs unless LOG_FORMAT says otherwise), and stops all
// three on Ctrl-C (SIGINT) or SIGTERM. Once the API listens it prints a new API key of
// tenant `default`, made by `npm run api-key -- create`, ready to export.
//
// With DATABASE_URL=embedded, or when neither DATABASE_URL is set nor a PostgreSQL answers at
// the apps' default address, it first starts an embedded PostgreSQL and gives its URL to the
// apps; on Ctrl-C that one stops after the apps. With neither REDIS_URL set nor a Redis
// answering at the default address, the apps keep their queues in PostgreSQL.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { addressAnswers } from './local-start/address-answers.mjs';
import { chooseLocalServers } from './local-start/choose-local-servers.mjs';
import {
  embeddedPostgresSettings,
  startEmbeddedPostgres,
} from './local-start/embedded-postgres.mjs';
import { addressOf, platformDefaults } from './local-start/platform-defaults.mjs';

// The worker and the scheduler each need a port of their own for /health and /metrics:
// the two after the API's (3001 and 3002 by default).
const port = process.env.PORT ?? '3000';
const healthPort = (offset) => ({ HEALTH_PORT: String(Number(port) + offset) });
const apps = { api: {}, worker: healthPort(1), scheduler: healthPort(2) };
const children = new Map();
let stopping = false;
/** The embedded PostgreSQL, when this launcher started one. */
let database;

function prefixLines(name, streams, onLine = () => undefined) {
  for (const stream of streams) {
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`${name.padEnd(9)} | ${line}`);
      onLine(line);
    });
  }
}

// A key each start: tokens are shown once only, so an earlier one cannot be printed again.
async function printQuickStartKey(appEnv) {
  if (appEnv.API_AUTH === 'off') {
    console.log('\n  API_AUTH=off: requests need no API key (local demo only).');
    console.log(
      `  Try:       curl -X POST http://localhost:${port}/create-jobs -H 'content-type: application/json' -d '{"type":"sleep","payload":{"ms":1000}}'\n`,
    );
    return;
  }
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      'dist/apps/api/apps/api/src/keys/api-key.cli.js',
      'create',
      '--tenant',
      'default',
      '--name',
      'npm start',
    ],
    { env: appEnv },
  );
  const { token } = JSON.parse(stdout);
  console.log(`\n  API:       http://localhost:${port}`);
  console.log(`  API key:   export JOBS_API_KEY=${token}`);
  console.log(
    `  Try:       curl -X POST http://localhost:${port}/create-jobs -H "Authorization: Bearer $JOBS_API_KEY" -H 'content-type: application/json' -d '{"type":"sleep","payload":{"ms":1000}}'\n`,
  );
}

/** The apps stop first, so that they can still record their jobs; the database last. */
function stopAll() {
  if (stopping) {
    // A second Ctrl-C does not wait for the apps to finish their jobs.
    for (const child of children.values()) {
      child.kill('SIGKILL');
    }
    return;
  }
  stopping = true;
  for (const child of children.values()) {
    child.kill('SIGTERM');
  }
  if (children.size === 0) {
    void database?.stop();
  }
}

function startApps(appEnv) {
  for (const [app, env] of Object.entries(apps)) {
    const child = spawn(process.execPath, [`dist/apps/${app}/apps/${app}/src/main.js`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { LOG_FORMAT: 'pretty', ...appEnv, ...env },
    });
    children.set(app, child);
    prefixLines(app, [child.stdout, child.stderr], (line) => {
      if (app === 'api' && line.includes('API listening')) {
        printQuickStartKey(appEnv).catch((error) =>
          console.error(`Could not create an API key: ${error.stderr || error.message}`),
        );
      }
    });
    child.on('exit', (code, signal) => {
      children.delete(app);
      if (!stopping) {
        console.error(`${app} exited (${signal ?? code}); stopping the others.`);
        process.exitCode = code || 1;
        stopAll();
      } else if (children.size === 0) {
        void database?.stop();
      }
    });
  }
}

async function probe(url) {
  const address = addressOf(url);
  return { address: `${address.host}:${address.port}`, answers: await addressAnswers(address) };
}

/** The apps' environment: the launcher's, with the servers chosen for a local start. */
async function localServers() {
  const defaults = platformDefaults();
  const [redis, postgres] = await Promise.all([
    probe(defaults.redisUrl),
    probe(defaults.databaseUrl),
  ]);
  const choice = chooseLocalServers(process.env, { redis, postgres });
  for (const line of choice.banner) {
    console.log(`  ${line}`);
  }
  const appEnv = { ...process.env, ...choice.appEnv };
  if (choice.embeddedDatabase) {
    const settings = embeddedPostgresSettings(process.env);
    database = startEmbeddedPostgres({
      ...settings,
      databaseUrl: defaults.databaseUrl,
      onOutput: (...streams) => prefixLines('postgres', streams),
    });
    appEnv.DATABASE_URL = await database.ready;
    console.log(`\n  Embedded PostgreSQL at ${appEnv.DATABASE_URL}, data in ${settings.dataDir}\n`);
    void database.exited.then((code) => {
      if (!stopping) {
        console.error(`The embedded PostgreSQL exited (${code}); stopping the apps.`);
        process.exitCode = 1;
        stopAll();
      }
    });
  }
  return appEnv;
}

process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

localServers().then(
  (appEnv) => (stopping ? database?.stop() : startApps(appEnv)),
  (error) => {
    // A Ctrl-C while the database starts ends its start: that is no failure.
    if (!stopping) {
      console.error(error.message);
      process.exitCode = 1;
    }
  },
);
