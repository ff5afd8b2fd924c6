// Owns: how an app process starts and fails: preflight checks, one-line failures, log levels.
// Must not import: @lib/dispatch, @lib/jobs (it knows processes, not jobs).
export { closeOnSignals } from './close-on-signals';
export { nestLogLevels } from './nest-log-levels';
export { preflight } from './preflight';
export { runOrExit } from './run-or-exit';
