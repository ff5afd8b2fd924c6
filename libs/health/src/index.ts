// Owns: liveness and readiness (Redis, Postgres, migrations, Redis eviction policy).
// Must not import: @lib/jobs, @lib/dispatch (health knows dependencies, not jobs).
export { HealthModule } from './health.module';
