import type { PlatformApp, PlatformConfig } from '@lib/config';
import type { DatabaseSchema } from '@lib/database';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import type { AddressInfo } from 'node:net';
import { closeOnSignals } from './close-on-signals';
import { firstFreePort } from './listen-port';
import type { ListenPort } from './listen-port';
import { PortInUseError } from './port-in-use.error';
import { preflight } from './preflight';
import { echoRequestId, requestId } from './request-id';

const SHUTDOWN_SLACK_MS = 10_000;

export interface BootOptions {
  /** The app's root module, or a function building it from the validated config. */
  module: Type<unknown> | ((config: PlatformConfig) => DynamicModule);
  schema: DatabaseSchema;
  /** The HTTP port, chosen from the validated config. */
  port: (config: PlatformConfig) => ListenPort;
  /** Checks of this app's own settings, run before Nest starts (throw a PlatformError). */
  validate?: (config: PlatformConfig) => void;
  /** Answers the errors Fastify's router raises before any hook runs (Fastify's `frameworkErrors`). */
  frameworkErrors?: FastifyServerOptions['frameworkErrors'];
  /** Adds what only this app has (body parsing, OpenAPI) before it listens. */
  configure?: (app: NestFastifyApplication) => void;
  /** Logged once the app listens, with the port it got; tests and `npm start` wait for it. */
  readyMessage: (port: number) => string;
}

/**
 * Starts an app the same way for all three: checks first (one line and exit 1 on
 * failure, see runOrExit), then Nest, the signal handlers, and the HTTP listener.
 */
export async function bootApp(name: PlatformApp, options: BootOptions): Promise<void> {
  const config = await preflight(name, options.schema);
  options.validate?.(config);
  // Before Nest starts: a worker whose port is taken must not take jobs first.
  const choice = options.port(config);
  const port = await portToListenOn(choice);
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
  const bound = await listen(app, port, choice.variable);
  app.get(Logger).log(options.readyMessage(bound), name);
}

// Fastify listens on 127.0.0.1 unless told otherwise; Express listened on every address.
const HOST = '0.0.0.0';

/** The port `choice` names if it is free, else the next free one where allowed. */
async function portToListenOn(choice: ListenPort): Promise<number> {
  const free = await firstFreePort(choice.port, HOST, choice.orNextFree);
  if (free === null) {
    throw new PortInUseError(choice.port, choice.variable);
  }
  return free;
}

/** Listens on `port` and answers the port bound (port 0: one the system chose). */
async function listen(
  app: NestFastifyApplication,
  port: number,
  variable: string,
): Promise<number> {
  try {
    await app.listen(port, HOST);
  } catch (error) {
    // Taken since portToListenOn looked (another process starting at the same instant).
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(port, variable);
    }
    throw error;
  }
  return (app.getHttpServer().address() as AddressInfo).port;
}

// A module class is a function too; only a factory has no @Module metadata.
function isModuleFactory(
  module: BootOptions['module'],
): module is (config: PlatformConfig) => DynamicModule {
  return Reflect.getMetadataKeys(module).length === 0;
}
