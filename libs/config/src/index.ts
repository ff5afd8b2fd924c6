// Owns: the environment variables, their validation and the typed PlatformConfig.
// Must not import: any other @lib (every lib may depend on config, config on none).
export { EnvironmentVariables, LOG_LEVELS } from './environment.variables';
export type { LogLevel } from './environment.variables';
export { InvalidConfigError } from './invalid-config.error';
export { loadPlatformConfig } from './load-platform-config';
export { PlatformConfig } from './platform.config';
export { PlatformConfigModule } from './platform-config.module';
