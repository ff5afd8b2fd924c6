import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';

/** A job cancelled because a dependency failed cannot be retried while that dependency stays so. */
export class DependencyNotRetriedError extends PlatformError {
  readonly category = ERROR_CATEGORIES.conflict;
  readonly code = 'dependency_not_retried';

  constructor(
    readonly jobId: string,
    readonly dependencyId: string,
    readonly dependencyStatus: string,
  ) {
    super(
      `Job ${jobId} depends on job ${dependencyId}, which is ${dependencyStatus}: retry ` +
        `${dependencyId} first, then this job (it then waits for ${dependencyId} to complete).`,
    );
  }
}
