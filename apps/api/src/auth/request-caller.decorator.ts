import { ApiKeyRequiredError } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import './request-caller';

/** The request's Caller, as the authentication hook set it. */
export const RequestCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const { caller } = context.switchToHttp().getRequest<FastifyRequest>();
    if (!caller) {
      throw new ApiKeyRequiredError();
    }
    return caller;
  },
);
