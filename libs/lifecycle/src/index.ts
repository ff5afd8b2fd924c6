// Owns: how an app process starts and fails: preflight checks, one-line failures, log levels.
// Must not import: @lib/dispatch, @lib/jobs (it knows processes, not jobs).
export { bootApp } from './boot-app';
export type { BootOptions } from './boot-app';
export { closeOnSignals } from './close-on-signals';
export { nestLogLevels } from './nest-log-levels';
export { preflight } from './preflight';
export { runOrExit } from './run-or-exit';
