import { PlatformConfig } from '@lib/config';
import { redactedUrl } from '@lib/outbound';
import { Module, RequestMethod } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { pinoDestination, pinoOptions } from './pino-options';

// Probes and scrapes every few seconds would drown the lines that matter.
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

// Middie strips the path a middleware matched from `url`; `originalUrl` keeps it.
const pathOf = (request: IncomingMessage & { originalUrl?: string }): string =>
  request.originalUrl ?? request.url ?? '';

/** Structured logs (pino) for one app: one line per event, request ids on HTTP lines. */
@Module({})
export class PlatformLoggerModule {
  static forApp(app: string): DynamicModule {
    return {
      module: PlatformLoggerModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [PlatformConfig],
          useFactory: (config: PlatformConfig) => ({
            pinoHttp: [
              {
                ...pinoOptions(app, config.log),
                // The request id is Fastify's (see requestId), which pino-http takes from req.id.
                autoLogging: { ignore: (request) => QUIET_PATHS.has(pathOf(request)) },
                serializers: {
                  req: (req: { id: string; method: string; url: string; headers: unknown }) => ({
                    id: req.id,
                    method: req.method,
                    // A query string may carry a secret: logged as `?…`.
                    url: redactedUrl(req.url),
                    headers: req.headers,
                  }),
                  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                },
              },
              pinoDestination(config.log),
            ],
            renameContext: 'context',
            // Every path: nestjs-pino's default pattern matches none on Nest 12's Fastify adapter.
            forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
          }),
        }),
      ],
    };
  }
}
