import { SetMetadata } from '@nestjs/common';
import type { Scope } from '@lib/auth';

/** Metadata key of the scope a route needs (read by ScopeGuard). */
export const REQUIRED_SCOPE = 'jobs-platform:required-scope';

/** The route answers 403 naming `scope` to a caller whose key lacks it. */
export const RequiresScope = (scope: Scope): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPE, scope);
