import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PlatformMetrics } from './platform-metrics';

/** Counts and times every HTTP answer by method, route pattern and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: PlatformMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpSeconds.startTimer();
    response.on('finish', () => {
      // The route pattern (/job-status/:id), never the raw path: ids would explode the labels.
      const route = (request.route as { path?: string } | undefined)?.path;
      const labels = {
        method: request.method,
        route: route ? `${request.baseUrl}${route}` : 'unmatched',
        status: String(response.statusCode),
      };
      this.metrics.httpRequests.inc(labels);
      stop(labels);
    });
    next();
  }
}
