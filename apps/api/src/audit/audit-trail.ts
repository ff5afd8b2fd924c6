import { GroupCommit, preparedQuery } from '@lib/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditEntry } from './audit-entry';

const MAX_ENTRIES_PER_INSERT = 500;

// job_ids travel as one JSON array per entry: unnest cannot take an array of arrays of
// different lengths.
const ENTRIES_RECORDED = `
  INSERT INTO audit_log (actor_type, actor_id, tenant_id, action, job_ids, detail)
  SELECT actor_type, actor_id, tenant_id, action,
         ARRAY(SELECT jsonb_array_elements_text(job_ids))::uuid[], detail
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])
    AS entry(actor_type, actor_id, tenant_id, action, job_ids, detail)`;

/**
 * Writes the audit log. An entry is written before the action is answered, so no
 * acknowledged action goes unrecorded; entries of concurrent requests share one INSERT
 * (GroupCommit), so a busy create path pays about one round trip per group, not per job.
 */
@Injectable()
export class AuditTrail {
  private readonly entries = new GroupCommit<AuditEntry, void>(async (entries) => {
    await preparedQuery(this.dataSource, 'audit_log_recorded', ENTRIES_RECORDED, [
      entries.map((e) => e.actor.type),
      entries.map((e) => e.actor.id),
      entries.map((e) => e.tenant),
      entries.map((e) => e.action),
      entries.map((e) => JSON.stringify(e.jobIds)),
      entries.map((e) => (e.detail === undefined ? null : JSON.stringify(e.detail))),
    ]);
    return entries.map(() => undefined);
  }, MAX_ENTRIES_PER_INSERT);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves once the entry is committed. */
  record(entry: AuditEntry): Promise<void> {
    return this.entries.submit(entry);
  }
}
