import { ApiKeyRequiredError, assertScope } from '@lib/auth';
import type { Scope } from '@lib/auth';
import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { REQUIRED_SCOPE } from './requires-scope.decorator';
import './request-caller';

/** Refuses a route declared with @RequiresScope to a caller without that scope (403). */
@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (scope === undefined) {
      return true;
    }
    const { caller } = context.switchToHttp().getRequest<FastifyRequest>();
    if (!caller) {
      throw new ApiKeyRequiredError();
    }
    assertScope(caller, scope);
    return true;
  }
}
