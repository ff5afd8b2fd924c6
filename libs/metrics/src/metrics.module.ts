import { Global, Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { PlatformMetrics } from './platform-metrics';

/** /metrics, HTTP request metrics, and PlatformMetrics for code that counts jobs. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [PlatformMetrics, HttpMetricsMiddleware],
  exports: [PlatformMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
