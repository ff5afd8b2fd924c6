import { PlatformError } from '@lib/errors';
import { JobStatusReader } from '@lib/job-status';
import { Injectable } from '@nestjs/common';
import type { JobDraft } from './job-row-builder';
import { UnknownDependencyError } from './unknown-dependency.error';

type Draft = JobDraft | PlatformError;

/**
 * Refuses drafts that depend on jobs that do not exist or belong to another tenant (the
 * two read alike, as for GET /job-status/:id). Since dependencies must exist first, a
 * job can never come to depend on itself through others: no cycle can form.
 */
@Injectable()
export class DependencyCheck {
  constructor(private readonly reader: JobStatusReader) {}

  /** The drafts, each with an unknown dependency replaced by its error; one query per tenant. */
  async refuseUnknown(drafts: readonly Draft[]): Promise<Draft[]> {
    const known = await this.knownByTenant(drafts);
    return drafts.map((draft) => {
      if (draft instanceof PlatformError || draft.row.dependsOn === null) {
        return draft;
      }
      const ids = known.get(draft.row.tenantId) ?? new Set<string>();
      const unknown = draft.row.dependsOn.find((id) => !ids.has(id));
      return unknown === undefined ? draft : new UnknownDependencyError(unknown);
    });
  }

  private async knownByTenant(drafts: readonly Draft[]): Promise<Map<string, Set<string>>> {
    const wanted = new Map<string, Set<string>>();
    for (const draft of drafts) {
      if (!(draft instanceof PlatformError) && draft.row.dependsOn !== null) {
        const ids = wanted.get(draft.row.tenantId) ?? new Set<string>();
        draft.row.dependsOn.forEach((id) => ids.add(id));
        wanted.set(draft.row.tenantId, ids);
      }
    }
    const known = await Promise.all(
      [...wanted].map(
        async ([tenantId, ids]) =>
          [tenantId, await this.reader.idsOfTenant(tenantId, [...ids])] as const,
      ),
    );
    return new Map(known);
  }
}
