import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** Redis did not answer; the message names the URL (or the cluster's nodes) and the remedy. */
export class RedisUnreachableError extends PlatformError {
  readonly category = ERROR_CATEGORIES.unavailable;
  readonly code = 'redis_unreachable';

  /** @param cluster the seed nodes, as `host:port,…`, when the target is a Redis Cluster */
  constructor(redactedUrl: string, reason: string, cluster = false) {
    super(
      cluster
        ? `Cannot reach the Redis Cluster at ${redactedUrl} (REDIS_CLUSTER_NODES): ${reason}. ` +
            'Check that its nodes run and that `redis-cli -c -h <host> -p <port> cluster info` ' +
            'says cluster_state:ok, or point REDIS_CLUSTER_NODES at running nodes.'
        : `Cannot reach Redis at ${redactedUrl} (REDIS_URL): ${reason}. Start it (for example: ` +
            'redis-server --daemonize yes, or docker compose up -d redis) or point REDIS_URL at a running server.',
    );
  }
}
