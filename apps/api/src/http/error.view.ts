import { ApiProperty } from '@nestjs/swagger';

/** Every error answer: Nest's standard shape. */
export class ErrorView {
  /** @example 400 */
  statusCode!: number;
  /** @example "Bad Request" */
  error!: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'What is wrong, naming the field and the rule; validation errors list each.',
    example: 'payload.ms must be an integer from 0 to 3600000, got 5000000.',
  })
  message!: string | string[];
}
