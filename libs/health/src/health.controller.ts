import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { PostgresHealthIndicator } from './postgres.health';
import { READINESS_RULES } from './readiness-rules';
import type { ReadinessRules } from './readiness-rules';
import { QueuesHealthIndicator } from './queues-health';

/** The answer of /health/ready: each dependency under `info` (up) or `error` (down). */
export interface Readiness {
  status: 'ok' | 'degraded' | 'error';
  info: HealthIndicatorResult;
  error: HealthIndicatorResult;
  details: HealthIndicatorResult;
}

/** One dependency's check: `up` or `down`, and what the indicator adds (url, message, …). */
const CHECK_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['up', 'down'] } },
  additionalProperties: true,
};
const CHECKS_SCHEMA: SchemaObject = { type: 'object', additionalProperties: CHECK_SCHEMA };

/** The body of /health/ready, 200 or 503. */
const READINESS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'info', 'error', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'error'] },
    info: { ...CHECKS_SCHEMA, description: 'The dependencies that are up.' },
    error: { ...CHECKS_SCHEMA, description: 'The dependencies that are down, and why.' },
    details: { ...CHECKS_SCHEMA, description: 'Every dependency.' },
  },
};

const READY_EXAMPLE = {
  status: 'ok',
  info: {
    redis: { status: 'up', url: 'redis://127.0.0.1:6379', maxmemory_policy: 'noeviction' },
    postgres: { status: 'up', migrations: 'applied' },
  },
  error: {},
  details: {},
};
const DEGRADED_EXAMPLE = {
  status: 'degraded',
  info: { postgres: { status: 'up', migrations: 'applied' } },
  error: { redis: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' } },
  details: {},
};
const NOT_READY_EXAMPLE = {
  status: 'error',
  info: { redis: { status: 'up' } },
  error: { postgres: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } },
  details: {},
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly queues: QueuesHealthIndicator,
    private readonly postgres: PostgresHealthIndicator,
    @Inject(READINESS_RULES) private readonly rules: ReadinessRules,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @ApiOperation({ summary: 'Liveness: 200 while the process answers.' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
      example: { status: 'ok' },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: Postgres answers with its migrations applied, and Redis answers without
   * evicting keys. Without Redis the API and the scheduler still take jobs (degraded).
   */
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: Postgres up and migrated, Redis up without eviction; "degraded" (200) when ' +
      'only Redis is down in an app that records jobs without it.',
  })
  @ApiOkResponse({
    description: 'Ready, or degraded: jobs are recorded and reach Redis once it is back.',
    content: {
      'application/json': {
        schema: READINESS_SCHEMA,
        examples: {
          ready: { value: READY_EXAMPLE },
          degraded: { value: DEGRADED_EXAMPLE },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency this app needs is down or unfit; `error` names it and says why.',
    schema: { ...READINESS_SCHEMA, example: NOT_READY_EXAMPLE },
  })
  async ready(): Promise<Readiness> {
    const results = await Promise.all([this.queues.check(), this.postgres.check()]);
    const readiness: Readiness = { status: 'ok', info: {}, error: {}, details: {} };
    for (const result of results) {
      for (const [key, value] of Object.entries(result)) {
        (value.status === 'up' ? readiness.info : readiness.error)[key] = value;
        readiness.details[key] = value;
      }
    }
    const down = Object.keys(readiness.error);
    const tolerable = down.length === 1 && down[0] === 'redis' && !this.rules.redisRequired;
    if (down.length > 0 && !tolerable) {
      throw new ServiceUnavailableException({ ...readiness, status: 'error' });
    }
    return { ...readiness, status: down.length > 0 ? 'degraded' : 'ok' };
  }
}
