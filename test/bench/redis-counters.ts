import type { RedisServer } from '@lib/testing';

/** One `INFO <section>` as a map of field to value. */
async function info(redis: RedisServer, section: string): Promise<Map<string, string>> {
  const text = String(await redis.command('INFO', section));
  const fields = text
    .split('\r\n')
    .filter((line) => line.includes(':'))
    .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]);
  return new Map(fields as Array<[string, string]>);
}

/**
 * Commands the server has run since it started, from INFO commandstats, without the bench's
 * own INFO calls. Commands that Lua scripts (BullMQ's) call are counted there as well as
 * the EVALSHA that ran them: this is the work Redis does, not its round trips.
 */
export async function redisCommands(redis: RedisServer): Promise<number> {
  let calls = 0;
  for (const [name, stats] of await info(redis, 'commandstats')) {
    if (name !== 'cmdstat_info') {
      calls += Number(/calls=(\d+)/.exec(stats)?.[1] ?? 0);
    }
  }
  return calls;
}

/** Bytes Redis holds for data (used_memory), in MB. */
export async function redisUsedMemoryMb(redis: RedisServer): Promise<number> {
  return Number((await info(redis, 'memory')).get('used_memory')) / 1024 / 1024;
}

/** The server's version, e.g. "7.0.15". */
export async function redisVersion(redis: RedisServer): Promise<string> {
  return (await info(redis, 'server')).get('redis_version') ?? 'unknown';
}
