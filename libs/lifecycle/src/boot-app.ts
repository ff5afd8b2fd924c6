import type { PlatformConfig } from '@lib/config';
import type { DatabaseSchema } from '@lib/database';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { closeOnSignals } from './close-on-signals';
import { preflight } from './preflight';
import { echoRequestId, requestId } from './request-id';

const SHUTDOWN_SLACK_MS = 10_000;

export interface BootOptions {
  /** The app's root module, or a function building it from the validated config. */
  module: Type<unknown> | ((config: PlatformConfig) => DynamicModule);
  schema: DatabaseSchema;
  /** The HTTP port, chosen from the validated config. */
  port: (config: PlatformConfig) => number;
  /** Checks of this app's own settings, run before Nest starts (throw a PlatformError). */
  validate?: (config: PlatformConfig) => void;
  /** Answers the errors Fastify's router raises before any hook runs (Fastify's `frameworkErrors`). */
  frameworkErrors?: FastifyServerOptions['frameworkErrors'];
  /** Adds what only this app has (body parsing, OpenAPI) before it listens. */
  configure?: (app: NestFastifyApplication) => void;
  /** Logged once the app listens; tests and `npm start` wait for it. */
  readyMessage: (port: number) => string;
}

/**
 * Starts an app the same way for all three: checks first (one line and exit 1 on
 * failure, see runOrExit), then Nest, the signal handlers, and the HTTP listener.
 */
export async function bootApp(name: string, options: BootOptions): Promise<void> {
  const config = await preflight(options.schema);
  options.validate?.(config);
  const root = isModuleFactory(options.module) ? options.module(config) : options.module;
  // Fastify rather than Express: about half the CPU per request for the same routes.
  const adapter = new FastifyAdapter({
    genReqId: requestId,
    // Node's default, not Fastify's 72 s: on SIGTERM the server waits for a keep-alive
    // connection that just answered its last request to time out before it closes.
    keepAliveTimeout: 5_000,
    // request.ip (the per-address limits, the request log) is the client's only behind
    // the proxies TRUST_PROXY names; a header anyone can send is believed from no one else.
    trustProxy: config.api.trustedProxies.length > 0 ? config.api.trustedProxies : false,
    frameworkErrors: options.frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bodyParser: false,
    abortOnError: false,
    // Held until the app's pino logger takes over, so every line is structured.
    bufferLogs: true,
    // Nothing printed by Nest itself: a failed start-up is reported once, by runOrExit.
    logger: false,
  });
  app.useLogger(app.get(Logger));
  echoRequestId(app.getHttpAdapter().getInstance());
  options.configure?.(app);
  // Running jobs get SHUTDOWN_GRACE_MS; connections and hooks get a little more.
  closeOnSignals(app, config.worker.shutdownGraceMs + SHUTDOWN_SLACK_MS);
  const port = options.port(config);
  // Fastify listens on 127.0.0.1 unless told otherwise; Express listened on every address.
  await app.listen(port, '0.0.0.0');
  app.get(Logger).log(options.readyMessage(port), name);
}

// A module class is a function too; only a factory has no @Module metadata.
function isModuleFactory(
  module: BootOptions['module'],
): module is (config: PlatformConfig) => DynamicModule {
  return Reflect.getMetadataKeys(module).length === 0;
}
