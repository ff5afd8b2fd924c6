import { QUEUE_SCHEMA } from '@lib/queues';
import { quotedIdentifier } from '@lib/database';
import type { HealthIndicatorService } from '@nestjs/terminus';
import { LATEST_SCHEMA_VERSION } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QueuesHealthIndicator } from './queues-health';

const TIMEOUT_MS = 1500;

/** QUEUE_BACKEND=postgres: BullMQ's schema is there, at the version this BullMQ expects. */
export class QueueSchemaHealthIndicator extends QueuesHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  check() {
    return this.health
      .check('queues')
      .attempt(async () => {
        const [{ version }] = await this.dataSource.query<Array<{ version: number }>>(
          `SELECT COALESCE(MAX(version), 0)::int AS version FROM ${quotedIdentifier(QUEUE_SCHEMA)}.migration`,
        );
        if (version < LATEST_SCHEMA_VERSION) {
          throw new Error(
            `schema ${QUEUE_SCHEMA} is at version ${version}, BullMQ needs ${LATEST_SCHEMA_VERSION}: restart an app to migrate it`,
          );
        }
        return { backend: 'postgres', schema: QUEUE_SCHEMA, version };
      })
      .withTimeout(TIMEOUT_MS);
  }
}
