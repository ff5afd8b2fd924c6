// `npm start`: runs the built API, worker and scheduler together, each line prefixed
// with its app's name (readable logs unless LOG_FORMAT says otherwise), and stops all
// three on Ctrl-C (SIGINT) or SIGTERM. Once the API listens it prints a new API key of
// tenant `default`, made by `npm run api-key -- create`, ready to export.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

// The worker and the scheduler each need a port of their own for /health and /metrics:
// the two after the API's (3001 and 3002 by default).
const port = process.env.PORT ?? '3000';
const healthPort = (offset) => ({ HEALTH_PORT: String(Number(port) + offset) });
const apps = { api: {}, worker: healthPort(1), scheduler: healthPort(2) };
const children = new Map();
let stopping = false;

// A key each start: tokens are shown once only, so an earlier one cannot be printed again.
async function printQuickStartKey() {
  if (process.env.API_AUTH === 'off') {
    console.log('\n  API_AUTH=off: requests need no API key (local demo only).');
    console.log(
      `  Try:       curl -X POST http://localhost:${port}/create-jobs -H 'content-type: application/json' -d '{"type":"sleep","payload":{"ms":1000}}'\n`,
    );
    return;
  }
  const { stdout } = await promisify(execFile)(process.execPath, [
    'dist/apps/api/apps/api/src/keys/api-key.cli.js',
    'create',
    '--tenant',
    'default',
    '--name',
    'npm start',
  ]);
  const { token } = JSON.parse(stdout);
  console.log(`\n  API:       http://localhost:${port}`);
  console.log(`  API key:   export JOBS_API_KEY=${token}`);
  console.log(
    `  Try:       curl -X POST http://localhost:${port}/create-jobs -H "Authorization: Bearer $JOBS_API_KEY" -H 'content-type: application/json' -d '{"type":"sleep","payload":{"ms":1000}}'\n`,
  );
}

function stopAll(signal) {
  stopping = true;
  for (const child of children.values()) {
    child.kill(signal);
  }
}

for (const [app, env] of Object.entries(apps)) {
  const child = spawn(process.execPath, [`dist/apps/${app}/apps/${app}/src/main.js`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { LOG_FORMAT: 'pretty', ...process.env, ...env },
  });
  children.set(app, child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`${app.padEnd(9)} | ${line}`);
      if (app === 'api' && line.includes('API listening')) {
        printQuickStartKey().catch((error) =>
          console.error(`Could not create an API key: ${error.stderr || error.message}`),
        );
      }
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(app);
    if (!stopping) {
      console.error(`${app} exited (${signal ?? code}); stopping the others.`);
      stopAll('SIGTERM');
      process.exitCode = code || 1;
    }
  });
}

process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
