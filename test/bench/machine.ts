import { cpus, loadavg, release, totalmem } from 'node:os';
import type { RedisServer } from '@lib/testing';
import { TestDatabase } from '@lib/testing';
import { postgresVersion } from './postgres-counters';
import { redisVersion } from './redis-counters';

/** The system's load averages over 1, 5 and 15 minutes. */
export const loadAverages = () =>
  `${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} (1, 5, 15 min)`;

/** What the figures were measured on, to print above them. */
export async function describeMachine(redis: RedisServer): Promise<string> {
  const cores = cpus();
  const gb = (totalmem() / 1024 ** 3).toFixed(1);
  // Only its server's address is used: the database itself is never created.
  const postgres = await postgresVersion(new TestDatabase('version'));
  return [
    `machine:  ${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${gb} GB RAM, Linux ${release()}`,
    `software: Node ${process.version}, Redis ${await redisVersion(redis)} (a private redis-server), PostgreSQL ${postgres} (shared)`,
    `load:     ${loadAverages()} at the start`,
  ].join('\n');
}
