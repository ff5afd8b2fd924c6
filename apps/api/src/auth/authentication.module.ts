import { ApiKeyVerifier } from '@lib/auth';
import { PlatformConfig } from '@lib/config';
import { Logger, Module } from '@nestjs/common';
import type { NestModule, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { authenticateRequests } from './authentication.hook';
import { ScopeGuard } from './scope.guard';

/** API keys in front of every route but the open ones, and each route's scope. */
@Module({
  providers: [ApiKeyVerifier, { provide: APP_GUARD, useClass: ScopeGuard }],
  exports: [ApiKeyVerifier],
})
export class AuthenticationModule implements NestModule, OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: ApiKeyVerifier,
    private readonly config: PlatformConfig,
  ) {}

  // Nest configures modules before it registers routes: the hook covers them all.
  configure(): void {
    authenticateRequests(
      this.adapterHost.httpAdapter.getInstance<FastifyInstance>(),
      this.verifier,
      this.config.api.auth,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.api.auth) {
      new Logger('auth').warn(
        'API_AUTH=off: the API asks for no API key; anyone who reaches it acts as tenant "default" with every scope. Use it for local demos only.',
      );
    }
  }
}
