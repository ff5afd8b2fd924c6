import type { DataSource } from 'typeorm';
import type { NewJobStatus } from './job-status.entity';
import type { CreatedJob } from './created-job';
import { JOBS_CREATED } from './job-transitions';
import { createdJob } from './created-job';
import type { CreatedRow } from './created-job';
import { newJobColumns } from './new-job-columns';

/**
 * Writes `jobs` in one transaction, one statement each in order, so that each job's
 * dependencies (earlier jobs of the chain) exist when the trigger that records it reads
 * them (a statement does not see its own rows). Answers each job's status, or null with
 * nothing written when the first job's idempotency key was taken: the chain exists.
 */
export async function insertChain(
  dataSource: DataSource,
  jobs: readonly NewJobStatus[],
): Promise<CreatedJob[] | null> {
  return dataSource.transaction(async (manager) => {
    const statuses: CreatedJob[] = [];
    for (const job of jobs) {
      const [written] = await manager.query<CreatedRow[]>(JOBS_CREATED, newJobColumns([job]));
      if (!written) {
        if (statuses.length === 0) {
          return null;
        }
        // A later step's key is derived from the first's, which was free: only a row
        // written outside a chain under that exact key can hold it.
        throw new Error(`Idempotency key ${job.idempotencyKey} of a chain's step is taken.`);
      }
      statuses.push(createdJob(written));
    }
    return statuses;
  });
}
