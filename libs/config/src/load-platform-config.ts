import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentVariables, LOG_FORMATS, LOG_LEVELS } from './environment.variables';
import type { QueueBackendName } from './environment.variables';
import { InvalidConfigError } from './invalid-config.error';
import { listEntries } from './list-entries';
import { PlatformConfig } from './platform.config';
import { parseClusterNodes } from './redis-cluster-nodes';
import { shownValue } from './shown-value';
import { FairShare } from './fair-share';
import { UNUSED_SETTINGS } from './unused-settings';
import type { PlatformApp } from './unused-settings';
import { TenantQuotas } from './tenant-quotas';
import { TenantWebhooks } from './tenant-webhooks';

/**
 * Reads and validates the environment once: every setting, or with `app` the settings
 * that app reads (the others keep their defaults, see UNUSED_SETTINGS).
 * @throws InvalidConfigError naming the first variable that breaks its rule.
 */
export function loadPlatformConfig(
  env: NodeJS.ProcessEnv = process.env,
  app?: PlatformApp,
): PlatformConfig {
  const unused = app === undefined ? new Set<string>() : UNUSED_SETTINGS[app];
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => value !== undefined && value !== '' && !unused.has(name),
    ),
  );
  if (present.DATABASE_URL === EMBEDDED_DATABASE) {
    throw new InvalidConfigError(
      'DATABASE_URL',
      'DATABASE_URL=embedded is understood by `npm start` only, which starts the embedded ' +
        'Postgres and hands each app its real postgres:// URL: start the platform with ' +
        '`npm start`, or set a postgres:// URL.',
    );
  }
  const vars = plainToInstance(EnvironmentVariables, present, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const [error] = validateSync(vars, { stopAtFirstError: true });
  if (error) {
    const rule = Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
    throw new InvalidConfigError(
      error.property,
      `${rule}, got ${shownValue(error.property, present[error.property])}.`,
    );
  }
  if (present.REDIS_URL !== undefined && present.REDIS_CLUSTER_NODES !== undefined) {
    throw new InvalidConfigError(
      'REDIS_CLUSTER_NODES',
      'REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis, or ' +
        'REDIS_CLUSTER_NODES for a Redis Cluster, not both.',
    );
  }
  refuseRedisWithoutRedis(vars.QUEUE_BACKEND, present);
  const tenantQuotas = vars.TENANT_QUOTAS ? TenantQuotas.parse(vars.TENANT_QUOTAS) : null;
  return new PlatformConfig(
    {
      url: vars.REDIS_URL,
      prefix: vars.QUEUE_PREFIX,
      clusterNodes: parseClusterNodes(vars.REDIS_CLUSTER_NODES),
    },
    { url: vars.DATABASE_URL, migrationUrl: vars.DATABASE_MIGRATION_URL || null },
    {
      port: vars.PORT,
      auth: vars.API_AUTH === 'on',
      trustedProxies: listEntries(vars.TRUST_PROXY),
    },
    { port: vars.HEALTH_PORT === '' ? null : vars.HEALTH_PORT },
    vars.ADMIN_USER && vars.ADMIN_PASSWORD
      ? { user: vars.ADMIN_USER, password: vars.ADMIN_PASSWORD }
      : null,
    {
      queues: listEntries(vars.WORKER_QUEUES),
      concurrency: vars.WORKER_CONCURRENCY,
      queueConcurrency: listEntries(vars.WORKER_QUEUE_CONCURRENCY).map((entry) => {
        const [queue, slots] = entry.split(':');
        return { queue, slots: Number(slots) };
      }),
      stallTimeoutMs: vars.WORKER_STALL_TIMEOUT_MS,
      shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    },
    {
      truncateAllowedTables: listEntries(vars.TRUNCATE_ALLOWED_TABLES),
      maxTimeoutMs: vars.JOB_MAX_TIMEOUT_MS,
      payloadMaxBytes: vars.JOB_PAYLOAD_MAX_BYTES,
      importAllowedTables: listEntries(vars.IMPORT_ALLOWED_TABLES),
      importDir: resolve(vars.IMPORT_DIR),
      importMaxBytes: vars.IMPORT_MAX_BYTES,
      importMaxRecordBytes: vars.IMPORT_MAX_RECORD_BYTES,
      transformDir: resolve(vars.TRANSFORM_DIR),
    },
    {
      schedulesFile: vars.SCHEDULES_FILE ? resolve(vars.SCHEDULES_FILE) : null,
      timezone: vars.SCHEDULER_TIMEZONE,
      catchupMs: vars.SCHEDULER_CATCHUP_MS,
      retentionDays: vars.JOB_RETENTION_DAYS,
      retentionSweepMs: vars.JOB_RETENTION_SWEEP_MS,
    },
    { handOffSweepMs: vars.HANDOFF_SWEEP_MS, redisAuditMs: vars.REDIS_AUDIT_MS },
    { level: vars.LOG_LEVEL, format: vars.LOG_FORMAT },
    {
      allowedHosts: listEntries(vars.OUTBOUND_ALLOWED_HOSTS),
      connectTimeoutMs: vars.OUTBOUND_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: vars.OUTBOUND_IDLE_TIMEOUT_MS,
    },
    {
      tenantQuotas,
      fairShare: new FairShare(vars.TENANT_WINDOW, tenantQuotas),
      authFailuresPerMinute: vars.AUTH_FAILURES_PER_MINUTE,
      sseMaxStreamsPerTenant: vars.SSE_MAX_STREAMS_PER_TENANT,
      sseIdleTimeoutMs: vars.SSE_IDLE_TIMEOUT_MS,
      sseHeartbeatMs: vars.SSE_HEARTBEAT_MS,
    },
    {
      tenantWebhooks: vars.TENANT_WEBHOOKS ? TenantWebhooks.parse(vars.TENANT_WEBHOOKS) : null,
      concurrency: vars.WEBHOOK_CONCURRENCY,
      timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: vars.WEBHOOK_RETRY_BASE_MS,
    },
    { backend: vars.QUEUE_BACKEND },
  );
}

// What `npm start` reads as "start an embedded Postgres" (see scripts/start-all.mjs).
const EMBEDDED_DATABASE = 'embedded';

// A Redis setting with the Postgres backend would be silently ignored: say so instead.
function refuseRedisWithoutRedis(
  backend: QueueBackendName,
  present: Record<string, string | undefined>,
): void {
  const redisSetting = ['REDIS_URL', 'REDIS_CLUSTER_NODES'].find((name) => present[name]);
  if (backend === 'postgres' && redisSetting) {
    throw new InvalidConfigError(
      'QUEUE_BACKEND',
      `QUEUE_BACKEND=postgres keeps the queues in Postgres and uses no Redis, but ` +
        `${redisSetting} is set: unset ${redisSetting}, or set QUEUE_BACKEND=redis.`,
    );
  }
}

/**
 * LOG_LEVEL and LOG_FORMAT for reporting a failed start-up: never throws, so that even
 * an invalid configuration can be reported in the format the operator asked for.
 */
export function loadLogSettings(env: NodeJS.ProcessEnv = process.env): PlatformConfig['log'] {
  const defaults = new EnvironmentVariables();
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T) =>
    allowed.includes(value as T) ? (value as T) : fallback;
  return {
    level: pick(env.LOG_LEVEL, LOG_LEVELS, defaults.LOG_LEVEL),
    format: pick(env.LOG_FORMAT, LOG_FORMATS, defaults.LOG_FORMAT),
  };
}
