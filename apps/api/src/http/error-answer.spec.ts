import { JobNotFoundError } from '@lib/job-status';
import {
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { errorAnswer } from './error-answer';

// Nest wraps Fastify's body errors this way (see FastifyAdapter.mapException).
const fastifyError = (code: string, status: number) =>
  new HttpException('from fastify', status, { cause: Object.assign(new Error(), { code }) });

describe('errorAnswer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers a PlatformError with its category and its own code', () => {
    expect(errorAnswer(new JobNotFoundError('j1'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Job j1 does not exist (or has been deleted).',
      code: 'job_not_found',
    });
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'body_too_large'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'content_length_mismatch'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'unsupported_media_type'],
  ])('names Fastify’s %s', (fastifyCode, status, code) => {
    expect(errorAnswer(fastifyError(fastifyCode, status))).toMatchObject({
      statusCode: status,
      code,
    });
  });

  it('names an unknown route route_not_found', () => {
    expect(errorAnswer(new NotFoundException('Cannot GET /nope'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /nope',
      code: 'route_not_found',
    });
  });

  it('joins a list of messages into one string', () => {
    expect(errorAnswer(new BadRequestException(['a is wrong.', 'b is wrong.']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a is wrong. b is wrong.',
      code: 'bad_request',
    });
  });

  it('answers an error of Fastify’s own router with its status and its code in lower case', () => {
    const tooLong = Object.assign(
      new Error("'/job-status/xxx' is exceeding the max param length"),
      {
        code: 'FST_ERR_MAX_PARAM_LENGTH',
        statusCode: 414,
      },
    );
    expect(errorAnswer(tooLong)).toEqual({
      statusCode: 414,
      error: 'URI Too Long',
      message: "'/job-status/xxx' is exceeding the max param length",
      code: 'max_param_length',
    });
  });

  it('sends a body without a message (a readiness report) as it is', () => {
    const report = { status: 'error', error: { redis: { status: 'down' } } };
    expect(errorAnswer(new ServiceUnavailableException(report))).toEqual(report);
  });

  it('answers anything else 500 internal_error, without its message', () => {
    expect(errorAnswer(new Error('secret detail'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      code: 'internal_error',
    });
  });
});
