import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
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
        RedisHealthIndicator,
        PostgresHealthIndicator,
        { provide: READINESS_RULES, useValue: rules },
      ],
    };
  }
}
