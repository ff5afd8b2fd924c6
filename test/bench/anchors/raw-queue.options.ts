/** Where a raw BullMQ anchor finds its queue: a Redis and a key prefix of its own. */
export interface RawQueueOptions {
  redisUrl: string;
  prefix: string;
}
