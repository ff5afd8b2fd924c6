// Owns: the environment variables, their validation and the typed PlatformConfig.
// Must not import: any @lib but errors (every other lib may depend on config).
export {
  EnvironmentVariables,
  LOG_FORMATS,
  LOG_LEVELS,
  QUEUE_BACKENDS,
} from './environment.variables';
export type { LogFormat, LogLevel, QueueBackendName } from './environment.variables';
export { FairShare } from './fair-share';
export type { TenantWindows } from './fair-share';
export { InvalidConfigError } from './invalid-config.error';
export { loadLogSettings, loadPlatformConfig } from './load-platform-config';
export { PlatformConfig } from './platform.config';
export type { RedisSettings } from './platform.config';
export { InvalidClusterNodeError, parseClusterNodes } from './redis-cluster-nodes';
export type { RedisClusterNode } from './redis-cluster-nodes';
export { PlatformConfigModule } from './platform-config.module';
export { ANY_TENANT, TenantQuotas } from './tenant-quotas';
export type { TenantQuota } from './tenant-quotas';
export { TenantWebhooks } from './tenant-webhooks';
export type { PlatformApp } from './unused-settings';
export type { TenantWebhook } from './tenant-webhooks';
