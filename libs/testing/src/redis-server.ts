import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export interface RedisServerOptions {
  /**
   * Runs the server as a Redis Cluster node keeping its nodes file (and nothing else:
   * no RDB, no AOF) in this directory; the node serves no slot until a cluster is made.
   */
  clusterDir?: string;
}

/** A private redis-server on a free port, for tests that take Redis away (see also RedisCluster). */
export class RedisServer {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and waits until it answers. */
  async restart(): Promise<void> {
    const { clusterDir } = this.options;
    const cluster = clusterDir
      ? [
          ...['--cluster-enabled', 'yes', '--dir', clusterDir],
          ...['--cluster-config-file', join(clusterDir, `nodes-${this.port}.conf`)],
        ]
      : [];
    this.process = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        ...cluster,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(
      `redis-server on port ${this.port}`,
      () => this.ping(),
      (answer) => answer === 'PONG',
    );
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  /** Lets a frozen server answer again. */
  thaw(): void {
    this.process?.kill('SIGCONT');
  }

  /** Kills the server at once, as a crash would. */
  async kill(): Promise<void> {
    const process = this.process;
    this.process = null;
    if (process && process.exitCode === null) {
      const exited = new Promise((resolve) => process.once('exit', resolve));
      process.kill('SIGKILL');
      await exited;
    }
  }

  /** Sends one command, e.g. `CONFIG SET maxmemory-policy allkeys-lru`. */
  async command(name: string, ...args: string[]): Promise<unknown> {
    const redis = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await redis.call(name, ...args);
    } finally {
      redis.disconnect();
    }
  }

  private async ping(): Promise<string> {
    return String(await this.command('PING'));
  }
}
