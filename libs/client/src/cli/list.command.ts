import { Command, Option } from 'commander';
import { FINAL_STATES } from '../api-types.js';
import type { JobPage, JobState } from '../api-types.js';
import { cliContext } from './cli-context.js';
import { integerArgument } from './integer-argument.js';

interface ListOptions {
  status?: JobState;
  type?: string;
  queue?: string;
  limit?: number;
  cursor?: string;
}

const STATES: readonly JobState[] = ['queued', 'scheduled', 'running', 'retrying', ...FINAL_STATES];

/** `jobs list`: GET /jobs, newest first, one job per line. */
export function listCommand(): Command {
  return new Command('list')
    .description('list jobs, newest first: "<id> <status> <type> <created_at>" per line')
    .addOption(new Option('--status <status>', 'only jobs in this status').choices(STATES))
    .option('--type <type>', 'only jobs of this type')
    .option('--queue <name>', 'only jobs of this queue')
    .option('--limit <n>', 'jobs per page, 1 to 200 (default 50)', integerArgument(1, 200))
    .option('--cursor <cursor>', 'the next page, as the previous one printed it')
    .action(async (options: ListOptions, command: Command) => {
      const context = cliContext(command);
      const page = await context.client.listJobs(options);
      context.printDocument(page, () => pageText(page));
    });
}

function pageText(page: JobPage): string {
  const lines = page.jobs.map((job) =>
    [job.id, job.status.padEnd(9), job.type, job.created_at].join(' '),
  );
  if (page.next_cursor !== null) {
    lines.push(`next page: --cursor ${page.next_cursor}`);
  }
  return lines.length === 0 ? 'no jobs' : lines.join('\n');
}
