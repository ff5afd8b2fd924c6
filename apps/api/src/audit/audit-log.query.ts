import { IntegerFrom } from '@lib/validation';
import { IsOptional, IsString } from 'class-validator';

/** Query string of `GET /audit-log`. */
export class AuditLogQuery {
  @IsOptional()
  @IntegerFrom(1, 200, { coerce: true })
  limit: number = 50;

  @IsOptional()
  @IsString()
  cursor?: string;
}
