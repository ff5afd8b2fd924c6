import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { RedisServer } from './redis-server';
import { runCommand } from './run-command';
import { waitFor } from './wait-for';

/**
 * A private Redis Cluster on loopback: `masters` redis-server nodes (RedisServer in
 * cluster mode) on free ports, no replicas, the slots spread by `redis-cli --cluster
 * create`, and nothing kept on disk but the nodes files in a temp dir that `stop()` removes.
 */
export class RedisCluster {
  private constructor(
    readonly nodes: RedisServer[],
    private readonly dir: string,
  ) {}

  static async start(masters = 3): Promise<RedisCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'redis-cluster-'));
    const nodes: RedisServer[] = [];
    const cluster = new RedisCluster(nodes, dir);
    try {
      for (let i = 0; i < masters; i++) {
        nodes.push(await RedisServer.start({ clusterDir: dir }));
      }
      const created = await runCommand(
        'redis-cli',
        [
          ...['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`)],
          ...['--cluster-replicas', '0', '--cluster-yes'],
        ],
        { env: { PATH: process.env.PATH ?? '' } },
      );
      if (created.code !== 0) {
        throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
      }
      await waitFor(
        'every node to say cluster_state:ok',
        () => Promise.all(nodes.map((node) => node.command('CLUSTER', 'INFO'))),
        (infos) => infos.every((info) => String(info).includes('cluster_state:ok')),
        { timeoutMs: 20_000, intervalMs: 100 },
      );
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** REDIS_CLUSTER_NODES for the apps: every node, `127.0.0.1:port,…`. */
  get seedNodes(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  /** Sends one command to every node (every node is a master), e.g. FLUSHALL. */
  commandOnEach(name: string, ...args: string[]): Promise<unknown[]> {
    return Promise.all(this.nodes.map((node) => node.command(name, ...args)));
  }

  /** The node that serves `key`'s slot, as CLUSTER KEYSLOT and CLUSTER SLOTS say. */
  async nodeOf(key: string): Promise<RedisServer> {
    const slot = Number(await this.nodes[0].command('CLUSTER', 'KEYSLOT', key));
    const ranges = (await this.nodes[0].command('CLUSTER', 'SLOTS')) as Array<
      [number, number, [string, number, ...unknown[]], ...unknown[]]
    >;
    const range = ranges.find(([from, to]) => from <= slot && slot <= to);
    const node = this.nodes.find((candidate) => candidate.port === range?.[2][1]);
    if (!node) {
      throw new Error(`No node serves slot ${slot} of ${key}`);
    }
    return node;
  }

  /** A cluster client, e.g. to read keys as the apps see them; disconnect it when done. */
  client(): Cluster {
    return new Cluster(
      this.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      { clusterRetryStrategy: () => null },
    );
  }

  /** Kills every node and removes the temp dir. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.kill()));
    await rm(this.dir, { recursive: true, force: true });
  }
}
