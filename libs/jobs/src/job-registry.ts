import type { BaseJob } from './base-job';
import { UnknownJobTypeError } from './errors/unknown-job-type.error';

/** Finds the job class for a wire type name. */
export class JobRegistry {
  private readonly byType: ReadonlyMap<string, BaseJob>;

  constructor(jobs: readonly BaseJob[]) {
    this.byType = new Map(jobs.map((job) => [job.type, job]));
  }

  /** @throws UnknownJobTypeError listing the known types */
  get(type: unknown): BaseJob {
    const job = typeof type === 'string' ? this.byType.get(type) : undefined;
    if (!job) {
      throw new UnknownJobTypeError(type, this.types());
    }
    return job;
  }

  /** Known type names, sorted. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }
}
