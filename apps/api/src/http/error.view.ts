import { ApiProperty } from '@nestjs/swagger';

/** Every error answer: Nest's standard shape, plus a stable `code`. */
export class ErrorView {
  /** @example 400 */
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
      '(the README lists them).',
    example: 'invalid_payload',
    pattern: '^[a-z][a-z0-9_]*$',
  })
  code!: string;
}
