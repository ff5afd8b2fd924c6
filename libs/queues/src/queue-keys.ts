import type { RedisSettings } from '@lib/config';
import { QUEUE_NAMES } from './queue-names';

/**
 * BullMQ's `prefix` for a queue. On one Redis: QUEUE_PREFIX, so that keys read
 * `jobs:default:…` as they always did. On a Redis Cluster: `{QUEUE_PREFIX:queue}`, a hash
 * tag, since BullMQ's scripts touch several keys of a queue at once and Redis Cluster
 * runs a script only on keys of one slot: each queue then lives in one slot, and
 * different queues hash to different slots, so they spread over the masters.
 */
export function queuePrefix(settings: RedisSettings, queue: string): string {
  return settings.clusterNodes ? `{${settings.prefix}:${queue}}` : settings.prefix;
}

/** The hash BullMQ keeps a job under (its `timestamp`, `finishedOn`, …). */
export function jobKey(settings: RedisSettings, queue: string, jobId: string): string {
  return `${queuePrefix(settings, queue)}:${queue}:${jobId}`;
}

/**
 * The keys of the marker that says Redis still holds this platform's data: one on a
 * single Redis; on a cluster one in each queue's slot, so that losing any master that
 * holds a queue (flushed, or failed over to an empty replica) takes a marker with it.
 */
export function epochKeys(settings: RedisSettings): string[] {
  return settings.clusterNodes
    ? QUEUE_NAMES.map((queue) => `${queuePrefix(settings, queue)}:epoch`)
    : [`${settings.prefix}:epoch`];
}
