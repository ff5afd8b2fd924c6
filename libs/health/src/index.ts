// Owns: liveness and readiness (Postgres and its migrations; the queues: Redis and its eviction
// policy, or BullMQ's schema in Postgres).
// Must not import: @lib/jobs, @lib/dispatch (health knows dependencies, not jobs).
export { HealthModule } from './health.module';
