import { randomUUID } from 'node:crypto';
import { PlatformConfig } from '@lib/config';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { pinoDestination, pinoOptions } from './pino-options';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
// Probes and scrapes every few seconds would drown the lines that matter.
const QUIET_PATHS = new Set(['/health', '/health/ready', '/metrics']);

/** A caller's X-Request-Id when it looks like one, else a new id; echoed in the answer. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('x-request-id', id);
  return id;
}

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
                genReqId: requestId,
                autoLogging: { ignore: (request) => QUIET_PATHS.has(request.url ?? '') },
                serializers: {
                  req: (req: { id: string; method: string; url: string; headers: unknown }) => ({
                    id: req.id,
                    method: req.method,
                    url: req.url,
                    headers: req.headers,
                  }),
                  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                },
              },
              pinoDestination(config.log),
            ],
            renameContext: 'context',
          }),
        }),
      ],
    };
  }
}
