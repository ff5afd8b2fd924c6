import { IntegerFrom, refusalMessage } from '@lib/validation';
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
  // A query string's values are text; one given twice arrives as an array.
  @IsString({
    message: refusalMessage('must be the next_cursor of the previous page', { fromText: true }),
  })
  cursor?: string;
}
