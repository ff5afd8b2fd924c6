import { TestQueuePrefix } from '@lib/testing';
import { ChildTask } from '../child-task';
import type { BareHttpOptions } from './bare-http.options';

/** The bare node:http anchor (bare-http.anchor.ts) running, with a key prefix of its own. */
export class BareHttpAnchor {
  private constructor(
    private readonly task: ChildTask,
    private readonly keys: TestQueuePrefix,
    readonly port: number,
  ) {}

  /** Starts the anchor on `databaseUrl` (a database that exists) and the bench's Redis. */
  static async start(redisUrl: string, databaseUrl: string): Promise<BareHttpAnchor> {
    const keys = new TestQueuePrefix('bench-anchor', redisUrl);
    const options: BareHttpOptions = { redisUrl, prefix: keys.prefix, databaseUrl };
    const { task, ready } = await ChildTask.start<{ port: number }>(
      'anchors/bare-http.anchor',
      options,
    );
    return new BareHttpAnchor(task, keys, ready.port);
  }

  async stop(): Promise<void> {
    await this.task.stop();
    await this.keys.clear();
  }
}
