import { Command } from 'commander';
import { cliContext } from './cli-context.js';

/** `jobs retry <id>`: POST /jobs/:id/retry, for a failed or cancelled job. */
export function retryCommand(): Command {
  return new Command('retry')
    .description('run a failed or cancelled job again; prints "<job id> <status>"')
    .argument('<id>', 'job id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const retried = await context.client.retry(id);
      context.printDocument(retried, () => `${retried.job_id} ${retried.status}`);
    });
}
