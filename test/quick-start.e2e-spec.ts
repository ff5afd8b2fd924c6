import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  TestDatabase,
  TestQueuePrefix,
  checkedFetch,
  finalStatus,
  printedApiKey,
  threeFreePorts,
} from '@lib/testing';

const ROOT = join(__dirname, '..');

describe('the quick start (npm start)', () => {
  const database = new TestDatabase('quick_start');
  const queues = new TestQueuePrefix('quick-start');
  let started: ChildProcess;
  let output = '';
  let port: number;

  beforeAll(async () => {
    port = await threeFreePorts();
    started = spawn(process.execPath, ['scripts/start-all.mjs'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        DATABASE_URL: database.url,
        REDIS_URL: queues.redisUrl,
        QUEUE_PREFIX: queues.prefix,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(async () => {
    if (started.exitCode === null) {
      const exited = new Promise((resolve) => started.once('exit', resolve));
      started.kill('SIGTERM');
      await exited;
    }
    await queues.clear();
    await database.drop();
  });

  it('prints a key to export, which creates a job that a worker then runs', async () => {
    const token = await printedApiKey(() => output, 60_000);
    const create = (headers: Record<string, string>) =>
      checkedFetch(`http://127.0.0.1:${port}/create-jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ type: 'sleep', payload: { ms: 1 } }),
      });
    expect((await create({})).status).toBe(401);
    const created = await create({ authorization: `Bearer ${token}` });
    expect(created.status).toBe(202);
    const { status_url: statusUrl } = created.body as { status_url: string };
    const finished = await finalStatus(port, statusUrl, token, 30_000);
    expect(finished).toBe('completed');
    expect(output).toContain(`Worker health and metrics on http://localhost:${port + 1}/health`);
  });
});
