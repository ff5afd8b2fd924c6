// Owns: how an app process starts, logs, fails and stops: preflight checks, pino, signals.
// Must not import: @lib/dispatch, @lib/jobs (it knows processes, not jobs).
export { bootApp } from './boot-app';
export type { BootOptions } from './boot-app';
export { closeOnSignals } from './close-on-signals';
export { healthPort } from './health-port';
export type { ListenPort } from './listen-port';
export { PortInUseError } from './port-in-use.error';
export { PlatformLoggerModule } from './platform-logger.module';
export { preflight } from './preflight';
export { runOrExit } from './run-or-exit';
