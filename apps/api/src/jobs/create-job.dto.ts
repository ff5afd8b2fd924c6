import { JobOptionsDto } from '@lib/validation';
import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsObject, IsString } from 'class-validator';

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
}
