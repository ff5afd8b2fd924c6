import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { JobsRequestPipe } from './jobs-request.pipe';

// The body as parsed, left to JobsRequestPipe: the global pipes check typed bodies whole,
// and a batch must be checked job by job.
const RawBody = createParamDecorator(
  (_: unknown, context: ExecutionContext): unknown =>
    context.switchToHttp().getRequest<FastifyRequest>().body,
);

/** The body of `POST /create-jobs`, as one job or a batch (see JobsRequestPipe). */
export const JobsRequestBody = (): ParameterDecorator => RawBody(JobsRequestPipe);
