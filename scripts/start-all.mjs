// `npm start`: runs the built API, worker and scheduler together, each line prefixed
// with its app's name (readable logs unless LOG_FORMAT says otherwise), and stops all
// three on Ctrl-C (SIGINT) or SIGTERM.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// The worker and the scheduler each need a port of their own for /health and /metrics.
const apps = { api: {}, worker: { HEALTH_PORT: '3001' }, scheduler: { HEALTH_PORT: '3002' } };
const port = process.env.PORT ?? '3000';
const children = new Map();
let stopping = false;

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
        console.log(`\n  API:       http://localhost:${port}`);
        console.log(
          `  Try:       curl -X POST http://localhost:${port}/create-jobs -H 'content-type: application/json' -d '{"type":"sleep","payload":{"ms":1000}}'\n`,
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
