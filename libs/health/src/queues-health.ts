import type { HealthCheckAttempt } from '@nestjs/terminus';

/** Checks where the queues live: Redis (key `redis`) or BullMQ's schema in Postgres (key `queues`). */
export abstract class QueuesHealthIndicator {
  abstract check(): HealthCheckAttempt<string>;
}
