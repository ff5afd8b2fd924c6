import { SCOPES } from '@lib/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { AuditLogQuery } from './audit-log.query';
import { AuditLogReader } from './audit-log.reader';
import { AuditLogView, toAuditEntryView } from './audit-log.view';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditLogController {
  constructor(private readonly reader: AuditLogReader) {}

  /**
   * Every create, cancel, retry, schedule trigger and dashboard action, of every tenant,
   * newest first; pass `next_cursor` back as `cursor` for the next page. Needs the `admin`
   * scope: the log spans the platform, each entry naming its tenant.
   */
  @Get('audit-log')
  @RequiresScope(SCOPES.admin)
  @ApiOkResponse({ type: AuditLogView })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: AuditLogQuery): Promise<AuditLogView> {
    const page = await this.reader.page(query.limit, query.cursor);
    return { entries: page.entries.map(toAuditEntryView), next_cursor: page.nextCursor };
  }
}
