import 'reflect-metadata';
import { IntegerFrom } from '@lib/validation';
import { Expose } from 'class-transformer';
import { IsIn, IsTimeZone, Matches, ValidateIf } from 'class-validator';
import { ProxyAddresses } from './proxy-addresses.decorator';

/** A port, or empty for the app's default choice. */
type OptionalPort = number | '';

const queueSlots = /^$|^[a-z0-9_]+:\d{1,4}(\s*,\s*[a-z0-9_]+:\d{1,4})*$/;
const list = /^[a-z0-9_]+(\s*,\s*[a-z0-9_]+)*$/;
// host[:port]: a name or IPv4 address, or an IPv6 address in brackets; a port of 1 to 65535.
const hostEntry =
  String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])` +
  String.raw`(?::(?:6553[0-5]|655[0-2]\d|65[0-4]\d{2}|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3}))?`;
const allowedHosts = new RegExp(String.raw`^$|^${hostEntry}(\s*,\s*${hostEntry})*$`);
const qualifiedTables = /^$|^[^\s,.]+\.[^\s,.]+(\s*,\s*[^\s,.]+\.[^\s,.]+)*$/;

/** Where the queues live: Redis (BullMQ's own), or Postgres beside the job statuses (BullMQ's Postgres backend). */
export const QUEUE_BACKENDS = ['redis', 'postgres'] as const;
export type QueueBackendName = (typeof QUEUE_BACKENDS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const API_AUTH_MODES = ['on', 'off'] as const;
export type ApiAuthMode = (typeof API_AUTH_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every environment variable the platform reads, with its default and its rule.
 * The README's configuration table is checked against this class by `npm run lint`.
 */
export class EnvironmentVariables {
  /** Where the queues live: `redis`, or `postgres` to run with Postgres alone. */
  @Expose()
  @IsIn(QUEUE_BACKENDS, { message: `QUEUE_BACKEND must be one of ${QUEUE_BACKENDS.join(', ')}` })
  QUEUE_BACKEND: QueueBackendName = 'redis';

  /** Redis that holds the queues. */
  @Expose()
  @Matches(/^rediss?:\/\/\S+$/, {
    message: `REDIS_URL must be a redis:// or rediss:// URL`,
  })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Seed nodes of a Redis Cluster, `host:port,host:port,…`: every app then uses the cluster
   * instead of REDIS_URL (set one or the other, not both). Empty: one Redis at REDIS_URL.
   */
  @Expose()
  @Matches(/^.{0,8192}$/, { message: 'REDIS_CLUSTER_NODES must be at most 8192 characters' })
  REDIS_CLUSTER_NODES = '';

  /** Postgres that holds job statuses; its database is created if missing. */
  @Expose()
  @Matches(/^postgres(ql)?:\/\/[^/\s]+\/[^/?\s]+(\?\S*)?$/, {
    message: `DATABASE_URL must be a postgres://user@host:port/database URL`,
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/jobs';

  /**
   * Postgres URL of a role that may change the schema: it creates the database and applies
   * migrations, so that DATABASE_URL's role needs data rights only. Empty: DATABASE_URL does both.
   */
  @Expose()
  @Matches(/^$|^postgres(ql)?:\/\/[^/\s]+\/[^/?\s]+(\?\S*)?$/, {
    message: `DATABASE_MIGRATION_URL must be a postgres://user@host:port/database URL`,
  })
  DATABASE_MIGRATION_URL = '';

  /** Prefix of every Redis key; lets several platforms share one Redis. */
  @Expose()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: `QUEUE_PREFIX must be 1 to 64 letters, digits, "_" or "-"`,
  })
  QUEUE_PREFIX = 'jobs';

  /** HTTP port of the API. */
  @Expose()
  @IntegerFrom(1, 65535, { coerce: true, showValue: false })
  PORT = 3000;

  /** `on`: every API request needs an API key (`Authorization: Bearer …`); `off`: none does (local demos only). */
  @Expose()
  @IsIn(API_AUTH_MODES, { message: `API_AUTH must be one of ${API_AUTH_MODES.join(', ')}` })
  API_AUTH: ApiAuthMode = 'on';

  /**
   * HTTP port of the worker's and the scheduler's /health and /metrics. Empty: 3001, or the
   * next free port when another process has it (so several run on one host); 0: any free port.
   */
  @Expose()
  @ValidateIf((vars: EnvironmentVariables) => vars.HEALTH_PORT !== '')
  @IntegerFrom(0, 65535, { coerce: true, showValue: false })
  HEALTH_PORT: OptionalPort = '';

  /** User name for the Bull Board dashboard; with ADMIN_PASSWORD, mounts it at /admin/queues. */
  @Expose()
  @Matches(/^[^:\s]{0,100}$/, {
    message: 'ADMIN_USER must be at most 100 characters without ":" or spaces',
  })
  ADMIN_USER = '';

  /** Password for the dashboard (HTTP basic auth), 12 to 200 characters. */
  @Expose()
  @Matches(/^(.{12,200})?$/, { message: 'ADMIN_PASSWORD must be 12 to 200 characters long' })
  ADMIN_PASSWORD = '';

  /** Queues a worker serves, highest first. */
  @Expose()
  @Matches(list, {
    message: `WORKER_QUEUES must be a comma-separated list of queue names such as "high,default,low"`,
  })
  WORKER_QUEUES = 'high,default,low,etl,webhooks';

  /** Jobs one worker process runs at once. */
  @Expose()
  @IntegerFrom(1, 1000, { coerce: true, showValue: false })
  WORKER_CONCURRENCY = 10;

  /**
   * Most of a worker's slots one queue may take, e.g. `etl:2,low:4`: long jobs of one queue
   * then never hold every slot while `high` waits. Queues not named may take them all.
   */
  @Expose()
  @Matches(queueSlots, {
    message:
      'WORKER_QUEUE_CONCURRENCY must be a comma-separated list of queue:slots such as "etl:2,low:4"',
  })
  WORKER_QUEUE_CONCURRENCY = '';

  /** A job whose worker stops renewing its lock for this long is handed to another worker. */
  @Expose()
  @IntegerFrom(500, 3_600_000, { coerce: true, showValue: false })
  WORKER_STALL_TIMEOUT_MS = 30_000;

  /** On SIGTERM, how long running jobs may take to finish before the worker exits. */
  @Expose()
  @IntegerFrom(0, 3_600_000, { coerce: true, showValue: false })
  SHUTDOWN_GRACE_MS = 25_000;

  /** Upper bound of a job's `timeout_ms`, in ms. */
  @Expose()
  @IntegerFrom(1000, 604_800_000, { coerce: true, showValue: false })
  JOB_MAX_TIMEOUT_MS = 86_400_000;

  /**
   * Largest payload a job may have, in bytes of its JSON, unless its job type declares its
   * own cap (BaseJob.payloadMaxBytes). Up to the API's 1 MiB body limit.
   */
  @Expose()
  @IntegerFrom(2, 1_048_576, { coerce: true, showValue: false })
  JOB_PAYLOAD_MAX_BYTES = 65_536;

  /** Tables `truncate_table` may empty, as schema.table. */
  @Expose()
  @Matches(qualifiedTables, {
    message: `TRUNCATE_ALLOWED_TABLES must be a comma-separated list of schema.table names`,
  })
  TRUNCATE_ALLOWED_TABLES = 'public.daily_stats';

  /** Tables `data_import` may load into, as schema.table. */
  @Expose()
  @Matches(qualifiedTables, {
    message: `IMPORT_ALLOWED_TABLES must be a comma-separated list of schema.table names`,
  })
  IMPORT_ALLOWED_TABLES = 'public.daily_imports';

  /** Directory `data_import` reads files from; paths outside it are refused. */
  @Expose()
  @Matches(/^\S.{0,4095}$/, { message: 'IMPORT_DIR must be a directory path' })
  IMPORT_DIR = 'imports';

  /**
   * Directory of the SQL files `sql_transform` may run, one statement each: `<name>.sql` runs
   * as transform `<name>`. Read at start-up; a request names a file, never sends SQL.
   */
  @Expose()
  @Matches(/^\S.{0,4095}$/, { message: 'TRANSFORM_DIR must be a directory path' })
  TRANSFORM_DIR = 'transforms';

  /** Most bytes `data_import` reads from one source (after decompression); past it the job fails. */
  @Expose()
  @IntegerFrom(1024, 1_099_511_627_776, { coerce: true, showValue: false })
  IMPORT_MAX_BYTES = 1_073_741_824;

  /** Most bytes of one CSV record or NDJSON line `data_import` reads; past it the job fails. */
  @Expose()
  @IntegerFrom(64, 1_073_741_824, { coerce: true, showValue: false })
  IMPORT_MAX_RECORD_BYTES = 1_048_576;

  /**
   * Hosts outbound requests (`data_import` URLs) may reach even on loopback, private or
   * link-local addresses, as `host[:port]`; without a port, every port of the host.
   */
  @Expose()
  @Matches(allowedHosts, {
    message:
      'OUTBOUND_ALLOWED_HOSTS must be a comma-separated list of host[:port] entries such as "files.internal,127.0.0.1:8080,[::1]:9000"',
  })
  OUTBOUND_ALLOWED_HOSTS = '';

  /** How long an outbound request may take to connect (TCP and TLS), in ms. */
  @Expose()
  @IntegerFrom(100, 300_000, { coerce: true, showValue: false })
  OUTBOUND_CONNECT_TIMEOUT_MS = 10_000;

  /** Longest silence of a remote server, waiting for its headers or between two chunks, in ms. */
  @Expose()
  @IntegerFrom(100, 3_600_000, { coerce: true, showValue: false })
  OUTBOUND_IDLE_TIMEOUT_MS = 30_000;

  /** JSON file of schedules that override or add to the built-in ones; empty for none. */
  @Expose()
  @Matches(/^.{0,4096}$/, { message: 'SCHEDULES_FILE must be a file path' })
  SCHEDULES_FILE = '';

  /** IANA timezone of schedules that name none. */
  @Expose()
  @IsTimeZone({
    message: 'SCHEDULER_TIMEZONE must be an IANA timezone such as "UTC" or "Europe/Paris"',
  })
  SCHEDULER_TIMEZONE = 'UTC';

  /** At start-up, run a schedule's latest missed tick if it is at most this old; 0 disables. */
  @Expose()
  @IntegerFrom(0, 86_400_000, { coerce: true, showValue: false })
  SCHEDULER_CATCHUP_MS = 3_600_000;

  /** Days a finished job's status is kept; the scheduler deletes older ones. 0 keeps them forever. */
  @Expose()
  @IntegerFrom(0, 36_500, { coerce: true, showValue: false })
  JOB_RETENTION_DAYS = 7;

  /** How often the scheduler looks for expired job statuses, in ms. */
  @Expose()
  @IntegerFrom(100, 86_400_000, { coerce: true, showValue: false })
  JOB_RETENTION_SWEEP_MS = 60_000;

  /** How often each app hands waiting rows to Redis and checks that Redis kept its data, in ms. */
  @Expose()
  @IntegerFrom(100, 60_000, { coerce: true, showValue: false })
  HANDOFF_SWEEP_MS = 1000;

  /** How often each app checks every unfinished job against Redis, in ms. */
  @Expose()
  @IntegerFrom(500, 3_600_000, { coerce: true, showValue: false })
  REDIS_AUDIT_MS = 10_000;

  /**
   * Limits per tenant as JSON, `"*"` for tenants without their own entry:
   * `{"acme": {"max_pending_jobs": 1000, "create_per_minute": 600}, "*": {…}}`. Empty: none.
   */
  @Expose()
  @Matches(/^.{0,65536}$/s, { message: 'TENANT_QUOTAS must be at most 65536 characters of JSON' })
  TENANT_QUOTAS = '';

  /**
   * Jobs of one tenant that Redis holds at once per queue (waiting or running there), times
   * the tenant's `weight`; the rest wait in Postgres for their turn (see FairShare).
   */
  @Expose()
  @IntegerFrom(1, 100_000, { coerce: true, showValue: false })
  TENANT_WINDOW = 100;

  /**
   * Default webhook per tenant as JSON, for jobs that name none:
   * `{"acme": {"url": "https://acme.example/hooks", "secret": "whsec_…"}}`. Empty: none.
   */
  @Expose()
  @Matches(/^.{0,65536}$/s, { message: 'TENANT_WEBHOOKS must be at most 65536 characters of JSON' })
  TENANT_WEBHOOKS = '';

  /** Webhook deliveries one worker process sends at once, on slots of their own (not WORKER_CONCURRENCY). */
  @Expose()
  @IntegerFrom(1, 1000, { coerce: true, showValue: false })
  WEBHOOK_CONCURRENCY = 10;

  /** Longest one delivery attempt waits for the receiver's answer, in ms. */
  @Expose()
  @IntegerFrom(100, 300_000, { coerce: true, showValue: false })
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * Delay before the second delivery attempt, in ms; each later one doubles (equal jitter).
   * The default, 15 min, spreads the 8 attempts over about a day.
   */
  @Expose()
  @IntegerFrom(0, 86_400_000, { coerce: true, showValue: false })
  WEBHOOK_RETRY_BASE_MS = 900_000;

  /**
   * Reverse proxies (IP addresses or CIDR ranges) whose X-Forwarded-For names the client:
   * the per-address limits then count the client, not the proxy. Empty: the connection's
   * address is the client's, and X-Forwarded-For is ignored.
   */
  @Expose()
  @ProxyAddresses('TRUST_PROXY')
  TRUST_PROXY = '';

  /** Requests refused 401 (or a failed dashboard login) one client address may make per minute. */
  @Expose()
  @IntegerFrom(1, 1_000_000, { coerce: true, showValue: false })
  AUTH_FAILURES_PER_MINUTE = 60;

  /** Event streams (GET /job-status/:id/events) one tenant may hold open on one API process. */
  @Expose()
  @IntegerFrom(1, 1_000_000, { coerce: true, showValue: false })
  SSE_MAX_STREAMS_PER_TENANT = 100;

  /** An event stream that sent no event for this long is closed, in ms. */
  @Expose()
  @IntegerFrom(1000, 86_400_000, { coerce: true, showValue: false })
  SSE_IDLE_TIMEOUT_MS = 300_000;

  /**
   * An event stream with nothing to send gets a comment line this often, in ms, so that
   * proxies that cut idle connections keep it open. A heartbeat is not an event: it does
   * not keep a stream from SSE_IDLE_TIMEOUT_MS.
   */
  @Expose()
  @IntegerFrom(100, 3_600_000, { coerce: true, showValue: false })
  SSE_HEARTBEAT_MS = 15_000;

  /** Lowest level that is logged. */
  @Expose()
  @IsIn(LOG_LEVELS, {
    message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
  })
  LOG_LEVEL: LogLevel = 'info';

  /** `json`: one JSON object per line; `pretty`: readable lines for development. */
  @Expose()
  @IsIn(LOG_FORMATS, {
    message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}`,
  })
  LOG_FORMAT: LogFormat = 'json';
}
