import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A job names as a dependency a job that does not exist, or that another tenant owns. */
export class UnknownDependencyError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'unknown_dependency';

  constructor(readonly dependencyId: string) {
    super(
      `depends_on names job ${dependencyId}, which does not exist: a job can only depend on ` +
        'jobs of its own tenant that exist when it is created.',
    );
  }
}
