import { SeqCursor } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActorType, AuditAction } from './audit-entry';
import { InvalidAuditCursorError } from './invalid-audit-cursor.error';

/** One stored entry of the audit log. */
export interface AuditRecord {
  seq: string;
  at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  tenant_id: string;
  action: AuditAction;
  job_ids: string[];
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditRecord[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const CURSOR = new SeqCursor('audit', (cursor) => new InvalidAuditCursorError(cursor));

// Walks the primary key backwards: a page costs `limit` rows however long the log is.
const PAGE = `
  SELECT seq::text, at, actor_type, actor_id, tenant_id, action, job_ids::text[], detail
  FROM audit_log
  WHERE $2::bigint IS NULL OR seq < $2::bigint
  ORDER BY seq DESC
  LIMIT $1`;

/** Reads the audit log newest first, a page at a time. */
@Injectable()
export class AuditLogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** @throws InvalidAuditCursorError for a cursor this reader did not hand out */
  async page(limit: number, cursor?: string): Promise<AuditPage> {
    const below = cursor === undefined ? null : CURSOR.decode(cursor);
    const rows = await this.dataSource.query<AuditRecord[]>(PAGE, [limit + 1, below]);
    const entries = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    return { entries, nextCursor: hasMore ? CURSOR.encode(entries[entries.length - 1].seq) : null };
  }
}
