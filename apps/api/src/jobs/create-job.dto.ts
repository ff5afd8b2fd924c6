import { ON_DEPENDENCY_FAILURE } from '@lib/job-status';
import type { OnDependencyFailure } from '@lib/job-status';
import {
  JobOptionsDto,
  WEBHOOK_SECRET_RULE,
  WEBHOOK_URL_MAX_LENGTH,
  WEBHOOK_URL_RULE,
  isWebhookSecret,
  isWebhookUrl,
  refusalMessage,
} from '@lib/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateBy,
} from 'class-validator';
import { DEPENDENCY_FAILURE_POLICY } from '../openapi/schema-options';

const MAX_DEPENDENCIES = 100;
const POLICIES = Object.values(ON_DEPENDENCY_FAILURE);

/** Body of `POST /create-jobs`: the job's type and payload, and its options. */
export class CreateJobDto extends JobOptionsDto {
  /** Job type, e.g. `sleep` or `truncate_table`. @example "sleep" */
  @IsString({ message: '$property is required and must be a string naming a job type.' })
  type!: string;

  /** The job type's own input, validated by the job type. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { ms: 2000, message: 'hello' },
  })
  @IsDefined({ message: '$property is required: a JSON object (use {} when the job takes none).' })
  @IsObject({ message: '$property must be a JSON object.' })
  payload!: Record<string, unknown>;

  /**
   * Jobs of yours that must complete before this one runs; until then it is `waiting`.
   * They must exist: a job cannot depend on itself, directly or through others.
   */
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    maxItems: MAX_DEPENDENCIES,
    uniqueItems: true,
    example: ['0d9f6f1e-6f0c-4bb4-9a57-3c8e2f1a7b10'],
  })
  @IsOptional()
  @IsUUID('all', { each: true, message: refusalMessage('must hold job ids (UUIDs)') })
  @ArrayUnique({ message: refusalMessage('must name each job once') })
  @ArrayMaxSize(MAX_DEPENDENCIES, {
    message: refusalMessage(`must name at most ${MAX_DEPENDENCIES} jobs`),
  })
  @IsArray({ message: refusalMessage('must be an array of job ids') })
  depends_on?: string[];

  /**
   * When a dependency ends failed or cancelled: `cancel` this job (the default; its error
   * names the dependency) or `run` it once every dependency has ended.
   */
  @ApiPropertyOptional(DEPENDENCY_FAILURE_POLICY)
  @IsOptional()
  @IsIn(POLICIES, { message: refusalMessage('must be "cancel" or "run"') })
  on_dependency_failure?: OnDependencyFailure;

  /**
   * Where to POST the job's status document, signed per Standard Webhooks, once it is
   * final; defaults to the tenant's (TENANT_WEBHOOKS). @example "https://example.com/hooks/jobs"
   */
  @ApiPropertyOptional({ format: 'uri', maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsOptional()
  @ValidateBy({
    name: 'isWebhookUrl',
    validator: { validate: isWebhookUrl, defaultMessage: refusalMessage(WEBHOOK_URL_RULE) },
  })
  webhook_url?: string;

  /**
   * Secret that signs the webhook: `whsec_` and the base64 of 24 to 64 random bytes. Never
   * shown back. Defaults to the tenant's. @example "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
   */
  @ApiPropertyOptional({ pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$', writeOnly: true })
  @IsOptional()
  @ValidateBy({
    name: 'isWebhookSecret',
    // The value is a secret: the message never quotes it.
    validator: {
      validate: isWebhookSecret,
      defaultMessage: () => `webhook_secret ${WEBHOOK_SECRET_RULE}.`,
    },
  })
  webhook_secret?: string;
}
