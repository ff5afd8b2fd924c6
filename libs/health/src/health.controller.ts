import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { PostgresHealthIndicator } from './postgres.health';
import { RedisHealthIndicator } from './redis.health';

const READY_EXAMPLE = {
  status: 'ok',
  info: {
    redis: { status: 'up', url: 'redis://127.0.0.1:6379', maxmemory_policy: 'noeviction' },
    postgres: { status: 'up', migrations: 'applied' },
  },
  error: {},
  details: {},
};
const NOT_READY_EXAMPLE = {
  status: 'error',
  info: { postgres: { status: 'up', migrations: 'applied' } },
  error: { redis: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' } },
  details: {},
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly redis: RedisHealthIndicator,
    private readonly postgres: PostgresHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers.' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Redis and Postgres answer, migrations applied, Redis never evicts. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: Redis and Postgres answer, migrations applied, no eviction.',
  })
  @ApiOkResponse({ schema: { example: READY_EXAMPLE } })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down or unfit; `error` names it and says why.',
    schema: { example: NOT_READY_EXAMPLE },
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.redis.check(), () => this.postgres.check()]);
  }
}
