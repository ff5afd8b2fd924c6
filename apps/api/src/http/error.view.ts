import { ApiProperty } from '@nestjs/swagger';
import { API_ERROR_CODES } from './error-codes';

/** Every error answer: Nest's standard shape, plus a stable `code`. */
export class ErrorView {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  statusCode!: number;
  /** @example "Bad Request" */
  error!: string;
  /**
   * What is wrong, naming the field and the rule; one sentence per problem.
   * @example "payload.ms must be an integer from 0 to 3600000, got 5000000."
   */
  message!: string;
  @ApiProperty({
    description:
      'Stable snake_case name of the error, to match on instead of the message ' +
      '(the README lists them, with their status).',
    enum: Object.keys(API_ERROR_CODES),
    enumName: 'ErrorCode',
    example: 'invalid_payload',
  })
  code!: string;
}
