import type { LogFormat, LogLevel, QueueBackendName } from './environment.variables';
import type { FairShare } from './fair-share';
import type { RedisClusterNode } from './redis-cluster-nodes';
import type { TenantQuotas } from './tenant-quotas';
import type { TenantWebhooks } from './tenant-webhooks';

/** Where the queues live: one Redis (`url`) or a Redis Cluster (`clusterNodes`). */
export interface RedisSettings {
  url: string;
  prefix: string;
  clusterNodes: readonly RedisClusterNode[] | null;
}

/** The validated, typed configuration every app receives by injection. */
export class PlatformConfig {
  constructor(
    /** `clusterNodes`: the seed nodes of a Redis Cluster, used instead of `url`; null for one Redis. */
    readonly redis: RedisSettings,
    /** `migrationUrl`: the role that creates the database and migrates it; null for `url`'s. */
    readonly database: { url: string; migrationUrl: string | null },
    /** `auth`: false only with API_AUTH=off, when no request needs a key. */
    readonly api: {
      port: number;
      auth: boolean;
      /** Addresses and CIDR ranges of reverse proxies whose X-Forwarded-For is believed. */
      trustedProxies: string[];
    },
    /**
     * Port of /health and /metrics in the apps without an API (worker, scheduler); null:
     * 3001 or the next free one, 0: any free one.
     */
    readonly health: { port: number | null },
    /** Credentials of the dashboard; null leaves it unmounted. */
    readonly admin: { user: string; password: string } | null,
    readonly worker: {
      queues: string[];
      concurrency: number;
      /** Most slots a queue may take (WORKER_QUEUE_CONCURRENCY), by queue name as written. */
      queueConcurrency: ReadonlyArray<{ queue: string; slots: number }>;
      stallTimeoutMs: number;
      shutdownGraceMs: number;
    },
    readonly jobs: {
      truncateAllowedTables: string[];
      maxTimeoutMs: number;
      /** Largest payload, in bytes of its JSON, of a job type that declares no cap of its own. */
      payloadMaxBytes: number;
      importAllowedTables: string[];
      /** Absolute. */
      importDir: string;
      /** Bytes read from one source at most. */
      importMaxBytes: number;
      /** Bytes of one CSV record or NDJSON line at most. */
      importMaxRecordBytes: number;
      /** Absolute: the directory of sql_transform's SQL files. */
      transformDir: string;
    },
    readonly scheduler: {
      /** Absolute, or null when unset. */
      schedulesFile: string | null;
      timezone: string;
      catchupMs: number;
      /** 0: keep finished jobs forever. */
      retentionDays: number;
      retentionSweepMs: number;
    },
    /** Keeping Redis in line with Postgres (see @lib/recovery). */
    readonly recovery: { handOffSweepMs: number; redisAuditMs: number },
    readonly log: { level: LogLevel; format: LogFormat },
    /** What outbound HTTP requests may reach, and how long they wait (see @lib/outbound). */
    readonly outbound: {
      /** `host[:port]` entries reached whatever their addresses are. */
      allowedHosts: string[];
      connectTimeoutMs: number;
      idleTimeoutMs: number;
    },
    /** What one tenant or one client may use of the API; `tenantQuotas` null: no quota. */
    readonly limits: {
      tenantQuotas: TenantQuotas | null;
      /** How each queue is shared between tenants (TENANT_WINDOW, TENANT_QUOTAS). */
      fairShare: FairShare;
      authFailuresPerMinute: number;
      sseMaxStreamsPerTenant: number;
      sseIdleTimeoutMs: number;
      /** SSE_HEARTBEAT_MS: between comment lines on an event stream, in ms. */
      sseHeartbeatMs: number;
    },
    /** How webhooks are delivered; `tenantWebhooks` null: no tenant has a default endpoint. */
    readonly webhooks: {
      tenantWebhooks: TenantWebhooks | null;
      /** Deliveries one worker sends at once, beside WORKER_CONCURRENCY. */
      concurrency: number;
      /** Per attempt, in ms. */
      timeoutMs: number;
      /** Delay before the second attempt, in ms; doubled for each later one. */
      retryBaseMs: number;
    },
    /** `backend`: where the queues live (QUEUE_BACKEND); `redis` settings apply to Redis only. */
    readonly queues: { backend: QueueBackendName },
  ) {}
}
