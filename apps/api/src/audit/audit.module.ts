import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogReader } from './audit-log.reader';
import { AuditTrail } from './audit-trail';

/** The audit log: written by the routes that act, read by GET /audit-log. */
@Module({
  controllers: [AuditLogController],
  providers: [AuditTrail, AuditLogReader],
  exports: [AuditTrail],
})
export class AuditModule {}
