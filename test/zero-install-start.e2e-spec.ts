import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TestQueuePrefix,
  checkedFetch,
  finalStatus,
  freePort,
  printedApiKey,
  threeFreePorts,
  waitFor,
} from '@lib/testing';

const ROOT = join(__dirname, '..');

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Every process below `pid`, read from /proc: the apps, the runner and PostgreSQL's own. */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The command name, in parentheses, may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const below = [...parents].filter(([, parent]) => parent === pid).map(([child]) => child);
  return below.flatMap((child) => [child, ...descendantsOf(child)]);
}

describe('npm start with DATABASE_URL=embedded and no Redis', () => {
  let folder: string;
  let dataDir: string;
  // Only to prove that no queue went to the Redis at the default address.
  const queues = new TestQueuePrefix('zero-install');
  let started: ChildProcess;
  let output = '';
  let port: number;

  beforeAll(async () => {
    // Its own data folder, never the repository's .data/; PostgreSQL runs as the user
    // `postgres` when the tests run as root, so that user must be able to enter it.
    folder = mkdtempSync(join(tmpdir(), 'zero-install-'));
    chmodSync(folder, 0o755);
    dataDir = join(folder, 'postgres');
    port = await threeFreePorts();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      DATABASE_URL: 'embedded',
      EMBEDDED_POSTGRES_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      // A Redis answers at the default address on this machine: asking for the PostgreSQL
      // queues is the only way to run without one here (their automatic choice has unit tests).
      QUEUE_BACKEND: 'postgres',
      QUEUE_PREFIX: queues.prefix,
      PORT: String(port),
    };
    // Its own process group, as a terminal gives one to what it runs: Ctrl-C signals it all.
    started = spawn(process.execPath, ['scripts/start-all.mjs'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(async () => {
    if (started.exitCode === null && started.pid !== undefined) {
      for (const pid of [started.pid, ...descendantsOf(started.pid)]) {
        process.kill(pid, 'SIGKILL');
      }
    }
    rmSync(folder, { recursive: true, force: true });
    await queues.clear();
  });

  it('runs a job on its own PostgreSQL, then stops everything it started on Ctrl-C', async () => {
    const token = await printedApiKey(() => output, 120_000);
    const authorization = `Bearer ${token}`;
    const created = await checkedFetch(`http://127.0.0.1:${port}/create-jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ type: 'sleep', payload: { ms: 1 } }),
    });
    expect(created.status).toBe(202);
    const { status_url: statusUrl } = created.body as { status_url: string };
    const finished = await finalStatus(port, statusUrl, token, 60_000);
    expect(finished).toBe('completed');
    expect(await queues.keys()).toEqual([]);

    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const launched = descendantsOf(started.pid!);
    expect(launched).toContain(postmaster);
    process.kill(-started.pid!, 'SIGINT');
    const code = await waitFor(
      'npm start to exit',
      () => Promise.resolve(started.exitCode),
      (exitCode) => exitCode !== null,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(code).toBe(0);
    expect(launched.filter(isAlive)).toEqual([]);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(output).toContain('database system is shut down');
  }, 240_000);
});
