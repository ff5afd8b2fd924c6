import type { EnvironmentVariables } from './environment.variables';

/** The apps that read the platform's configuration. */
export type PlatformApp = 'api' | 'worker' | 'scheduler';

type Setting = keyof EnvironmentVariables;

// Read by the one app each names; every other setting is read by all three.
const WORKER_ONLY: readonly Setting[] = [
  'WORKER_QUEUES',
  'WORKER_CONCURRENCY',
  'WORKER_QUEUE_CONCURRENCY',
  'WEBHOOK_CONCURRENCY',
  'WEBHOOK_TIMEOUT_MS',
  'WEBHOOK_RETRY_BASE_MS',
];
const SCHEDULER_ONLY: readonly Setting[] = [
  'SCHEDULER_CATCHUP_MS',
  'JOB_RETENTION_DAYS',
  'JOB_RETENTION_SWEEP_MS',
];
const API_ONLY: readonly Setting[] = [
  'PORT',
  'ADMIN_USER',
  'ADMIN_PASSWORD',
  'AUTH_FAILURES_PER_MINUTE',
  'SSE_MAX_STREAMS_PER_TENANT',
  'SSE_IDLE_TIMEOUT_MS',
  'SSE_HEARTBEAT_MS',
];

/**
 * The settings an app never reads. A bad value there does not stop that app: the app that
 * reads it refuses to start instead, so one shared environment can be fixed app by app.
 */
export const UNUSED_SETTINGS: Readonly<Record<PlatformApp, ReadonlySet<string>>> = {
  api: new Set([...WORKER_ONLY, ...SCHEDULER_ONLY, 'HEALTH_PORT']),
  worker: new Set([...SCHEDULER_ONLY, ...API_ONLY, 'SCHEDULES_FILE', 'SCHEDULER_TIMEZONE']),
  scheduler: new Set([...WORKER_ONLY, ...API_ONLY]),
};
