import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

export class JobTypeNotAllowedError extends PlatformError {
  readonly category = ERROR_CATEGORIES.forbidden;
  readonly code = 'job_type_not_allowed';

  constructor(
    readonly type: string,
    allowed: ReadonlySet<string>,
  ) {
    super(
      `This API key may not create jobs of type "${type.slice(0, 80)}". It may create: ${[...allowed].sort().join(', ')}.`,
    );
  }
}
