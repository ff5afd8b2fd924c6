import { Command } from 'commander';
import { cliContext } from './cli-context.js';

/** `jobs cancel <id>`: POST /jobs/:id/cancel; prints "<id> cancelled" or "<id> cancelling". */
export function cancelCommand(): Command {
  return new Command('cancel')
    .description('cancel a job (a running one stops at its next check: "cancelling")')
    .argument('<id>', 'job id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const cancelled = await context.client.cancel(id);
      context.printDocument(cancelled, () => `${cancelled.job_id} ${cancelled.status}`);
    });
}
