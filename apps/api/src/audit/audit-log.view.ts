import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../openapi/schema-options';
import { ACTOR_TYPES, AUDIT_ACTIONS } from './audit-entry';
import type { ActorType, AuditAction } from './audit-entry';
import type { AuditRecord } from './audit-log.reader';

/** Who acted. */
export class AuditActorView {
  @ApiProperty({ enum: Object.values(ACTOR_TYPES) })
  type!: ActorType;
  /** The API key's id, or the dashboard's user; null with API_AUTH=off. @example "key_3f9a…" */
  id!: string | null;
}

/** One acknowledged action. */
export class AuditEntryView {
  /** When it was recorded (ISO 8601). */
  @ApiProperty({ ...DATE_TIME, example: '2026-12-01T14:00:00.000Z' })
  at!: string;
  actor!: AuditActorView;
  /** @example "acme" */
  tenant!: string;
  @ApiProperty({ enum: Object.values(AUDIT_ACTIONS) })
  action!: AuditAction;
  /** The jobs acted on (every job a batch created). */
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  job_ids!: string[];
  /** Where it helps: the schedule triggered, the dashboard route and queue. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail!: Record<string, unknown> | null;
}

/** A page of `GET /audit-log`, newest first. */
export class AuditLogView {
  entries!: AuditEntryView[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  next_cursor!: string | null;
}

export const toAuditEntryView = (record: AuditRecord): AuditEntryView => ({
  at: record.at.toISOString(),
  actor: { type: record.actor_type, id: record.actor_id },
  tenant: record.tenant_id,
  action: record.action,
  job_ids: record.job_ids,
  detail: record.detail,
});
