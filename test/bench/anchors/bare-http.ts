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

  /**
   * Runs `body` with the anchor started on `databaseUrl` (a database that exists) and
   * `redisUrl`, and stops it afterwards.
   */
  static async around<T>(
    redisUrl: string,
    databaseUrl: string,
    body: (anchor: BareHttpAnchor) => Promise<T>,
  ): Promise<T> {
    const anchor = await BareHttpAnchor.start(redisUrl, databaseUrl);
    try {
      return await body(anchor);
    } finally {
      await anchor.stop();
    }
  }

  private static async start(redisUrl: string, databaseUrl: string): Promise<BareHttpAnchor> {
    const keys = new TestQueuePrefix('bench-anchor', redisUrl);
    const options: BareHttpOptions = { redisUrl, prefix: keys.prefix, databaseUrl };
    const { task, ready } = await ChildTask.start<{ port: number }>(
      'anchors/bare-http.anchor',
      options,
    );
    return new BareHttpAnchor(task, keys, ready.port);
  }

  private async stop(): Promise<void> {
    await this.task.stop();
    await this.keys.clear();
  }
}
