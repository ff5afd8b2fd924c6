import { IntegerFrom } from '@lib/validation';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Query string of `GET /audit-log`. */
export class AuditLogQuery {
  /** Entries per page. */
  @ApiPropertyOptional({ type: 'integer', default: 50 })
  @IsOptional()
  @IntegerFrom(1, 200, { coerce: true })
  limit: number = 50;

  @IsOptional()
  @IsString()
  cursor?: string;
}
