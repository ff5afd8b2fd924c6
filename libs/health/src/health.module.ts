import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { PlatformConfig } from '@lib/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QueueSchemaHealthIndicator } from './queue-schema.health';
import { QueuesHealthIndicator } from './queues-health';
import { HealthController } from './health.controller';
import { READINESS_RULES } from './readiness-rules';
import type { ReadinessRules } from './readiness-rules';
import { PostgresHealthIndicator } from './postgres.health';
import { RedisHealthIndicator } from './redis.health';

/** /health and /health/ready for any app; needs the app's DatabaseModule. */
@Module({})
export class HealthModule {
  /** @param rules whether this app can do its work while Redis is down */
  static forApp(rules: ReadinessRules): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        {
          provide: QueuesHealthIndicator,
          inject: [HealthIndicatorService, PlatformConfig, getDataSourceToken()],
          useFactory: (health: HealthIndicatorService, config: PlatformConfig, db: DataSource) =>
            config.queues.backend === 'postgres'
              ? new QueueSchemaHealthIndicator(health, db)
              : new RedisHealthIndicator(health, config),
        },
        PostgresHealthIndicator,
        { provide: READINESS_RULES, useValue: rules },
      ],
    };
  }
}
