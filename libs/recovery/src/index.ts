// Owns: keeping Redis in line with Postgres: handing waiting rows over, noticing that Redis
// lost data, auditing unfinished jobs against Redis, rescuing jobs of dead workers.
// Must not import: any app, bullmq directly (it works through @lib/dispatch and @lib/queues).
export { RecoveryLoop } from './recovery-loop';
export { RecoveryModule } from './recovery.module';
