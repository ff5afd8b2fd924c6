import { Global, Module } from '@nestjs/common';
import type { NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { countHttpAnswers } from './http-metrics.hook';
import { MetricsController } from './metrics.controller';
import { PlatformMetrics } from './platform-metrics';

/** /metrics, HTTP request metrics, and PlatformMetrics for code that counts jobs. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [PlatformMetrics],
  exports: [PlatformMetrics],
})
export class MetricsModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: PlatformMetrics,
  ) {}

  // Nest configures modules before it registers the routes, so the hook covers them all.
  configure(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    countHttpAnswers(fastify, this.metrics);
  }
}
